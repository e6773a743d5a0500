// Every result at its place in the editor, without the per-file limit of diagnostics: a gutter icon and
// a few words after the ID per kind, in the theme's colours, with the full outcome on hover (where no
// diagnostic already shows it). One decoration type per kind; each visible editor gets the ranges of
// the results on and near its visible lines only, so a file of 50,000 results costs an edit or a
// scroll the few hundred around the screen, found by binary search.
import * as vscode from 'vscode';
import { entriesWithin, resultKindsByUrgency, type ResultKind } from '../../core/cancel';
import { DisposableStore } from '../disposables';
import type { CancelResults, ResultEntry } from './cancelResults';
import { kindColor, kindGutterIcons, shortOutcome } from './resultKinds';

/** Lines decorated above and below what is visible, so that a short scroll shows marks before the editor reports it. */
const marginLines = 200;

export class ResultDecorations implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly types: ReadonlyMap<ResultKind, vscode.TextEditorDecorationType>;

  constructor(private readonly results: Pick<CancelResults, 'onDidChange' | 'entriesOf' | 'hasDiagnostic'>, extensionUri: vscode.Uri) {
    this.types = new Map(resultKindsByUrgency.map((kind) => {
      const color = kindColor(kind);
      const icons = kindGutterIcons(extensionUri, kind);
      return [kind, this.disposables.add(vscode.window.createTextEditorDecorationType({
        light: { gutterIconPath: icons.light },
        dark: { gutterIconPath: icons.dark },
        gutterIconSize: 'contain',
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        after: { color, margin: '0 0 0 1.5em', fontStyle: 'italic' },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }))];
    }));
    this.disposables.add(results.onDidChange((uri) => this.update(uri)));
    this.disposables.add(vscode.window.onDidChangeVisibleTextEditors(() => this.update(undefined)));
    this.disposables.add(vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => this.decorate(textEditor)));
    this.update(undefined);
  }

  /** Decorates the visible editors of `uri`, or all of them. */
  private update(uri: vscode.Uri | undefined): void {
    const key = uri?.toString();
    for (const editor of vscode.window.visibleTextEditors) {
      if (key === undefined || editor.document.uri.toString() === key) this.decorate(editor);
    }
  }

  private decorate(editor: vscode.TextEditor): void {
    const { document } = editor;
    const entries = this.results.entriesOf(document.uri);
    const byKind = new Map<ResultKind, vscode.DecorationOptions[]>(resultKindsByUrgency.map((kind) => [kind, []]));
    if (entries.length > 0) {
      for (const { start, end } of windowsAround(document, editor.visibleRanges)) {
        for (const entry of entriesWithin(entries, start, end)) byKind.get(entry.kind)?.push(this.options(document, entry));
      }
    }
    for (const [kind, type] of this.types) editor.setDecorations(type, byKind.get(kind) ?? []);
  }

  private options(document: vscode.TextDocument, entry: ResultEntry): vscode.DecorationOptions {
    const range = new vscode.Range(document.positionAt(entry.span.start), document.positionAt(entry.span.end));
    // Markdown from plain text: Vault's messages are data, never markup or links.
    const hoverMessage = this.results.hasDiagnostic(document.uri, entry) ? undefined : new vscode.MarkdownString().appendText(entry.diagnostic.message);
    return { range, hoverMessage, renderOptions: { after: { contentText: shortOutcome(entry) } } };
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** The visible ranges widened by the margin, as offsets, overlapping ones merged (folded regions make several). */
function windowsAround(document: vscode.TextDocument, visible: readonly vscode.Range[]): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  for (const range of [...visible].sort((a, b) => a.start.line - b.start.line)) {
    const first = Math.max(0, range.start.line - marginLines);
    const last = Math.min(document.lineCount - 1, range.end.line + marginLines);
    const start = document.offsetAt(new vscode.Position(first, 0));
    const end = document.offsetAt(document.lineAt(last).range.end) + 1;
    const previous = windows.at(-1);
    if (previous && start <= previous.end) previous.end = Math.max(previous.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
