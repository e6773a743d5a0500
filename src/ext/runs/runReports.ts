// A run's CSV audit report, written beside the journals in the extension's global storage and opened
// in an editor, from where the user saves it wherever their audit records go. The report is built
// from the journal, which holds no secret, and redacted once more on the way out (src/core/runs/report).
import * as vscode from 'vscode';
import type { Redactor } from '../../core/log';
import { writeRunReport, type RunFinalsStore, type RunStore } from '../../core/runs';
import { builtInCommandIds } from '../names';

export class RunReports {
  constructor(
    private readonly store: RunStore,
    private readonly finals: RunFinalsStore,
    readonly directory: string,
    private readonly redactor: Redactor,
  ) {}

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
