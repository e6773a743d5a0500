// The runs kept in a directory the caller owns (the extension's global storage): a journal per run,
// the newest `keepRuns` kept, and at start-up the runs that stopped mid-way. A run whose writing
// process still lives (another window) is running, not stopped, so it is not offered for recovery.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { silentLogger, type Logger, type Redactor } from '../log';
import { analyzeJournal, type RunAnalysis } from './analysis';
import { readJournal, RunJournal, type RunHeader } from './journal';

export const keepRuns = 50;
/** A journal is a few hundred kB for 5,000 IDs; a far larger file is not one of ours and is not read. */
const largestJournalBytes = 64 * 1024 * 1024;
const journalSuffix = '.jsonl';

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
    const header: RunHeader = { ...run, runId: randomUUID(), startedAt, pid: process.pid };
    const file = path.join(this.directory, `${startedAt.replace(/[:.]/g, '-')}_${header.runId}${journalSuffix}`);
    return RunJournal.create(file, header, this.redactor, { now: this.now, logger: this.log });
  }

  /** Newest first, at most `limit`; unreadable files are skipped with a log line. */
  list(limit = keepRuns): RunAnalysis[] {
    const runs: RunAnalysis[] = [];
    for (const name of this.journalNames().reverse()) {
      if (runs.length >= limit) break;
      const run = this.read(name);
      if (run) runs.push(run);
    }
    return runs;
  }

  load(runId: string): RunAnalysis | undefined {
    const name = this.journalNames().find((n) => n.endsWith(`_${runId}${journalSuffix}`));
    return name ? this.read(name) : undefined;
  }

  /** Runs that stopped without finishing, were not closed, and whose process is gone: newest first. */
  stoppedRuns(): RunAnalysis[] {
    return this.list().filter((run) => run.state === 'stopped' && (run.header.pid === process.pid ? false : !this.isProcessAlive(run.header.pid)));
  }

  /** Marks a stopped run as dealt with, so it is offered no more. */
  close(runId: string, how: 'dismissed' | 'resumed', by?: string): void {
    const name = this.journalNames().find((n) => n.endsWith(`_${runId}${journalSuffix}`));
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
