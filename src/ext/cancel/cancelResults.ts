// Cancel outcomes and selection problems as diagnostics in a "Vault Jobs" collection, at the exact
// range of every occurrence. They move with edits elsewhere in the file and disappear when the text
// under them changes, since they would then describe text that is no longer there.
import * as vscode from 'vscode';
import type { TextSpan } from '../../core/ids';

export type ResultKind = 'accepted' | 'notEligible' | 'invalidInput' | 'notSent' | 'failed' | 'problem';

export interface ResultEntry {
  readonly id: number | undefined;
  readonly kind: ResultKind;
  span: TextSpan;
  readonly diagnostic: vscode.Diagnostic;
}

export const diagnosticSource = 'Vault Jobs';

/** Outcomes worth sending again: the ID failed, or was never sent. */
export function isRetryable(kind: ResultKind): boolean {
  return kind === 'failed' || kind === 'notSent';
}

export class CancelResults implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vaultJobs');
  private readonly entries = new Map<string, ResultEntry[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.followEdits(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
    ];
  }

  /** Shows a run's entries, replacing earlier results at the same places and keeping the others. */
  show(document: vscode.TextDocument, added: readonly ResultEntry[]): void {
    const key = document.uri.toString();
    const kept = (this.entries.get(key) ?? []).filter((old) => !added.some((entry) => overlaps(old.span, entry.span)));
    const all = [...kept, ...added].sort((a, b) => a.span.start - b.span.start);
    this.entries.set(key, all);
    this.publish(document.uri, all);
  }

  /** Entries whose range touches `range`, for the quick fixes on them. */
  entriesAt(document: vscode.TextDocument, range: vscode.Range): ResultEntry[] {
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    return (this.entries.get(document.uri.toString()) ?? []).filter((entry) => entry.span.start <= span.end && span.start <= entry.span.end);
  }

  entriesOf(uri: vscode.Uri): readonly ResultEntry[] {
    return this.entries.get(uri.toString()) ?? [];
  }

  clear(uri?: vscode.Uri): void {
    if (uri) {
      this.entries.delete(uri.toString());
      this.collection.delete(uri);
    } else {
      this.entries.clear();
      this.collection.clear();
    }
  }

  private followEdits(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const current = this.entries.get(key);
    if (!current || event.contentChanges.length === 0) return;
    // The changes of one event do not overlap and their offsets refer to the text before the event.
    const survivors = current.filter((entry) => {
      let shift = 0;
      for (const change of event.contentChanges) {
        const changeEnd = change.rangeOffset + change.rangeLength;
        if (changeEnd <= entry.span.start) {
          shift += change.text.length - change.rangeLength;
        } else if (change.rangeOffset < entry.span.end) {
          return false; // the text under the diagnostic changed
        }
      }
      entry.span = { start: entry.span.start + shift, end: entry.span.end + shift };
      return true;
    });
    this.entries.set(key, survivors);
    for (const entry of survivors) {
      entry.diagnostic.range = new vscode.Range(event.document.positionAt(entry.span.start), event.document.positionAt(entry.span.end));
    }
    this.publish(event.document.uri, survivors);
  }

  private publish(uri: vscode.Uri, entries: readonly ResultEntry[]): void {
    if (entries.length === 0) this.collection.delete(uri);
    else this.collection.set(uri, entries.map((entry) => entry.diagnostic));
  }

  dispose(): void {
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}
