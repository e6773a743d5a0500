import * as path from 'path';
import * as vscode from 'vscode';
import { extractJobIds, idFormatFor, type TextSpan } from '../../core/ids';
import type { CancelRequest } from './cancelRunner';

export function spanOf(document: vscode.TextDocument, range: vscode.Range): TextSpan {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** The job IDs (and the values that are not valid IDs) in the given selections of a document. */
export function requestFromSelections(document: vscode.TextDocument, spans: readonly TextSpan[]): CancelRequest {
  const { occurrences, problems } = extractJobIds(document.getText(), idFormatFor(document.languageId, document.fileName), spans);
  return {
    source: path.basename(document.uri.path) || document.uri.toString(),
    ids: occurrences.map(({ id, range }) => ({ id, span: range })),
    problems: problems.map(({ range, message }) => ({ span: range, message })),
    document,
  };
}
