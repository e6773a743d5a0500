// The Cancel Results view: every result of every file, grouped by kind (most actionable first) with
// counts, each occurrence a row that opens its place; Retry and Verify on a group, Copy IDs, and a
// filter. Unlike diagnostics it has no per-file limit. A group lists its rows a page at a time, so a
// group of 50,000 does not make the workbench draw 50,000 rows at once.
import * as path from 'path';
import * as vscode from 'vscode';
import { groupByKind, isRetryable, resultMatches, type ResultKind } from '../../core/cancel';
import { isNonEmptyString } from '../../core/commandArgs';
import { command, type CommandHandlers } from '../commands';
import { DisposableStore } from '../disposables';
import { builtInCommandIds, commandIds, contextKeys, leftOutCode, viewIds } from '../names';
import { plural } from '../plural';
import type { CancelResults, ResultEntry } from './cancelResults';
import { kindIcon, kindName } from './resultKinds';

const { l10n } = vscode;

/** Rows a group shows before a "Show more" row. */
export const resultsPageSize = 1000;
/** Edits move results on every key stroke; the view follows them at most this often. */
const refreshDelayMs = 250;

export interface LocatedResult {
  readonly uri: vscode.Uri;
  readonly entry: ResultEntry;
}

export type ResultsNode =
  | { readonly type: 'resultGroup'; readonly kind: ResultKind; readonly results: readonly LocatedResult[] }
  | { readonly type: 'result'; readonly result: LocatedResult }
  | { readonly type: 'moreResults'; readonly kind: ResultKind; readonly left: number };

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultsNode>, vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rowsShown = new Map<ResultKind, number>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private currentFilter = '';

  constructor(private readonly results: Pick<CancelResults, 'onDidChange' | 'files'>) {
    this.disposables.add(results.onDidChange(() => this.scheduleRefresh()));
  }

  get filter(): string {
    return this.currentFilter;
  }

  setFilter(filter: string): void {
    this.currentFilter = filter.trim();
    this.rowsShown.clear();
    this.refresh();
  }

  showMore(kind: ResultKind): void {
    this.rowsShown.set(kind, (this.rowsShown.get(kind) ?? resultsPageSize) + resultsPageSize);
    this.refresh();
  }

  /** Results of every file that pass the filter, by kind, each group in file order. */
  groups(): ResultsNode[] {
    const located = this.results.files().flatMap(([uri, entries]) => {
      const file = path.basename(uri.path);
      return entries.flatMap((entry) => (resultMatches(this.currentFilter, { id: entry.id, text: entry.diagnostic.message, file }) ? [{ uri, entry }] : []));
    });
    return groupByKind(located.map((result) => ({ kind: result.entry.kind, result }))).map(({ kind, entries }) => ({
      type: 'resultGroup', kind, results: entries.map((e) => e.result),
    }));
  }

  /** How many results the view lists, and how many there are before the filter. */
  counts(): { listed: number; total: number } {
    const total = this.results.files().reduce((sum, [, entries]) => sum + entries.length, 0);
    const listed = this.currentFilter ? this.groups().reduce((sum, group) => sum + (group.type === 'resultGroup' ? group.results.length : 0), 0) : total;
    return { listed, total };
  }

  getChildren(node?: ResultsNode): ResultsNode[] {
    if (!node) return this.groups();
    if (node.type !== 'resultGroup') return [];
    const shown = this.rowsShown.get(node.kind) ?? resultsPageSize;
    const rows: ResultsNode[] = node.results.slice(0, shown).map((result) => ({ type: 'result', result }));
    if (node.results.length > shown) rows.push({ type: 'moreResults', kind: node.kind, left: node.results.length - shown });
    return rows;
  }

  getTreeItem(node: ResultsNode): vscode.TreeItem {
    switch (node.type) {
      case 'resultGroup': {
        const item = new vscode.TreeItem(kindName(node.kind), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.kind}`;
        item.description = String(node.results.length);
        item.iconPath = kindIcon(node.kind);
        item.contextValue = isRetryable(node.kind) ? 'resultGroup.retryable' : node.kind === 'unknown' ? 'resultGroup.unknown' : 'resultGroup';
        return item;
      }
      case 'result': {
        const { uri, entry } = node.result;
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const range = document && new vscode.Range(document.positionAt(entry.span.start), document.positionAt(entry.span.end));
        const item = new vscode.TreeItem(entry.id === undefined ? (document?.getText(range) ?? '') : String(entry.id));
        item.description = `${path.basename(uri.path)}:${range ? range.start.line + 1 : '?'} — ${entry.diagnostic.message}`;
        item.tooltip = new vscode.MarkdownString().appendText(entry.diagnostic.message);
        item.iconPath = kindIcon(entry.kind);
        item.contextValue = entry.id === undefined ? 'resultText' : 'result';
        item.command = { command: builtInCommandIds.open, title: l10n.t('Show in File'), arguments: [uri, { selection: range, preview: true }] };
        return item;
      }
      case 'moreResults': {
        const item = new vscode.TreeItem(node.left <= resultsPageSize
          ? l10n.t('Show the other {0}', node.left)
          : l10n.t('Show {0} more ({1} not listed yet)', resultsPageSize, node.left));
        item.command = { command: commandIds.showMoreResults, title: item.label as string, arguments: [node.kind] };
        return item;
      }
    }
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => this.refresh(), refreshDelayMs);
  }

  private refresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.disposables.dispose();
  }
}

const resultKinds: readonly string[] = ['accepted', 'failed', 'unknown', 'notSent', 'notEligible', 'invalidInput', 'problem'];
const isResultKind = (value: unknown): value is ResultKind => typeof value === 'string' && resultKinds.includes(value);
const isResultsNode = (value: unknown): value is ResultsNode =>
  typeof value === 'object' && value !== null && ['resultGroup', 'result', 'moreResults'].includes((value as { type?: unknown }).type as string);

/** The distinct job IDs of a group or a row. */
function idsOf(node: ResultsNode): number[] {
  const results = node.type === 'resultGroup' ? node.results : node.type === 'result' ? [node.result] : [];
  return [...new Set(results.flatMap(({ entry }) => (entry.id === undefined ? [] : [entry.id])))];
}

export function resultsViewCommands(tree: ResultsTreeProvider): CommandHandlers {
  return {
    [commandIds.showResults]: command([], () => vscode.commands.executeCommand(`${viewIds.results}.focus`)),
    [commandIds.filterResults]: command([isNonEmptyString], async (given) => {
      const filter = given ?? await vscode.window.showInputBox({
        title: l10n.t('Filter Cancel Results'),
        prompt: l10n.t('Words the job ID, the outcome or the file name holds (all of them, in any case)'),
        placeHolder: l10n.t('e.g. 1046892, failed, not eligible, jobs.csv'),
        value: tree.filter,
      });
      if (filter === undefined) return;
      tree.setFilter(filter);
      void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.resultsFiltered, tree.filter !== '');
    }),
    [commandIds.clearResultsFilter]: command([], () => {
      tree.setFilter('');
      void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.resultsFiltered, false);
    }),
    [commandIds.showMoreResults]: command([isResultKind], (kind) => { if (kind) tree.showMore(kind); }),
    // Retry sends again what failed or was never sent, file by file, each through the usual confirmation.
    [commandIds.retryResultGroup]: command([isResultsNode], async (node) => {
      if (node?.type !== 'resultGroup' || !isRetryable(node.kind)) return;
      const byFile = new Map<string, { uri: vscode.Uri; ids: Set<number> }>();
      for (const { uri, entry } of node.results) {
        if (entry.id === undefined || entry.diagnostic.code === leftOutCode) continue; // left out at the user's choice
        const file = byFile.get(uri.toString()) ?? { uri, ids: new Set<number>() };
        file.ids.add(entry.id);
        byFile.set(uri.toString(), file);
      }
      for (const { uri, ids } of byFile.values()) await vscode.commands.executeCommand(commandIds.retryJobIds, uri, [...ids]);
    }),
    [commandIds.verifyResultGroup]: command([isResultsNode], (node) => {
      if (node?.type !== 'resultGroup' || node.kind !== 'unknown') return undefined;
      return vscode.commands.executeCommand(commandIds.verifyUnknown, idsOf(node));
    }),
    [commandIds.copyResultIds]: command([isResultsNode], (node) => {
      const ids = node ? idsOf(node) : [];
      return ids.length ? vscode.commands.executeCommand(commandIds.copyJobIds, { ids }) : undefined;
    }),
  };
}

/** The view's description: how many results, and the filter when one applies. */
export function describeResults(tree: ResultsTreeProvider, view: vscode.TreeView<ResultsNode>): void {
  const { listed, total } = tree.counts();
  view.description = tree.filter
    ? l10n.t({ message: '{0} of {1} · filter: {2}', args: [listed, total, tree.filter], comment: ['{0}: results listed, {1}: all results, {2}: the filter'] })
    : plural(total, { one: l10n.t('{0} result', total), other: l10n.t('{0} results', total) });
  view.message = tree.filter && listed === 0 ? l10n.t('No result matches the filter "{0}".', tree.filter) : undefined;
}
