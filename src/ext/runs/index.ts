// The run records feature: every cancel run journalled in the extension's global storage, "Show
// Cancel Runs" with a CSV report per run, and at start-up the offer to verify and resume a run that
// stopped mid-way. The cancel feature records through the RunRecorder that createRunRecords returns.
import * as path from 'path';
import * as vscode from 'vscode';
import { keepRuns, RunStore } from '../../core/runs';
import type { SessionService } from '../session';
import type { CancelService } from '../cancel';
import type { ExtensionOutput } from '../output';
import { command, registerCommands } from '../commands';
import { commandIds } from '../names';
import { RunRecords } from './runRecords';
import { RunReports } from './runReports';
import { StoppedRuns } from './stoppedRuns';
import { runItem } from './runLabels';

export interface RunsService {
  /** Where the journals are kept. */
  readonly directory: string;
  /** Where the CSV reports are written. */
  readonly reportDirectory: string;
  /** Writes and opens a run's report. */
  showReport(runId: string): Promise<vscode.TextEditor | undefined>;
  /** Offers each run that stopped mid-way, as activation does once. */
  offerStoppedRuns(): Promise<void>;
}

export function createRunRecords(context: vscode.ExtensionContext, output: ExtensionOutput): RunRecords {
  const log = output.logger('runs');
  const store = new RunStore(path.join(context.globalStorageUri.fsPath, 'runs'), output.redactor, { logger: log });
  return new RunRecords(store, log);
}

export interface RunsDeps {
  readonly records: RunRecords;
  readonly session: SessionService;
  readonly cancel: CancelService;
  readonly output: ExtensionOutput;
}

export function activateRuns(context: vscode.ExtensionContext, { records, session, cancel, output }: RunsDeps): RunsService {
  const { store } = records;
  const log = output.logger('runs');
  const reports = new RunReports(store, path.join(store.directory, 'reports'), output.redactor);
  const stopped = new StoppedRuns({ store, reports, session, cancel, log });

  async function showCancelRuns(): Promise<vscode.TextEditor | undefined> {
    const runs = await store.list(keepRuns);
    if (runs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No cancel runs are recorded yet.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(runs.map(runItem), {
      title: vscode.l10n.t('Cancel runs (the last {0})', keepRuns),
      placeHolder: vscode.l10n.t('Pick a run to open its CSV report'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked && reports.show(picked.runId);
  }

  context.subscriptions.push(...registerCommands({ [commandIds.showCancelRuns]: command([], showCancelRuns) }, output.commandErrors));
  void stopped.offerAll();
  return {
    directory: store.directory,
    reportDirectory: reports.directory,
    showReport: (runId) => reports.show(runId),
    offerStoppedRuns: () => stopped.offerAll(),
  };
}
