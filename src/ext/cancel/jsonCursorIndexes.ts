// What a cursor in a JSON file stands for, asked on every cursor move by the light bulb: answered from
// a per-document index (src/core/ids/jsonCursorIndex.ts) instead of a parse of the whole file. An
// index describes one version of its document: typing inside a title or another plain string moves
// it along; any other edit drops it, and a new one is built once the edits stop.
import * as vscode from 'vscode';
import { idFormatFor, JsonCursorIndex, type IdOccurrence } from '../../core/ids';
import { DisposableStore } from '../disposables';

/**
 * Up to this length an index is built when a cursor first asks for it: a few milliseconds, once per
 * version (building costs about what a select-all of the file does, `npm run bench`). A larger file
 * is indexed in the background, `rebuildDelayMs` after it was opened or last edited; a cursor that
 * asks before then gets no answer (no light bulb) rather than one from an outdated index.
 */
const largestBuiltAtOnce = 64 * 1024;
const rebuildDelayMs = 300;

interface Indexed {
  readonly version: number;
  readonly strict: boolean;
  readonly index: JsonCursorIndex;
}

export class JsonCursorIndexes implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly indexes = new Map<string, Indexed>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor() {
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((event) => this.follow(event)));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())));
  }

  /** The job IDs the cursors at `offsets` stand for, or undefined while the document has no index
   * for its current version yet (one is on its way). `strict`: JSON rather than JSONC. */
  idsAt(document: vscode.TextDocument, strict: boolean, offsets: readonly number[]): IdOccurrence[] | undefined {
    const key = document.uri.toString();
    let indexed = this.indexes.get(key);
    if (indexed === undefined || indexed.version !== document.version || indexed.strict !== strict) {
      this.indexes.delete(key);
      indexed = undefined;
      if (lengthOf(document) <= largestBuiltAtOnce) indexed = this.build(document, strict);
      else if (!this.pending.has(key)) this.buildLater(document, strict);
    }
    return indexed?.index.idsAt(offsets);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.indexes.clear();
    this.disposables.dispose();
  }

  private build(document: vscode.TextDocument, strict: boolean): Indexed {
    const indexed = { version: document.version, strict, index: JsonCursorIndex.build(document.getText(), strict) };
    this.indexes.set(document.uri.toString(), indexed);
    return indexed;
  }

  private buildLater(document: vscode.TextDocument, strict: boolean): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) this.build(document, strict);
    }, rebuildDelayMs));
  }

  private follow(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const key = event.document.uri.toString();
    const indexed = this.indexes.get(key);
    // Versions count edits one by one: an index of the version before this edit can follow it.
    if (indexed !== undefined && indexed.version === event.document.version - 1 && indexed.index.applyEdits(event.contentChanges)) {
      this.indexes.set(key, { ...indexed, version: event.document.version });
      return;
    }
    this.indexes.delete(key);
    // A small file is indexed again when a cursor asks; a large one that was indexed, or is about to
    // be, once the edits stop.
    if ((indexed !== undefined || this.pending.has(key)) && lengthOf(event.document) > largestBuiltAtOnce) {
      this.buildLater(event.document, idFormatFor(event.document.languageId, event.document.fileName) === 'json');
    }
  }

  private forget(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.indexes.delete(key);
  }
}

/** The length from the last position: getText() would copy a large file on every cursor move. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}
