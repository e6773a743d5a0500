// A run's CSV audit report, written beside the journals in the extension's global storage and opened
// in an editor, from where the user saves it wherever their audit records go. The report is built
// from the journal, which holds no secret, and redacted once more on the way out (src/core/runs/report).
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Redactor } from '../../core/log';
import { reportSaveName, runReportCsv, writeRunReport, type RunFinalsStore, type RunStore } from '../../core/runs';
import { builtInCommandIds, stateKeys } from '../names';

export class RunReports {
  constructor(
    private readonly store: RunStore,
    private readonly finals: RunFinalsStore,
    readonly directory: string,
    private readonly redactor: Redactor,
    private readonly memory: vscode.Memento,
  ) {}

  /**
   * Asks where to save the run's report, offering the folder of the last one saved, else the
   * workspace's first folder, else the home folder (never the extension's hidden storage), under the
   * Vault's name and the run's date and time. Resolves to the saved file, or undefined.
   */
  async saveAs(runId: string): Promise<vscode.Uri | undefined> {
    const run = this.store.load(runId);
    if (!run) {
      void vscode.window.showWarningMessage(vscode.l10n.t('That run is no longer kept.'));
      return undefined;
    }
    const folder = this.memory.get<string>(stateKeys.lastReportFolder) ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(path.join(folder, reportSaveName(run))),
      filters: { [vscode.l10n.t('CSV report')]: ['csv'] },
      title: vscode.l10n.t('Save Job Action Report'),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(runReportCsv(run, this.redactor, this.finals.read(runId)), 'utf8'));
    if (target.scheme === 'file') await this.memory.update(stateKeys.lastReportFolder, path.dirname(target.fsPath));
    return target;
  }

  /** Writes the run's report and opens it; undefined when the run is no longer kept. */
  async show(runId: string): Promise<vscode.TextEditor | undefined> {
    const file = this.write(runId);
    if (!file) {
      void vscode.window.showWarningMessage(vscode.l10n.t('That run is no longer kept.'));
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    // A record to read or save elsewhere, never to edit: it is rewritten from the journal each time.
    await vscode.commands.executeCommand(builtInCommandIds.setActiveEditorReadonly);
    return editor;
  }

  /** The report's path, rewritten from the journal each time so that it shows the run's latest state. */
  write(runId: string): string | undefined {
    const run = this.store.load(runId);
    return run && writeRunReport(this.directory, run, this.redactor, this.finals.read(runId));
  }
}
