// The runs kept in a directory the caller owns (the extension's global storage): a journal per run,
// the newest `keepRuns` kept, and at start-up the runs that stopped mid-way. A run whose writing
// process still lives (another window) is running, not stopped, so it is not offered for recovery.
// Listing and the start-up check read a journal's first and last lines only (a finished run's last
// line is its short `end`), so 50 runs of 5,000 IDs cost milliseconds; a whole journal is read only
// for a run that did not finish, or to open one.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { silentLogger, type Logger, type Redactor } from '../log';
import { analyzeJournal, type RunAnalysis, type RunSummary } from './analysis';
import { parseJournalLine, readJournal, RunJournal, type JournalEntry, type RunHeader } from './journal';

export const keepRuns = 50;
/** A journal is a few hundred kB for 5,000 IDs; a far larger file is not one of ours and is not read. */
const largestJournalBytes = 64 * 1024 * 1024;
const journalSuffix = '.jsonl';
/** More than an `end` or `closed` line can take. */
const tailLength = 4096;

export interface RunStoreOptions {
  now?: () => Date;
  logger?: Logger;
  /** Default: signal 0 to the process. */
  isProcessAlive?: (pid: number) => boolean;
}

export class RunStore {
  private readonly now: () => Date;
  private readonly log: Logger;
  private readonly isProcessAlive: (pid: number) => boolean;

  constructor(
    readonly directory: string,
    private readonly redactor: Redactor,
    options: RunStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    this.isProcessAlive = options.isProcessAlive ?? processAlive;
  }

  /** Starts the journal of a new run; pass `journal.observer()` to the engine and call `finish` with its result. */
  begin(run: Omit<RunHeader, 'runId' | 'startedAt' | 'pid'>): RunJournal {
    fs.mkdirSync(this.directory, { recursive: true });
    const startedAt = this.now().toISOString();
    // JSON has no NaN or Infinity (they would become null and make the start line unreadable); such
    // input is never sent, and the run's own outcome for it is all the user needs.
    const ids = [...new Set(run.ids)].filter(Number.isFinite);
    const header: RunHeader = { ...run, ids, runId: randomUUID(), startedAt, pid: process.pid };
    const file = path.join(this.directory, `${startedAt.replace(/[:.]/g, '-')}_${header.runId}${journalSuffix}`);
    return RunJournal.create(file, header, this.redactor, { now: this.now, logger: this.log });
  }

  /** Newest first, at most `limit`; unreadable files are skipped with a log line. */
  list(limit = keepRuns): RunSummary[] {
    const runs: RunSummary[] = [];
    for (const name of this.journalNames().reverse()) {
      if (runs.length >= limit) break;
      const run = this.summary(name);
      if (run) runs.push(run);
    }
    return runs;
  }

  load(runId: string): RunAnalysis | undefined {
    const name = this.nameOf(runId);
    return name ? this.read(name) : undefined;
  }

  /** Runs that stopped without finishing, were not closed, and whose process is gone: newest first. */
  stoppedRuns(): RunAnalysis[] {
    const stopped: RunAnalysis[] = [];
    for (const name of this.journalNames().reverse().slice(0, keepRuns)) {
      const ends = this.readEnds(name);
      if (!ends || ends.last?.t === 'end' || ends.last?.t === 'closed') continue;
      if (ends.first.pid === process.pid || this.isProcessAlive(ends.first.pid)) continue;
      const run = this.read(name);
      if (run?.state === 'stopped') stopped.push(run);
    }
    return stopped;
  }

  /** Marks a stopped run as dealt with, so it is offered no more. */
  close(runId: string, how: 'dismissed' | 'resumed', by?: string): void {
    const name = this.nameOf(runId);
    if (!name) throw new Error(`no cancel run ${runId} is kept`);
    RunJournal.appendTo(path.join(this.directory, name), runId, this.redactor, { now: this.now, logger: this.log }).close(how, by);
  }

  /** Deletes all but the newest `keep` runs, except stopped runs still to be offered. Returns the files deleted. */
  prune(keep = keepRuns): string[] {
    const names = this.journalNames();
    const removed: string[] = [];
    for (const name of names.slice(0, Math.max(0, names.length - keep))) {
      const run = this.read(name);
      if (run?.state === 'stopped') continue;
      fs.rmSync(path.join(this.directory, name), { force: true });
      removed.push(name);
    }
    return removed;
  }

  private nameOf(runId: string): string | undefined {
    return this.journalNames().find((n) => n.endsWith(`_${runId}${journalSuffix}`));
  }

  private summary(name: string): RunSummary | undefined {
    const ends = this.readEnds(name);
    if (ends?.last?.t === 'end') {
      const { t: _t, v: _v, ...header } = ends.first;
      return { header, state: 'finished', finishedAt: ends.last.at, counts: ends.last.counts };
    }
    return this.read(name);
  }

  /** The start entry and, when it is a whole entry, the last line's; undefined for a file that is not a journal. */
  private readEnds(name: string): { first: Extract<JournalEntry, { t: 'start' }>; last?: JournalEntry } | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path.join(this.directory, name), 'r');
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

  /** Oldest first: the names start with the start time. */
  private journalNames(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.filter((name) => name.endsWith(journalSuffix)).sort();
  }

  private read(name: string): RunAnalysis | undefined {
    const file = path.join(this.directory, name);
    try {
      if (fs.statSync(file).size > largestJournalBytes) {
        this.log.warn(`skipping ${name}: larger than any cancel run journal`);
        return undefined;
      }
      const run = analyzeJournal(readJournal(fs.readFileSync(file, 'utf8')));
      if (!run) this.log.warn(`skipping ${name}: not a readable cancel run journal`);
      return run;
    } catch (error) {
      this.log.warn(`skipping ${name}: ${(error as Error).message}`);
      return undefined;
    }
  }
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
