// Every cancel run is journalled from before its first request to its last outcome (src/core/runs), in
// the extension's global storage. Recording never stops a cancel: a journal that cannot be written is
// said in the log and the run goes on unrecorded, since holding back a cancel the user confirmed
// because of a full disk would be worse than a missing audit line.
import type { CancelRequestObserver, CancelRunResult } from '../../core/cancel';
import type { Logger } from '../../core/log';
import type { CheckedOutcome, JournalOutcome, RunHeader, RunStore, RunJournal } from '../../core/runs';
import { errorMessage } from '../../core/errorMessage';

export type RunToRecord = Omit<RunHeader, 'runId' | 'startedAt' | 'pid'>;

/** One run being recorded. */
export interface RecordedRun {
  /** Undefined when the record could not be started. */
  readonly runId: string | undefined;
  /** For the engine: records each request before it leaves and when it ends. */
  readonly observer: CancelRequestObserver | undefined;
  /** Records every ID's outcome and closes the record. */
  finish(result: CancelRunResult): void;
  /** The same for a run that is not a cancel (Start Now), whose outcomes it states in its own words. */
  finishWith(outcomes: readonly JournalOutcome[], stopped: boolean): void;
}

/** Keeps a record of each cancel run, so it can be reported and, if VS Code stops mid-run, resumed. */
export interface RunRecorder {
  begin(run: RunToRecord): RecordedRun;
  /** Adds what a later check (Verify) established to a run's record; a record that cannot be written is said in the log. */
  recordChecked(runId: string, items: readonly CheckedOutcome[]): void;
}

export class RunRecords implements RunRecorder {
  constructor(
    private readonly store: RunStore,
    private readonly log: Logger,
  ) {}

  begin(run: RunToRecord): RecordedRun {
    let journal: RunJournal;
    try {
      journal = this.store.begin(run);
    } catch (error) {
      this.log.warn(`this run is not recorded: its journal could not be created in ${this.store.directory}: ${errorMessage(error)}`);
      return { runId: undefined, observer: undefined, finish: () => undefined, finishWith: () => undefined };
    }
    // The resumed run is closed only now that the new journal (which names it) is on disk: from here
    // on the new run stands for the IDs it sends, so the old one must never be offered again.
    if (run.resumes) this.closeResumed(run.resumes, journal.runId);
    return {
      runId: journal.runId,
      observer: journal.observer(),
      finish: (result) => this.finish(journal, () => journal.finish(result)),
      finishWith: (outcomes, stopped) => this.finish(journal, () => journal.finishWith(outcomes, stopped)),
    };
  }

  recordChecked(runId: string, items: readonly CheckedOutcome[]): void {
    try {
      this.store.recordChecked(runId, items);
    } catch (error) {
      this.log.warn(`the checked outcomes of run ${runId} could not be recorded: ${errorMessage(error)}`);
    }
  }

  private finish(journal: RunJournal, writeEnd: () => void): void {
    try {
      writeEnd();
    } finally {
      journal.close();
    }
    if (journal.failure) this.log.warn(`the journal of run ${journal.runId} stopped writing: ${journal.failure}`);
    try {
      const removed = this.store.prune();
      if (removed.length) this.log.info(`removed ${removed.length} old run record(s)`);
    } catch (error) {
      this.log.warn(`old run records could not be removed: ${errorMessage(error)}`);
    }
  }

  private closeResumed(runId: string, by: string): void {
    try {
      this.store.close(runId, 'resumed', by);
    } catch (error) {
      this.log.warn(`run ${runId} could not be marked as resumed by ${by}: ${errorMessage(error)}`);
    }
  }
}
