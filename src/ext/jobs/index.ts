// The jobs feature: the jobs model (what is known of the signed-in Vault's jobs), the Jobs view over
// it (tree, nodes, details documents, refresh) and its commands. Other features use only the
// JobsService it returns.
import * as path from 'path';
import * as vscode from 'vscode';
import { JobsModel, WatchesFile, groupJobs, jobsModelClient, type ActiveJobsListing, type EndedJob, type GroupingMode, type JobGroupOf, type JobToWatch, type NoticeWhen, type WatchedJob, watchesFileName } from '../../core/jobs';
import type { JobList } from '../../core/vault';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { builtInCommandIds, commandIds, contextKeys, jobDetailsScheme, viewIds } from '../names';
import { rememberGrouping } from './grouping';
import { JobsTreeProvider } from './jobsTreeProvider';
import { JobDetailsDocuments } from './jobDetails';
import { RefreshScheduler } from './refreshScheduler';
import { jobCommands } from './jobCommands';
import { JobWatches } from './watches';
import { watchCommands } from './watchCommands';
import { command, registerCommands } from '../commands';
import { isMoreTasksNode, type JobsNode } from './jobNodes';

export type { JobsNode } from './jobNodes';
/** For commands of other features that the Jobs view's context menu runs with its nodes. */
export { formatDate, isCancellableJobNode, isJobNode, isJobSetNode, selectedJobNodes } from './jobNodes';
/** For the review document of Cancel Jobs Matching…, the same as Export Jobs opens. */
export { openJobsDocument } from './jobsDocument';
export type { ActiveJobsListing, EndedJob, WatchedJob } from '../../core/jobs';

export interface JobsService {
  /** Lists again what the view shows; resolves once the new lists are in it. */
  refresh(): Promise<void>;
  /**
   * Watches `jobs` on the signed-in Vault until they end, whether the view is visible or not; `runId`
   * names the cancel run that sent them (its record gets their final states). Returns how many were
   * not watched before.
   */
  watch(jobs: readonly JobToWatch[], how: { runId?: string; when: NoticeWhen }): number;
  /** Fires with the watched jobs each reading saw end. */
  readonly onDidEndWatched: vscode.Event<readonly EndedJob[]>;
  /** Fires with the watches the user stopped before their jobs ended. */
  readonly onDidStopWatching: vscode.Event<readonly WatchedJob[]>;
  /** Holds background reading back (auto-refresh, watches) until disposed: a cancel being sent needs the API budget. */
  holdBackgroundReading(): vscode.Disposable;
  /** A listing of the Active list another feature read itself: the view and the results follow it too. */
  recordActiveListing(listing: JobList & { vaultUrl: string }): void;
  /** The Active list as the model holds it (the last listing, or a new one when none is held), for the title pick of Cancel Jobs Matching. */
  activeJobs(): Promise<ActiveJobsListing>;
  /** The Active list if a complete listing of it landed at most `maxAgeMs` ago, whoever read it. */
  recentActiveListing(maxAgeMs: number): ActiveJobsListing | undefined;
  /**
   * The Active section's group `key` of `mode` as the view shows it now (filter applied), or undefined
   * when it shows no such group: a command on a group row acts on the group, not on the node object
   * a refresh may have replaced since the row was drawn.
   */
  activeGroup(mode: Exclude<GroupingMode, 'flat'>, key: string): Promise<JobGroupOf | undefined>;
  /** Titles of those of `ids` the last listings show (nothing is read for them). */
  titlesOf(ids: readonly number[]): Promise<Map<number, string>>;
  /** The view's filter as shown ("QUEUED · "Sync""), or '' when it shows every job. */
  filterText(): string;
  /** Fires with every complete listing of the signed-in Vault's active jobs, whoever asked for it. */
  readonly onDidListActiveJobs: vscode.Event<ActiveJobsListing>;
  /** The view's nodes: the groups without `node`, else the node's children. */
  children(node?: JobsNode): Promise<JobsNode[]>;
  /** How the view shows `node`. */
  treeItem(node: JobsNode): Promise<vscode.TreeItem>;
  /** The view as the workbench shows it: its title and description (Vault), message (filter), and whether it is visible. */
  readonly view: Pick<vscode.TreeView<JobsNode>, 'title' | 'description' | 'message' | 'visible'>;
}

export interface JobsDeps {
  readonly session: SessionService;
  readonly settings: Settings;
  readonly output: ExtensionOutput;
}

export function activateJobs(context: vscode.ExtensionContext, { session, settings, output }: JobsDeps): JobsService {
  const model = new JobsModel({
    client: () => jobsModelClient(session.active?.client),
    historyPageSize: () => settings.current.historyPageSize,
    log: output.logger('jobs'),
  });
  const log = output.logger('jobs');
  const watches = new JobWatches({
    store: new WatchesFile(path.join(context.globalStorageUri.fsPath, watchesFileName), log), session, settings, log, showOutput: output.show, reveal: () => revealWatched(),
  });
  const tree = new JobsTreeProvider(model, session, log, output.redactor, watches);
  const view = vscode.window.createTreeView(viewIds.jobs, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  // The view keeps its rows while it lists again (so a click during a refresh acts on what was clicked); its progress bar says it is listing.
  const listing = <T>(work: () => Promise<T>) => vscode.window.withProgress({ location: { viewId: viewIds.jobs } }, work);
  // While jobs are watched, every listing (a Refresh too) is one reading that also serves the watches.
  const refresh = () => listing(async () => {
    if (!watches.active) return model.refresh();
    const reading = await model.read((active, history) => watches.needsMoreHistory(active, history));
    if (reading) watches.observe(reading);
    return reading?.active;
  });
  const refresher = new RefreshScheduler({ view, session, settings, watches, refresh });
  async function revealWatched(): Promise<void> {
    watches.markLooked();
    if (watches.watched().length === 0 && watches.recentlyEnded().length === 0) return;
    await view.reveal(tree.watchedSection, { expand: true, focus: true, select: true });
    // The section is the view's last: revealed alone, it lands at the bottom with its jobs out of
    // sight below it. Revealing its first row (the watched jobs come before those that ended) scrolls
    // that into view too.
    const [first] = await tree.getChildren(tree.watchedSection);
    if (first) await view.reveal(first, { select: false, focus: false });
  }
  const details = new JobDetailsDocuments(session, output.redactor);

  // The description is not shown while the view is alone in its container (as it is by default), so
  // the Vault is also the view's title ("VAULT JOBS: QMS SANDBOX") and an active filter is also the
  // message above the tree: a filtered list must never look complete.
  const filterText = () => [model.filter.statuses.join(', '), model.filter.text && `"${model.filter.text}"`].filter(Boolean).join(' · ');
  const describeView = () => {
    const filter = filterText();
    const vault = session.vault?.name;
    view.description = [vault, filter && vscode.l10n.t('Filter: {0}', filter)].filter(Boolean).join(' — ');
    view.title = vault ?? vscode.l10n.t('Jobs');
    view.message = filter && session.state === 'signedIn' ? vscode.l10n.t('Filter: {0}. Only matching jobs are shown.', filter) : undefined;
  };
  describeView();

  const listedActive = new vscode.EventEmitter<ActiveJobsListing>();
  context.subscriptions.push(
    model, watches, tree, view, refresher, listedActive, details,
    ...registerCommands(watchCommands(watches, () => refresher.soon(), revealWatched), output.commandErrors),
    view.onDidChangeVisibility(({ visible }) => { if (visible) watches.markLooked(); }),
    model.onDidListActive((listing) => listedActive.fire(listing)),
    vscode.workspace.registerTextDocumentContentProvider(jobDetailsScheme, details),
    ...registerCommands(jobCommands(session, model, refresh, details, output.redactor), output.commandErrors),
    ...registerCommands({ [commandIds.loadMoreTasks]: command([isMoreTasksNode], (node) => node && tree.loadMoreTasks(node)) }, output.commandErrors),
    session.onDidChange(() => {
      // The view lists for the new session; the watches are read by the refresher, which also hears
      // the change and waits while a cancel or a check holds background reading back.
      void listing(() => model.refresh());
      describeView();
    }),
    model.onDidChange((change) => {
      if (change !== 'filter') return;
      void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.filtered, model.isFiltered);
      describeView();
    }),
    rememberGrouping(model, context.globalState),
  );
  return {
    refresh: async () => { await refresh(); },
    watch: (jobs, how) => {
      const added = watches.watch(jobs, how);
      refresher.soon();
      return added;
    },
    onDidEndWatched: watches.onDidEnd,
    onDidStopWatching: watches.onDidStop,
    holdBackgroundReading: () => refresher.hold(),
    recordActiveListing: (listing) => model.recordActiveListing(listing),
    activeJobs: () => model.activeList(),
    recentActiveListing: (maxAgeMs) => model.recentActiveListing(maxAgeMs),
    titlesOf: (ids) => model.titlesOf(ids),
    filterText,
    activeGroup: async (mode, key) => groupJobs(model.applyFilter((await model.activeList()).jobs), mode, 'active').find((set) => set.key === key),
    onDidListActiveJobs: listedActive.event,
    children: (node) => tree.getChildren(node),
    treeItem: async (node) => tree.getTreeItem(node),
    view,
  };
}
