// A cancel run's journal: one JSON line per event, appended and fsync'd before the request it
// describes leaves (and after its answer arrives), so that after a crash or a closed window the next
// start knows which IDs Vault accepted, which were never sent, and which were in flight. A crash can
// tear only the last line, which reading tolerates. Every string passes through the Redactor before
// it reaches the disk: a Vault message or reason that quotes a session ID never lands in a file.
import * as fs from 'fs';
import * as path from 'path';
import type { CancelRequestObserver, CancelRequestWatch } from '../cancel/engine';
import { describeOutcome, type CancelOutcomeKind, type CancelRunResult } from '../cancel/outcome';
import { silentLogger, type Logger, type Redactor } from '../log';
import type { CancelItemResult } from '../vault';

export const journalVersion = 1;

/** Where a run's IDs came from. */
export type RunSource = 'file' | 'view' | 'typed' | 'criteria' | 'resume';

export interface RunHeader {
  runId: string;
  /** ISO date-time. */
  startedAt: string;
  vault: { dns: string; id?: number; name?: string };
  user: { id?: number; name?: string };
  source: RunSource;
  /** The run this one resumes. */
  resumes?: string;
  /** Distinct IDs the run was given, in order. */
  ids: number[];
  /** The process that writes the journal: a run whose writer still lives is not interrupted, only elsewhere. */
  pid: number;
}

/** What became of one ID, as journalled at the end of a run or derived from its events. */
export type IdFate = 'accepted' | 'refused' | 'invalid' | 'notSent' | 'unknown' | 'failed';

export const idFates: readonly IdFate[] = ['accepted', 'refused', 'invalid', 'notSent', 'unknown', 'failed'];

export function countFates(fates: Iterable<IdFate>): Record<IdFate, number> {
  const counts = Object.fromEntries(idFates.map((fate) => [fate, 0])) as Record<IdFate, number>;
  for (const fate of fates) counts[fate]++;
  return counts;
}

export interface JournalOutcome {
  id: number;
  fate: IdFate;
  message: string;
}

/** Final outcomes are written in lines of this many, so that the closing line stays short (see RunStore). */
const outcomesPerLine = 500;

export type JournalEntry =
  | ({ t: 'start'; v: number } & RunHeader)
  | { t: 'send'; seq: number; at: string; ids: number[] }
  | { t: 'answer'; seq: number; at: string; items: { id: number; ok: boolean; type?: string; message?: string }[] }
  | { t: 'fail'; seq: number; at: string; mayHaveApplied: boolean; message: string; errorType?: string }
  | { t: 'outcomes'; items: JournalOutcome[] }
  /** Written after every `outcomes` line: without it they are a torn ending and are not trusted. */
  | { t: 'end'; at: string; stopped: boolean; counts: Record<IdFate, number> }
  /** The user closed an interrupted run (dismissed it or resumed it in a new run). */
  | { t: 'closed'; at: string; how: 'dismissed' | 'resumed'; by?: string };

/** Appends durably; a write that fails is logged once and turns the journal off rather than stopping a cancel. */
export class RunJournal {
  private fd: number | undefined;
  private seq = 0;
  private broken: string | undefined;

  private constructor(
    readonly file: string,
    readonly runId: string,
    private readonly redactor: Redactor,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /** Creates the file (it must not exist) and writes the start entry before returning. */
  static create(file: string, header: RunHeader, redactor: Redactor, options: { now?: () => Date; logger?: Logger } = {}): RunJournal {
    const journal = new RunJournal(file, header.runId, redactor, options.now ?? (() => new Date()), options.logger ?? silentLogger);
    // Readable by the user only: it names the Vault, the user and every job they cancelled.
    journal.fd = fs.openSync(file, 'wx', 0o600);
    journal.append({ t: 'start', v: journalVersion, ...header });
    syncDirectory(file);
    return journal;
  }

  /** Opens an existing journal to add a closing entry. */
  static appendTo(file: string, runId: string, redactor: Redactor, options: { now?: () => Date; logger?: Logger } = {}): RunJournal {
    const journal = new RunJournal(file, runId, redactor, options.now ?? (() => new Date()), options.logger ?? silentLogger);
    journal.fd = fs.openSync(file, 'a');
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
    // Only IDs JSON can hold (see RunStore.begin).
    const outcomes: JournalOutcome[] = [...result.outcomes].filter(([id]) => Number.isFinite(id)).map(([id, outcome]) => ({
      id, fate: fateOf(outcome.kind), message: outcome.kind === 'notEligible' ? outcome.message || outcome.errorType : describeOutcome(outcome),
    }));
    for (let i = 0; i < outcomes.length; i += outcomesPerLine) this.append({ t: 'outcomes', items: outcomes.slice(i, i + outcomesPerLine) });
    this.append({ t: 'end', at: this.stamp(), stopped: result.stopped, counts: countFates(outcomes.map((o) => o.fate)) });
  }

  close(how?: 'dismissed' | 'resumed', by?: string): void {
    if (how) this.append({ t: 'closed', at: this.stamp(), how, ...(by ? { by } : {}) });
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private append(entry: JournalEntry): void {
    if (this.fd === undefined || this.broken) return;
    try {
      fs.writeSync(this.fd, `${JSON.stringify(redactStrings(entry, this.redactor))}\n`);
      fs.fsyncSync(this.fd);
    } catch (error) {
      this.broken = (error as Error).message;
      this.log.warn(`the cancel run journal ${this.file} could not be written (${this.broken}); this run cannot be recovered after a crash`);
    }
  }
}

function answerItem(item: CancelItemResult): { id: number; ok: boolean; type?: string; message?: string } {
  if (item.status === 'success') return { id: item.jobId, ok: true };
  if (item.status === 'failure') return { id: item.jobId, ok: false, type: item.errors[0]?.type, message: item.errors[0]?.message };
  // No item, or one naming another job: what Vault did with this ID is not known.
  return { id: item.jobId, ok: false, type: item.status };
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

/** Reads journal text; never throws. */
export function readJournal(text: string): JournalRead {
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  const result: JournalRead = { entries: [], tornTail: false, damagedLines: [] };
  lines.forEach((line, index) => {
    const last = index === lines.length - 1;
    if (line === '') return;
    const entry = parseJournalLine(line);
    if (entry) result.entries.push(entry);
    else if (last && !complete) result.tornTail = true;
    else result.damagedLines.push(index + 1);
  });
  if (!complete && !result.tornTail) {
    // A last line that parses without its newline may still be a cut number ("ids":[1,2] cut from [1,2,3]):
    // only a newline proves the line was written whole.
    result.entries.pop();
    result.tornTail = true;
  }
  return result;
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
    case 'start':
      return typeof e.runId === 'string' && isNumberArray(e.ids) && typeof e.vault === 'object' && e.vault !== null ? (e as unknown as JournalEntry) : undefined;
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
    case 'closed':
      return e as unknown as JournalEntry;
    default:
      return undefined;
  }
}
