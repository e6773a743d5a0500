// Job lists as untitled documents (Export Jobs, Cancel Jobs Matching…): CSV or JSON in the shape the
// cancel-from-file flow reads, so the user can review, edit, save or cancel from them as from any
// export. Untitled, so nothing is written to disk unless the user saves it. VS Code titles an
// untitled document by its first line unless it has a name: an `untitled:` URI with a path gives it
// one ("Active jobs – QMS Sandbox.csv"), which Save also offers as the file name.
import * as vscode from 'vscode';
import { exportJobs, linePositions, type ExportFormat } from '../../core/jobs';
import type { Job } from '../../core/vault';

const { l10n } = vscode;

export interface JobsDocumentOptions {
  /** Select the job_id value of every job (one selection each), for a review before cancelling. */
  readonly selectIds?: boolean;
}

/** `name` (without extension) titles the document; a number follows it when a document of that name is open. */
export async function openJobsDocument(jobs: readonly Job[], format: ExportFormat, name: string, options: JobsDocumentOptions = {}): Promise<vscode.TextEditor> {
  const { text, idRanges } = exportJobs(jobs, format);
  const created = await vscode.workspace.openTextDocument(untitledUri(name, format));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(created.uri, new vscode.Position(0, 0), text);
  if (!await vscode.workspace.applyEdit(edit)) throw new Error(l10n.t('VS Code did not fill the new document {0}', created.uri.path));
  const document = await vscode.languages.setTextDocumentLanguage(created, format);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (options.selectIds && idRanges.length > 0) {
    // Lines and characters, not offsets: the document may hold other line breaks than `text` (see linePositions).
    const at = linePositions(text, idRanges.flatMap(({ start, end }) => [start, end])).map(({ line, character }) => new vscode.Position(line, character));
    editor.selections = idRanges.map((_, i) => new vscode.Selection(at[2 * i], at[2 * i + 1]));
    editor.revealRange(editor.selections[0]);
  }
  return editor;
}

/** A name no open document has, without the characters a file name may not hold (Save offers it). */
function untitledUri(name: string, format: ExportFormat): vscode.Uri {
  const base = name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'jobs';
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  for (let copy = 1; ; copy++) {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `${base}${copy > 1 ? ` (${copy})` : ''}.${format}` });
    if (!taken.has(uri.toString())) return uri;
  }
}

/** Asks CSV or JSON; undefined when the user dismisses the question. */
export async function pickExportFormat(title: string): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'CSV', description: l10n.t('job_id, title, status, created_by, created_date, run_start_date'), format: 'csv' as const },
    { label: 'JSON', description: l10n.t('{ "jobs": [ … ] }, like a saved Retrieve Job Monitors answer'), format: 'json' as const },
  ], { title, placeHolder: l10n.t('Format of the new document') });
  return picked?.format;
}
