// The run records feature: every cancel run journalled in the extension's global storage, "Show
// Cancel Runs" with a CSV report per run, and the runs that stopped mid-way, found, claimed and
// closed for the cancel feature, which records through this service and offers to resume them.
import * as path from 'path';
import * as vscode from 'vscode';
import { keepRuns, RunStore, type RunAnalysis, type RunClaim } from '../../core/runs';
import type { ExtensionOutput } from '../output';
import { command, registerCommands } from '../commands';
import { commandIds } from '../names';
import { RunRecords, type RunRecorder } from './runRecords';
import { RunReports } from './runReports';
import { StoppedRuns } from './stoppedRuns';
import { runItem } from './runLabels';

export type { RecordedRun, RunRecorder, RunToRecord } from './runRecords';
export { countsText } from './runLabels';

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
}

export interface RunsDeps {
  readonly output: ExtensionOutput;
}

export function activateRuns(context: vscode.ExtensionContext, { output }: RunsDeps): RunsService {
  const log = output.logger('runs');
  const store = new RunStore(path.join(context.globalStorageUri.fsPath, 'runs'), output.redactor, { logger: log });
  const records = new RunRecords(store, log);
  const reports = new RunReports(store, path.join(store.directory, 'reports'), output.redactor, context.globalState);
  const stopped = new StoppedRuns(store, log);

  async function showCancelRuns(): Promise<vscode.TextEditor | undefined> {
    const runs = await store.list(keepRuns);
    if (runs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No cancel runs are recorded yet.'));
      return undefined;
    }
    // A quick pick rather than showQuickPick: each run has a Save As button beside it.
    const saveAs: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save-as'), tooltip: vscode.l10n.t('Save Report As…') };
    const pick = vscode.window.createQuickPick<ReturnType<typeof runItem>>();
    pick.title = vscode.l10n.t('Cancel runs (the last {0})', keepRuns);
    pick.placeholder = vscode.l10n.t('Pick a run to open its CSV report');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = runs.map((run) => ({ ...runItem(run), buttons: [saveAs] }));
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
    showReport: (runId) => reports.show(runId),
    saveReportAs: (runId) => reports.saveAs(runId),
    stoppedRuns: () => stopped.list(),
    claimStopped: (run) => stopped.claim(run),
    closeStopped: (run, how) => stopped.close(run, how),
  };
}
