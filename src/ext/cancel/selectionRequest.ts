import * as path from 'path';
import * as vscode from 'vscode';
import { extractJobIds, idFormatFor, mayHoldContextChars, selectionMayHoldIds, type TextSpan } from '../../core/ids';
import type { CancelRequest } from './cancelRunner';

export function spanOf(document: vscode.TextDocument, range: vscode.Range): TextSpan {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/**
 * Could the selection hold a job ID? Reads the selection and a bounded context around it, never the
 * whole document: a drag across part of a title in a CSV row means that row's job, whose ID is
 * elsewhere on the line, and a JSON object counts when any part of it is selected.
 */
export function selectionMayHoldIdsNearby(document: vscode.TextDocument, range: vscode.Range): boolean {
  const { start, end } = spanOf(document, range);
  const from = Math.max(0, start - mayHoldContextChars);
  const text = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(end + mayHoldContextChars)));
  return selectionMayHoldIds(text, idFormatFor(document.languageId, document.fileName), [{ start: start - from, end: end - from }]);
}

/** The file's name and where it is ("jobs.csv (/home/me/incident/jobs.csv)"); an unsaved document by its name. */
export function describeDocument(document: vscode.TextDocument): string {
  const name = path.basename(document.uri.path) || document.uri.toString();
  const where = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
  return name === where ? name : `${name} (${where})`;
}

/** The job IDs (and the values that are not valid IDs) in the given selections of a document. */
export function requestFromSelections(document: vscode.TextDocument, spans: readonly TextSpan[]): CancelRequest {
  const { occurrences, problems, problemCount, tooManyValues } = extractJobIds(document.getText(), idFormatFor(document.languageId, document.fileName), spans);
  return {
    source: path.basename(document.uri.path) || document.uri.toString(),
    origin: 'file',
    sourceDetail: describeDocument(document),
    ids: occurrences.map(({ id, range }) => ({ id, span: range })),
    problems: problems.map(({ range, message }) => ({ span: range, message })),
    problemCount,
    document,
    tooManyValues: tooManyValues === true,
  };
}
