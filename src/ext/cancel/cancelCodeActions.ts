// Code actions: "Cancel N Vault jobs…" on a selection that holds job IDs, or at a cursor on one (the
// cell, the JSON value, the job object the cursor is in), and quick fixes (Retry, Verify, Copy IDs) on cancel
// results. VS Code asks on every selection change and cursor move, so the offer is decided by a
// bounded check of the selected text, and the exact count only when the document is small; at a
// cursor in JSON, by the document's cursor index (jsonCursorIndexes.ts), at any size.
import * as vscode from 'vscode';
import { extractJobIds, idFormatFor } from '../../core/ids';
import { isRetryable } from '../../core/cancel';
import { commandIds, diagnosticSource, leftOutCode, moreResultsCode } from '../names';
import type { CancelResults, ResultEntry } from './cancelResults';
import { selectionMayHoldIdsNearby, spanOf } from './selectionRequest';
import type { JsonCursorIndexes } from './jsonCursorIndexes';
import { plural } from '../plural';

const { l10n } = vscode;

/** Past these sizes the code action is offered without counting: counting would parse the whole
 * file. At a cursor (asked on every cursor move) finding the ID under it costs about 1 ms in a 2 MB
 * CSV, so past that size a CSV file gets no light bulb at a cursor; a JSON file is asked of its index.
 * The context menu and the palette work at a cursor in any file. */
const largestSelectionChecked = 1_000_000;
const largestDocumentCounted = 2_000_000;

const cancelSelectionKind = vscode.CodeActionKind.Empty.append('vaultJobs').append('cancel');

export const idDocumentSelector: vscode.DocumentSelector = [
  { language: 'csv' }, { language: 'tsv' }, { language: 'json' }, { language: 'jsonc' }, { language: 'plaintext' },
  { pattern: '**/*.{csv,tsv,CSV,TSV}' },
];

export class CancelCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [cancelSelectionKind, vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly results: Pick<CancelResults, 'entriesAt' | 'entriesOf'>,
    private readonly cursorIndexes: Pick<JsonCursorIndexes, 'idsAt'>,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions = this.resultFixes(document, range, context);
    const selectionAction = this.cancelSelectionAction(document, range);
    if (selectionAction) actions.push(selectionAction);
    return actions;
  }

  private cancelSelectionAction(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction | undefined {
    const editor = vscode.window.activeTextEditor;
    const all: readonly vscode.Range[] = editor?.document === document ? editor.selections : [range];
    const selected = all.filter((s) => !s.isEmpty);
    // No selection: the cursors, each standing for the ID it is on.
    const atCursor = selected.length === 0;
    const ranges = atCursor ? all : selected;
    const spans = ranges.map((s) => spanOf(document, s));
    const selectedLength = spans.reduce((sum, s) => sum + s.end - s.start, 0);
    // The selection and a bounded context around it tell "no digits at all" without reading the whole file.
    if (!atCursor && selectedLength <= largestSelectionChecked && !ranges.some((s) => selectionMayHoldIdsNearby(document, s))) return undefined;
    let title = l10n.t('Cancel Vault jobs in the selection…');
    const format = idFormatFor(document.languageId, document.fileName);
    /** The IDs offered, when counted. */
    let ids: Set<number> | undefined;
    if (atCursor && (format === 'json' || format === 'jsonc')) {
      const found = this.cursorIndexes.idsAt(document, format === 'json', spans.map((s) => s.start));
      // No index of this version yet: no offer this time rather than a parse on a cursor move.
      if (found === undefined) return undefined;
      ids = new Set(found.map((o) => o.id));
    } else {
      // The document's length from its last position: getText() would copy a large file on every selection change.
      const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
      // What a cursor stands for is only known by reading the file: no offer where that is too costly.
      if (atCursor && length > largestDocumentCounted) return undefined;
      if (length <= largestDocumentCounted) ids = new Set(extractJobIds(document.getText(), format, spans).occurrences.map((o) => o.id));
    }
    if (ids !== undefined) {
      if (ids.size === 0) return undefined;
      title = ids.size === 1 ? l10n.t('Cancel Vault job {0}…', [...ids][0]) : l10n.t('Cancel {0} Vault jobs…', ids.size);
    }
    const action = new vscode.CodeAction(title, cancelSelectionKind);
    action.command = { command: commandIds.cancelSelectedIds, title, arguments: [document.uri, spans] };
    return action;
  }

  private resultFixes(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!context.diagnostics.some((d) => d.source === diagnosticSource)) return [];
    const fixes: vscode.CodeAction[] = [];
    const more = context.diagnostics.find((d) => d.source === diagnosticSource && d.code === moreResultsCode);
    if (more) {
      const show = new vscode.CodeAction(l10n.t('Show All Cancel Results'), vscode.CodeActionKind.QuickFix);
      show.command = { command: commandIds.showResults, title: show.title };
      show.diagnostics = [more];
      show.isPreferred = true;
      fixes.push(show);
    }
    const entries = this.results.entriesAt(document, range);
    const retryable = retryableIdsOf(entries);
    const ids = idsOf(entries);
    if (retryable.length) {
      const retry = new vscode.CodeAction(plural(retryable.length, {
        one: l10n.t('Retry cancelling job {0}', retryable.join(', ')),
        other: l10n.t('Retry cancelling jobs {0}', retryable.join(', ')),
      }), vscode.CodeActionKind.QuickFix);
      retry.command = { command: commandIds.retryJobIds, title: retry.title, arguments: [document.uri, retryable] };
      retry.diagnostics = entries.filter((e) => e.id !== undefined && retryable.includes(e.id)).map((e) => e.diagnostic);
      retry.isPreferred = true;
      fixes.push(retry);
    }
    const unknown = idsOf(entries.filter((e) => e.kind === 'unknown'));
    if (unknown.length) {
      const verify = new vscode.CodeAction(plural(unknown.length, { one: l10n.t('Verify job {0} with Vault', unknown.join(', ')), other: l10n.t('Verify jobs {0} with Vault', unknown.join(', ')) }), vscode.CodeActionKind.QuickFix);
      verify.command = { command: commandIds.verifyUnknown, title: verify.title, arguments: [unknown] };
      verify.diagnostics = entries.filter((e) => e.kind === 'unknown').map((e) => e.diagnostic);
      // An ID of unknown fate is never retried as it is: a check comes first.
      verify.isPreferred = retryable.length === 0;
      fixes.push(verify);
    }
    const retryableInFile = retryableIdsOf(this.results.entriesOf(document.uri));
    if (retryableInFile.length > retryable.length) {
      const title = l10n.t('Retry all {0} failed or unsent jobs in this file', retryableInFile.length);
      const retryAll = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      retryAll.command = { command: commandIds.retryJobIds, title, arguments: [document.uri, retryableInFile] };
      fixes.push(retryAll);
    }
    if (ids.length) {
      const copy = new vscode.CodeAction(plural(ids.length, { one: l10n.t('Copy job ID {0}', ids.join(', ')), other: l10n.t('Copy job IDs {0}', ids.join(', ')) }), vscode.CodeActionKind.QuickFix);
      copy.command = { command: commandIds.copyJobIds, title: copy.title, arguments: [{ ids }] };
      fixes.push(copy);
    }
    return fixes;
  }
}

/** The distinct job IDs the entries are about, in their order. */
function idsOf(entries: readonly ResultEntry[]): number[] {
  return [...new Set(entries.flatMap((e) => (e.id === undefined ? [] : [e.id])))];
}

/** Not the IDs the user chose to leave out at the confirmation. */
function retryableIdsOf(entries: readonly ResultEntry[]): number[] {
  return idsOf(entries.filter((e) => e.kind !== 'problem' && isRetryable(e.kind) && e.diagnostic.code !== leftOutCode));
}
