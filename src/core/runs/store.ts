// The runs kept in a directory the caller owns (the extension's global storage): a journal per run,
// the newest `keepRuns` kept, and at start-up the runs that stopped mid-way. A run whose writing
// process still lives (another window) is running, not stopped, so it is not offered for recovery.
// Listing and the start-up check read a journal's first and last lines only (a finished run's last
// line is its short `end`), so 50 runs of 5,000 IDs cost milliseconds; a whole journal is read only
// for a run that did not finish, or to open one, and then as a stream that lets other work run
// between its pieces (a stopped run of 1.5 M IDs takes seconds to analyse).
//
// Everything in the directory is read as untrusted: only regular files are opened, never through a
// symbolic link, and never a FIFO (whose open would wait for a writer forever).
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { StringDecoder } from 'string_decoder';
import { silentLogger, type Logger, type Redactor } from '../log';
import { openRegularFile } from '../privateFile';
import { analyzeJournal, RunAnalyzer, type RunAnalysis, type RunState, type RunSummary } from './analysis';
import { RunClaims, type RunClaim } from './claim';
import {
  isMarkedIncomplete, JournalLines, parseJournalLine, readJournal, RunJournal, type CheckedOutcome, type JournalEntry, type JournalOptions, type JournalStart, type RunHeader,
} from './journal';
import { systemProbe, type OwnerProbe } from './owner';

export const keepRuns = 50;
/** A journal is a few hundred kB for 5,000 IDs; a far larger file is not one of ours and is not read. */
const largestJournalBytes = 64 * 1024 * 1024;
const journalSuffix = '.jsonl';
/** More than an `end` or `closed` line can take. */
const tailLength = 4096;
/** A stream read yields to other work at least this often. */
const sliceMs = 10;
const streamChunkBytes = 1024 * 1024;

export interface RunStoreOptions extends Pick<JournalOptions, 'appendDurably'> {
  now?: () => Date;
  logger?: Logger;
  /** Who this process is and whether a recorded owner still runs; default: the system's (owner.ts). */
  owners?: OwnerProbe;
}

/** A journal's start entry and, when it is a whole entry, its last line's. */
interface JournalEnds {
  first: JournalStart;
  last?: JournalEntry;
}

export class RunStore {
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly owners: OwnerProbe;
  private readonly journalOptions: JournalOptions;
  private readonly claims: RunClaims;

  constructor(
    readonly directory: string,
    private readonly redactor: Redactor,
    options: RunStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    this.owners = options.owners ?? systemProbe;
    this.journalOptions = { now: this.now, logger: this.log, ...(options.appendDurably ? { appendDurably: options.appendDurably } : {}) };
    this.claims = new RunClaims(path.join(directory, 'claims'), this.owners);
  }

  /** Starts the journal of a new run; pass `journal.observer()` to the engine and call `finish` with its result. */
  begin(run: Omit<RunHeader, 'runId' | 'startedAt' | 'pid' | 'owner'>): RunJournal {
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const startedAt = this.now().toISOString();
    // JSON has no NaN or Infinity (they would become null and make the start line unreadable); such
    // input is never sent, and the run's own outcome for it is all the user needs.
    const ids = [...new Set(run.ids)].filter(Number.isFinite);
    const owner = this.owners.self();
    const header: RunHeader = { ...run, ids, runId: randomUUID(), startedAt, pid: owner.pid, owner };
    const file = path.join(this.directory, `${startedAt.replace(/[:.]/g, '-')}_${header.runId}${journalSuffix}`);
    return RunJournal.create(file, header, this.redactor, this.journalOptions);
  }

  /** Newest first, at most `limit`; unreadable files are skipped with a log line. */
  async list(limit = keepRuns): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (const name of this.journalNames().reverse()) {
      if (runs.length >= limit) break;
      const ends = this.readEnds(name);
      if (!ends) continue;
      if (ends.last?.t === 'end') {
        const { t: _t, v: _v, planned: _planned, ids: _ids, ...header } = ends.first;
        runs.push({ header, state: 'finished', finishedAt: ends.last.at, counts: ends.last.counts });
        continue;
      }
      const run = await this.stream(name);
      if (run) runs.push(run);
    }
    return runs;
  }

  /** The whole run, read at once: for its report or a test. */
  load(runId: string): RunAnalysis | undefined {
    const name = this.nameOf(runId);
    return name ? this.read(name) : undefined;
  }

  /** Cancel runs that stopped without finishing, were not closed, and whose process is gone: newest first. */
  async stoppedRuns(): Promise<RunAnalysis[]> {
    const stopped: RunAnalysis[] = [];
    for (const name of this.journalNames().reverse().slice(0, keepRuns)) {
      const ends = this.readEnds(name);
      if (!ends || !awaitsResume(ends)) continue;
      if (this.owners.isAlive(ends.first.owner ?? { pid: ends.first.pid })) continue;
      const run = await this.stream(name);
      if (run?.state === 'stopped') stopped.push(run);
    }
    return stopped;
  }

  /** From the journal's last line alone: cheap enough to ask just before acting on a run. Undefined when the run is not kept. */
  stateOf(runId: string): RunState | undefined {
    const name = this.nameOf(runId);
    const ends = name ? this.readEnds(name) : undefined;
    return ends && stateFromEnds(ends);
  }

  /**
   * Claims a stopped run for this process, across windows, until `release`: undefined when another
   * window (or another offer in this one) holds it.
   */
  claim(runId: string): RunClaim | undefined {
    return this.claims.claim(runId);
  }

  /**
   * Adds to a run's record the outcomes a check after it established (Verify). The journal's last
   * line tells its state, so a finished run's `end` (with the counts as they now are) or a closed
   * run's `closed` is written again after them, and the run reads as it did.
   */
  recordChecked(runId: string, items: readonly CheckedOutcome[]): void {
    const name = this.nameOf(runId);
    if (!name) throw new Error(`no cancel run ${runId} is kept`);
    const last = this.readEnds(name)?.last;
    const journal = RunJournal.appendTo(path.join(this.directory, name), runId, this.redactor, this.journalOptions);
    try {
      journal.recordChecked(items);
      if (last?.t === 'end') {
        const counts = this.read(name)?.counts;
        if (counts) journal.rewriteLast({ ...last, counts });
      } else if (last?.t === 'closed') journal.rewriteLast(last);
    } finally {
      journal.close();
    }
    if (journal.failure) throw new Error(journal.failure);
  }

  /** Marks a stopped run as dealt with, so it is offered no more. */
  close(runId: string, how: 'dismissed' | 'resumed', by?: string): void {
    const name = this.nameOf(runId);
    if (!name) throw new Error(`no cancel run ${runId} is kept`);
    RunJournal.appendTo(path.join(this.directory, name), runId, this.redactor, this.journalOptions).close(how, by);
  }

  /** Deletes all but the newest `keep` runs, except stopped cancel runs still to be offered. Returns the files deleted. */
  prune(keep = keepRuns): string[] {
    const names = this.journalNames();
    const removed: string[] = [];
    for (const name of names.slice(0, Math.max(0, names.length - keep))) {
      const ends = this.readEnds(name);
      if (ends && awaitsResume(ends)) continue;
      fs.rmSync(path.join(this.directory, name), { force: true });
      if (ends) this.claims.removeAll(ends.first.runId);
      removed.push(name);
    }
    return removed;
  }

  private nameOf(runId: string): string | undefined {
    return this.journalNames().find((n) => n.endsWith(`_${runId}${journalSuffix}`));
  }

  /** Undefined for a file that is not a journal. */
  private readEnds(name: string): JournalEnds | undefined {
    let fd: number | undefined;
    try {
      fd = openRegularFile(path.join(this.directory, name), fs.constants.O_RDONLY);
      const size = fs.fstatSync(fd).size;
      const first = parseJournalLine(readFirstLine(fd, Math.min(size, largestJournalBytes)));
      if (first?.t !== 'start') return undefined;
      const tailBytes = Math.min(size, tailLength);
      const tail = Buffer.alloc(tailBytes);
      fs.readSync(fd, tail, 0, tailBytes, size - tailBytes);
      const lines = tail.toString('utf8').split('\n');
      // A whole last line ends with a newline, and begins after another one within the tail.
      const last = lines.length >= 3 && lines.at(-1) === '' ? parseJournalLine(lines[lines.length - 2]) : undefined;
      return { first, last };
    } catch (error) {
      this.log.warn(`skipping ${name}: ${(error as Error).message}`);
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Oldest first: the names start with the start time. Regular files only: no link, FIFO or folder. */
  private journalNames(): string[] {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(this.directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries.filter((entry) => entry.isFile() && entry.name.endsWith(journalSuffix)).map((entry) => entry.name).sort();
  }

  private read(name: string): RunAnalysis | undefined {
    let fd: number | undefined;
    try {
      fd = openRegularFile(path.join(this.directory, name), fs.constants.O_RDONLY);
      const stat = fs.fstatSync(fd);
      if (stat.size > largestJournalBytes) {
        this.log.warn(`skipping ${name}: larger than any cancel run journal`);
        return undefined;
      }
      const run = analyzeJournal(readJournal(fs.readFileSync(fd, 'utf8')), { markedIncomplete: isMarkedIncomplete(stat.mode) });
      if (!run) this.log.warn(`skipping ${name}: not a readable cancel run journal`);
      return run;
    } catch (error) {
      this.log.warn(`skipping ${name}: ${(error as Error).message}`);
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** As `read`, in pieces with pauses between them, so that the extension host is never held for long. */
  private async stream(name: string): Promise<RunAnalysis | undefined> {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(path.join(this.directory, name), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a regular file');
      if (stat.size > largestJournalBytes) {
        this.log.warn(`skipping ${name}: larger than any cancel run journal`);
        return undefined;
      }
      const pause = pauser();
      const lines = new JournalLines();
      const analyzer = new RunAnalyzer();
      const decoder = new StringDecoder('utf8');
      const buffer = Buffer.alloc(streamChunkBytes);
      for (let position = 0; ;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        for (const entry of lines.push(decoder.write(buffer.subarray(0, bytesRead)))) {
          analyzer.add(entry);
          await pause();
        }
      }
      for (const entry of lines.push(decoder.end())) analyzer.add(entry);
      lines.end();
      const build = analyzer.build(lines.damagedLines.length > 0, isMarkedIncomplete(stat.mode));
      for (let step = build.next(); ; step = build.next()) {
        if (step.done) {
          if (!step.value) this.log.warn(`skipping ${name}: not a readable cancel run journal`);
          return step.value;
        }
        await pause();
      }
    } catch (error) {
      this.log.warn(`skipping ${name}: ${(error as Error).message}`);
      return undefined;
    } finally {
      await handle?.close();
    }
  }
}

function stateFromEnds({ last }: JournalEnds): RunState {
  return last?.t === 'end' ? 'finished' : last?.t === 'closed' ? 'closed' : 'stopped';
}

/**
 * A cancel run that stopped mid-way is offered to be verified and resumed. A Start Now run is not: a
 * start sent again would be refused once the job left SCHEDULED, or, for a job that is scheduled
 * again, skip another run; its record keeps what is known of each ID (unknown for one sent without
 * an answer) in the list of job actions.
 */
function awaitsResume(ends: JournalEnds): boolean {
  return stateFromEnds(ends) === 'stopped' && (ends.first.action ?? 'cancel') === 'cancel';
}

/** A function to await between pieces of work: it gives the event loop a turn once `sliceMs` have passed. */
function pauser(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/** The first line of the file (without its newline), read in chunks; '' when none ends within `limit` bytes. */
function readFirstLine(fd: number, limit: number): string {
  const chunks: Buffer[] = [];
  let read = 0;
  while (read < limit) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, limit - read));
    const n = fs.readSync(fd, chunk, 0, chunk.length, read);
    if (n === 0) break;
    const newline = chunk.subarray(0, n).indexOf(0x0a);
    if (newline >= 0) {
      chunks.push(chunk.subarray(0, newline));
      return Buffer.concat(chunks).toString('utf8');
    }
    chunks.push(chunk.subarray(0, n));
    read += n;
  }
  return '';
}
