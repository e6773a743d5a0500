import * as path from 'path';
import * as vscode from 'vscode';
import { extractJobIds, idFormatFor, selectionMayHoldIds, type TextSpan } from '../../core/ids';
import type { CancelRequest } from './cancelRunner';

export function spanOf(document: vscode.TextDocument, range: vscode.Range): TextSpan {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** Could the selected text hold a job ID? Reads only the selection, never the whole document. */
export function selectedTextMayHoldIds(document: vscode.TextDocument, range: vscode.Range): boolean {
  const text = document.getText(range);
  return selectionMayHoldIds(text, idFormatFor(document.languageId, document.fileName), [{ start: 0, end: text.length }]);
}

/** The job IDs (and the values that are not valid IDs) in the given selections of a document. */
export function requestFromSelections(document: vscode.TextDocument, spans: readonly TextSpan[]): CancelRequest {
  const { occurrences, problems, tooManyValues } = extractJobIds(document.getText(), idFormatFor(document.languageId, document.fileName), spans);
  return {
    source: path.basename(document.uri.path) || document.uri.toString(),
    ids: occurrences.map(({ id, range }) => ({ id, span: range })),
    problems: problems.map(({ range, message }) => ({ span: range, message })),
    document,
    tooManyValues: tooManyValues === true,
  };
}
