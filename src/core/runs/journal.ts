// A cancel run's journal: one JSON line per event, appended and fsync'd before the request it
// describes leaves (and after its answer arrives), so that after a crash or a closed window the next
// start knows which IDs Vault accepted, which were never sent, and which were in flight. A crash can
// tear only the last line, which reading tolerates. Every string passes through the Redactor before
// it reaches the disk: a Vault message or reason that quotes a session ID never lands in a file.
//
// A write that fails (a full disk) does not stop the run, so from then on IDs may leave unrecorded:
// the journal marks itself incomplete by clearing its owner-write bit, the one mark a full disk still
// takes (a file's mode lives in its inode and needs no new block), and the reader then trusts no
// "never sent" in it.
import * as fs from 'fs';
import * as path from 'path';
import { describeOutcome, type CancelOutcome, type CancelOutcomeKind, type CancelRequestObserver, type CancelRequestWatch, type CancelRunResult } from '../cancel';
import { silentLogger, type Logger, type Redactor } from '../log';
import { openRegularFile, privateFileMode } from '../privateFile';
import type { CancelItemResult } from '../vault';
import { parseIdentity, type ProcessIdentity } from './owner';

/**
 * 2: the run's IDs follow the start line in `plan` lines of `idsPerPlanLine`, so that no line is
 * large and the start line alone tells who wrote the run (1: the IDs were in the start line).
 */
export const journalVersion = 2;
const idsPerPlanLine = 5000;

/** Where a run's IDs came from. */
export type RunSource = 'file' | 'view' | 'typed' | 'criteria' | 'resume';

/**
 * What a run asked Vault to do with its IDs: cancel them (Cancel Job), or start them now (Start Now,
 * one request per ID). Journals of older builds have no action: they are cancel runs.
 */
export type RunAction = 'cancel' | 'startNow';

export interface RunHeader {
  runId: string;
  /** Absent: 'cancel'. */
  action?: RunAction;
  /** ISO date-time. */
  startedAt: string;
  vault: { dns: string; id?: number; name?: string };
  user: { id?: number; name?: string };
  source: RunSource;
  /** The run this one resumes. */
  resumes?: string;
  /**
   * Where the IDs came from, as precisely as they were chosen: the file's name and path, the Jobs
   * view's group and filter, the criteria as entered, the IDs as typed. Absent in older journals.
   */
  sourceDetail?: string;
  /** The jobs' titles as last listed, by ID, for those the extension had listed; kept in the plan lines. */
  titles?: Record<number, string>;
  /** Distinct IDs the run was given, in order. */
  ids: number[];
  /** The process that writes the journal: a run whose writer still lives is not interrupted, only elsewhere. */
  pid: number;
  /** The same process, named by more than its PID (owner.ts); absent in journals of older builds. */
  owner?: ProcessIdentity;
}

/** What became of one ID, as journalled at the end of a run or derived from its events. */
export type IdFate = 'accepted' | 'refused' | 'invalid' | 'notSent' | 'unknown' | 'failed';

export const idFates: readonly IdFate[] = ['accepted', 'refused', 'invalid', 'notSent', 'unknown', 'failed'];

export function countFates(fates: Iterable<IdFate>): Record<IdFate, number> {
  const counts = Object.fromEntries(idFates.map((fate) => [fate, 0])) as Record<IdFate, number>;
  for (const fate of fates) counts[fate]++;
  return counts;
}

/** The message of an accepted ID, in a finished run's record as in one read back from its requests. */
export const acceptedMessage = 'Vault accepted the cancel';

export interface JournalOutcome {
  id: number;
  fate: IdFate;
  message: string;
}

/** An outcome established after the run by asking Vault (Verify): it replaces what the run's own entries say of the ID. */
export interface CheckedOutcome extends JournalOutcome {
  /** The status Vault showed. */
  status?: string;
  /** Vault showed it cancelled at a time before the run started: not this run's doing. */
  before?: boolean;
}

/** Final outcomes are written in lines of this many, so that the closing line stays short (see RunStore). */
const outcomesPerLine = 500;

/** The start line on disk: from version 2 on, `ids` is in the `plan` lines and `planned` counts them. */
export type JournalStart = { t: 'start'; v: number; planned?: number } & Omit<RunHeader, 'ids'> & { ids?: number[] };

export type JournalEntry =
  | JournalStart
  | { t: 'plan'; ids: number[]; titles?: Record<number, string> }
  | { t: 'send'; seq: number; at: string; ids: number[] }
  | { t: 'answer'; seq: number; at: string; items: { id: number; ok: boolean; type?: string; message?: string }[] }
  | { t: 'fail'; seq: number; at: string; mayHaveApplied: boolean; message: string; errorType?: string }
  | { t: 'outcomes'; items: JournalOutcome[] }
  /** Written after every `outcomes` line: without it they are a torn ending and are not trusted. */
  | { t: 'end'; at: string; stopped: boolean; counts: Record<IdFate, number> }
  /** Outcomes Vault's lists or Job Status established later, for IDs the run could not tell (see recovery.ts). */
  | { t: 'checked'; at: string; items: CheckedOutcome[] }
  /** The user closed an interrupted run (dismissed it or resumed it in a new run). */
  | { t: 'closed'; at: string; how: 'dismissed' | 'resumed'; by?: string }
  /** Written when an incomplete journal is closed: the mark its mode carried, kept in the text. */
  | { t: 'incomplete'; at: string };

export interface JournalOptions {
  now?: () => Date;
  logger?: Logger;
  /** Writes and syncs one piece of the journal; a seam for tests of a disk that refuses writes. */
  appendDurably?: (fd: number, text: string) => void;
}

/** The incomplete mark: the writer gave up on the file (see the file's head). */
const incompleteMarkMode = 0o400;

/** A full disk or a file-size limit can take part of a write without an error: the rest is written, or its error thrown. */
const appendAndSync = (fd: number, text: string): void => {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written);
  fs.fsyncSync(fd);
};

/** Appends durably; a write that fails is logged once and turns the journal off rather than stopping a cancel. */
export class RunJournal {
  private fd: number | undefined;
  private seq = 0;
  private broken: string | undefined;
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly appendDurably: (fd: number, text: string) => void;

  private constructor(
    readonly file: string,
    readonly runId: string,
    private readonly redactor: Redactor,
    options: JournalOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    this.appendDurably = options.appendDurably ?? appendAndSync;
  }

  /**
   * Creates the file (it must not exist) and writes the start entry and the run's IDs before
   * returning; throws, leaving no file, when that cannot be written.
   */
  static create(file: string, header: RunHeader, redactor: Redactor, options: JournalOptions = {}): RunJournal {
    const journal = new RunJournal(file, header.runId, redactor, options);
    const { ids, titles, ...start } = header;
    const lines: JournalEntry[] = [{ t: 'start', v: journalVersion, ...start, planned: ids.length }];
    for (let i = 0; i < ids.length; i += idsPerPlanLine) {
      const planned = ids.slice(i, i + idsPerPlanLine);
      const named = titles ? Object.fromEntries(planned.flatMap((id) => (titles[id] === undefined ? [] : [[id, titles[id]]]))) : {};
      lines.push({ t: 'plan', ids: planned, ...(Object.keys(named).length > 0 ? { titles: named } : {}) });
    }
    const fd = openRegularFile(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_APPEND);
    try {
      // Exact, whatever the umask: a journal without its owner-write bit reads as marked incomplete.
      fs.fchmodSync(fd, privateFileMode);
      journal.appendDurably(fd, lines.map((line) => journal.line(line)).join(''));
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
      throw error;
    }
    journal.fd = fd;
    syncDirectory(file);
    return journal;
  }

  /**
   * Opens an existing journal to add a closing entry. A torn last line (a crash while writing it) is
   * cut off first, or the closing line would join it and be unreadable; an incomplete mark is
   * written into the text before the mode that carried it is lifted.
   */
  static appendTo(file: string, runId: string, redactor: Redactor, options: JournalOptions = {}): RunJournal {
    const journal = new RunJournal(file, runId, redactor, options);
    const fd = openRegularFile(file, fs.constants.O_RDONLY);
    let incomplete: boolean;
    try {
      incomplete = isMarkedIncomplete(fs.fstatSync(fd).mode);
      if (incomplete) fs.fchmodSync(fd, privateFileMode);
    } finally {
      fs.closeSync(fd);
    }
    journal.fd = openRegularFile(file, fs.constants.O_RDWR | fs.constants.O_APPEND);
    cutTornTail(journal.fd);
    if (incomplete) journal.append({ t: 'incomplete', at: journal.stamp() });
    return journal;
  }

  /** Why the journal stopped writing, if it did. */
  get failure(): string | undefined {
    return this.broken;
  }

  /** For the engine's `observer` option. */
  observer(): CancelRequestObserver {
    return { beforeSend: (ids) => this.sending(ids) };
  }

  private sending(ids: readonly number[]): CancelRequestWatch {
    const seq = ++this.seq;
    this.append({ t: 'send', seq, at: this.stamp(), ids: [...ids] });
    return {
      answered: (items) => this.append({ t: 'answer', seq, at: this.stamp(), items: items.map(answerItem) }),
      failed: (failure) => this.append({ t: 'fail', seq, at: this.stamp(), ...failure }),
    };
  }

  finish(result: CancelRunResult): void {
    this.finishWith([...result.outcomes].map(([id, outcome]) => ({
      id, fate: fateOf(outcome.kind), message: outcomeMessage(outcome),
    })), result.stopped);
  }

  /** Records each ID's final outcome, as a run other than a cancel states it, and the run's end. */
  finishWith(final: readonly JournalOutcome[], stopped: boolean): void {
    // Only IDs JSON can hold (see RunStore.begin).
    const outcomes = final.filter(({ id }) => Number.isFinite(id));
    for (let i = 0; i < outcomes.length; i += outcomesPerLine) this.append({ t: 'outcomes', items: outcomes.slice(i, i + outcomesPerLine) });
    this.append({ t: 'end', at: this.stamp(), stopped, counts: countFates(outcomes.map((o) => o.fate)) });
  }

  /** Records what a check established after the run (see RunStore.recordChecked). */
  recordChecked(items: readonly CheckedOutcome[]): void {
    for (let i = 0; i < items.length; i += outcomesPerLine) this.append({ t: 'checked', at: this.stamp(), items: items.slice(i, i + outcomesPerLine) });
  }

  /** Writes a journal's `end` or `closed` line again, last, so that the last line still tells the run's state. */
  rewriteLast(entry: Extract<JournalEntry, { t: 'end' | 'closed' }>): void {
    this.append(entry);
  }

  close(how?: 'dismissed' | 'resumed', by?: string): void {
    if (how) this.append({ t: 'closed', at: this.stamp(), how, ...(by ? { by } : {}) });
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private line(entry: JournalEntry): string {
    return `${JSON.stringify(redactStrings(entry, this.redactor))}\n`;
  }

  private append(entry: JournalEntry): void {
    if (this.fd === undefined || this.broken) return;
    try {
      this.appendDurably(this.fd, this.line(entry));
    } catch (error) {
      this.broken = (error as Error).message;
      this.log.warn(`the cancel run journal ${this.file} could not be written (${this.broken}); this run cannot be recovered after a crash`);
      this.markIncomplete();
    }
  }

  /** From here on IDs may leave unrecorded: the reader must trust no "never sent" in this file. */
  private markIncomplete(): void {
    try {
      if (this.fd !== undefined) fs.fchmodSync(this.fd, incompleteMarkMode);
    } catch (error) {
      this.log.warn(`the cancel run journal ${this.file} could not be marked incomplete: ${(error as Error).message}`);
    }
  }
}

/** The journal's writer gave up on it: the owner may not write it (see markIncomplete). */
export function isMarkedIncomplete(mode: number): boolean {
  return (mode & 0o200) === 0;
}

/** Cuts a last line that has no newline: it was being written when the writer died, and no reader trusts it. */
function cutTornTail(fd: number): void {
  const size = fs.fstatSync(fd).size;
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = fs.readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (newline >= 0) {
      if (start + newline + 1 < size) fs.ftruncateSync(fd, start + newline + 1);
      return;
    }
    end = start;
  }
}

function answerItem(item: CancelItemResult): { id: number; ok: boolean; type?: string; message?: string } {
  if (item.status === 'success') return { id: item.jobId, ok: true };
  if (item.status === 'failure') return { id: item.jobId, ok: false, type: item.errors[0]?.type, message: item.errors[0]?.message };
  // No item, or one naming another job: what Vault did with this ID is not known.
  return { id: item.jobId, ok: false, type: item.status };
}

/** Vault's words where it gave some (a job not eligible), else the outcome described. */
function outcomeMessage(outcome: CancelOutcome): string {
  switch (outcome.kind) {
    case 'accepted': return acceptedMessage;
    case 'notEligible': return outcome.message || outcome.errorType;
    default: return describeOutcome(outcome);
  }
}

/** A check's outcomes (Verify in the window) as a run's record keeps them. */
export function checkedFromOutcomes(outcomes: Iterable<[number, CancelOutcome]>): CheckedOutcome[] {
  return [...outcomes].map(([id, outcome]) => ({
    id, fate: fateOf(outcome.kind), message: outcomeMessage(outcome),
    ...(outcome.kind === 'notEligible' && outcome.cancelledBefore ? { before: true } : {}),
  }));
}

function fateOf(kind: CancelOutcomeKind): IdFate {
  switch (kind) {
    case 'accepted': return 'accepted';
    case 'notEligible': return 'refused';
    case 'invalidInput': return 'invalid';
    case 'notSent': return 'notSent';
    case 'unknown': return 'unknown';
    case 'failed': return 'failed';
  }
}

/** A deep copy with every string redacted, so a secret is caught before JSON escaping could disguise it. */
export function redactStrings<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redactor)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item as unknown, redactor)])) as T;
  }
  return value;
}

/** A new file's directory entry must reach the disk too, or the file can vanish in a power cut. Not possible on Windows. */
function syncDirectory(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; NTFS journals its metadata itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface JournalRead {
  entries: JournalEntry[];
  /** The last line was cut short (a crash while writing it); it is ignored. */
  tornTail: boolean;
  /** Lines before the last that could not be read: the file was damaged, so the analysis trusts it less. */
  damagedLines: number[];
}

/**
 * Reads journal text piece by piece (a whole file, or chunks as they come from a stream); never throws.
 * Only a newline proves a line was written whole: a last line without one is torn, even when it
 * parses ('"ids":[1,2]' cut from '[1,2,3]').
 */
export class JournalLines {
  private pending = '';
  private lineNumber = 0;
  readonly damagedLines: number[] = [];
  private torn = false;

  /** The whole entries the text completes. */
  push(text: string): JournalEntry[] {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    const entries: JournalEntry[] = [];
    for (const line of lines) {
      this.lineNumber++;
      if (line === '') continue;
      const entry = parseJournalLine(line);
      if (entry) entries.push(entry);
      else this.damagedLines.push(this.lineNumber);
    }
    return entries;
  }

  /** The text has ended: whatever follows its last newline is torn. */
  end(): void {
    this.torn = this.pending !== '';
    this.pending = '';
  }

  get tornTail(): boolean {
    return this.torn;
  }
}

export function readJournal(text: string): JournalRead {
  const lines = new JournalLines();
  const entries = lines.push(text);
  lines.end();
  return { entries, tornTail: lines.tornTail, damagedLines: lines.damagedLines };
}

const isNumberArray = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => typeof n === 'number');

/** One line of a journal, or undefined when it is not a whole, well-formed entry. */
export function parseJournalLine(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const e = value as Record<string, unknown>;
  switch (e.t) {
    case 'start': {
      // Version 1 holds the IDs; later ones count those their plan lines hold.
      const ids = e.v === 1 ? isNumberArray(e.ids) : Number.isSafeInteger(e.planned) && e.ids === undefined;
      if (typeof e.runId !== 'string' || !ids || typeof e.vault !== 'object' || e.vault === null) return undefined;
      const owner = parseIdentity(e.owner);
      const { owner: _owner, ...rest } = e;
      return { ...rest, ...(owner ? { owner } : {}) } as unknown as JournalEntry;
    }
    case 'plan':
      return isNumberArray(e.ids) ? (e as unknown as JournalEntry) : undefined;
    case 'send':
      return typeof e.seq === 'number' && isNumberArray(e.ids) ? (e as unknown as JournalEntry) : undefined;
    case 'answer':
      return typeof e.seq === 'number' && Array.isArray(e.items) && e.items.every((i: { id?: unknown; ok?: unknown }) => typeof i?.id === 'number' && typeof i.ok === 'boolean')
        ? (e as unknown as JournalEntry) : undefined;
    case 'fail':
      return typeof e.seq === 'number' && typeof e.mayHaveApplied === 'boolean' ? (e as unknown as JournalEntry) : undefined;
    case 'outcomes':
      return Array.isArray(e.items) && e.items.every((o: { id?: unknown; fate?: unknown }) => typeof o?.id === 'number' && idFates.includes(o.fate as IdFate))
        ? (e as unknown as JournalEntry) : undefined;
    case 'end':
      return typeof e.counts === 'object' && e.counts !== null ? (e as unknown as JournalEntry) : undefined;
    case 'checked':
      return Array.isArray(e.items) && e.items.every((o: { id?: unknown; fate?: unknown }) => typeof o?.id === 'number' && idFates.includes(o.fate as IdFate))
        ? (e as unknown as JournalEntry) : undefined;
    case 'closed':
    case 'incomplete':
      return e as unknown as JournalEntry;
    default:
      return undefined;
  }
}
