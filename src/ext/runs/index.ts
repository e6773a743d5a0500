// The run records feature: every cancel run and Start Now journalled in the extension's global storage,
// "Show Job Actions" with a CSV report per run, and the runs that stopped mid-way, found, claimed and
// closed for the cancel feature, which records through this service and offers to resume them.
import * as path from 'path';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errorMessage';
import { keepRuns, RunFinalsStore, RunStore, type FinalState, type RunAnalysis, type RunClaim } from '../../core/runs';
import type { ExtensionOutput } from '../output';
import { command, registerCommands } from '../commands';
import { commandIds } from '../names';
import { RunRecords, type RunRecorder } from './runRecords';
import { RunReports } from './runReports';
import { StoppedRuns } from './stoppedRuns';
import { runItem } from './runLabels';

export type { RecordedRun, RunRecorder, RunToRecord } from './runRecords';
export { runCountsText } from './runLabels';

export interface RunsService extends RunRecorder {
  /** Where the journals are kept. */
  readonly directory: string;
  /** Where the CSV reports are written. */
  readonly reportDirectory: string;
  /** Writes and opens a run's report. */
  showReport(runId: string): Promise<vscode.TextEditor | undefined>;
  /** Asks where to save a run's report (the last folder used, else the workspace), named by Vault, date and time. */
  saveReportAs(runId: string): Promise<vscode.Uri | undefined>;
  /** Every run that stopped mid-way, newest first; none when they cannot be read (said in the log). */
  stoppedRuns(): Promise<RunAnalysis[]>;
  /** The stopped run claimed for this window; undefined, said to the user, when another window has it or dealt with it. */
  claimStopped(run: RunAnalysis): RunClaim | undefined;
  /** Closes a stopped run for good, so that it is offered no more. */
  closeStopped(run: RunAnalysis, how: 'dismissed' | 'resumed'): void;
  /** The run's accepted `jobIds` are followed until they end (its report says `still cancelling` meanwhile). */
  followFinals(runId: string, jobIds: readonly number[]): void;
  /** The final states of the run's jobs that ended (its report's `final_state,final_at`). */
  recordFinals(runId: string, ended: readonly ({ jobId: number } & FinalState)[]): void;
  /** The run's `jobIds` are followed no more (its report says `not followed`). */
  stopFollowing(runId: string, jobIds: readonly number[]): void;
}

export interface RunsDeps {
  readonly output: ExtensionOutput;
}

export function activateRuns(context: vscode.ExtensionContext, { output }: RunsDeps): RunsService {
  const log = output.logger('runs');
  const store = new RunStore(path.join(context.globalStorageUri.fsPath, 'runs'), output.redactor, { logger: log });
  const records = new RunRecords(store, log);
  const finals = new RunFinalsStore(path.join(store.directory, 'finals'));
  const reports = new RunReports(store, finals, path.join(store.directory, 'reports'), output.redactor, context.globalState);
  // A run's record is never worth failing the watch that feeds it: a write that fails is logged.
  const writeFinals = (what: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      log.warn(`the final states of ${what} could not be written: ${errorMessage(error)}`);
    }
  };
  const stopped = new StoppedRuns(store, log);

  async function showCancelRuns(): Promise<vscode.TextEditor | undefined> {
    const runs = await store.list(keepRuns);
    if (runs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No job actions (cancel runs or Start Now) are recorded yet.'));
      return undefined;
    }
    finals.prune(new Set(runs.map((run) => run.header.runId)));
    // A quick pick rather than showQuickPick: each run has a Save As button beside it.
    const saveAs: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: vscode.l10n.t('Save Report As…') };
    const pick = vscode.window.createQuickPick<ReturnType<typeof runItem>>();
    pick.title = vscode.l10n.t('Job actions: cancel runs and Start Now (the last {0})', keepRuns);
    pick.placeholder = vscode.l10n.t('Pick a run to open its CSV report');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = runs.map((run) => ({ ...runItem(run, finals.read(run.header.runId)), buttons: [saveAs] }));
    const picked = await new Promise<ReturnType<typeof runItem> | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidTriggerItemButton(({ item }) => {
        pick.hide();
        void reports.saveAs(item.runId);
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    return picked && reports.show(picked.runId);
  }

  context.subscriptions.push(...registerCommands({ [commandIds.showCancelRuns]: command([], showCancelRuns) }, output.commandErrors));
  return {
    directory: store.directory,
    reportDirectory: reports.directory,
    begin: (run) => records.begin(run),
    recordChecked: (runId, items) => records.recordChecked(runId, items),
    showReport: (runId) => reports.show(runId),
    saveReportAs: (runId) => reports.saveAs(runId),
    stoppedRuns: () => stopped.list(),
    claimStopped: (run) => stopped.claim(run),
    closeStopped: (run, how) => stopped.close(run, how),
    followFinals: (runId, jobIds) => writeFinals(`run ${runId}`, () => finals.follow(runId, jobIds)),
    recordFinals: (runId, ended) => writeFinals(`run ${runId}`, () => finals.record(runId, ended)),
    stopFollowing: (runId, jobIds) => writeFinals(`run ${runId}`, () => finals.stopFollowing(runId, jobIds)),
  };
}
