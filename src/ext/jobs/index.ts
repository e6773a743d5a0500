// The jobs feature: the jobs model (what is known of the signed-in Vault's jobs), the Jobs view over
// it (tree, nodes, details documents, refresh) and its commands. Other features use only the
// JobsService it returns.
import * as vscode from 'vscode';
import { JobsModel, groupJobs, jobsModelClient, type ActiveJobsListing, type GroupingMode, type JobGroupOf } from '../../core/jobs';
import type { JobList } from '../../core/vault';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { builtInCommandIds, contextKeys, jobDetailsScheme, viewIds } from '../names';
import { rememberGrouping } from './grouping';
import { JobsTreeProvider } from './jobsTreeProvider';
import { JobDetailsDocuments } from './jobDetails';
import { RefreshScheduler } from './refreshScheduler';
import { jobCommands } from './jobCommands';
import { registerCommands } from '../commands';
import type { JobsNode } from './jobNodes';

export type { JobsNode } from './jobNodes';
/** For commands of other features that the Jobs view's context menu runs with its nodes. */
export { isJobNode, isJobSetNode, selectedJobNodes } from './jobNodes';
/** For the review document of Cancel Jobs Matching…, the same as Export Jobs opens. */
export { openJobsDocument } from './jobsDocument';
export type { ActiveJobsListing } from '../../core/jobs';

export interface JobsService {
  /** Lists again what the view shows; resolves once the new lists are in it. */
  refresh(): Promise<void>;
  /** Lists again until cancelled jobs no longer show CANCELLING (when the setting allows it), whether the view is visible or not. */
  followCancellations(): void;
  /** A listing of the Active list another feature read itself: the view and the results follow it too. */
  recordActiveListing(listing: JobList & { vaultUrl: string }): void;
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
  const tree = new JobsTreeProvider(model, session, output.logger('jobs'), output.redactor);
  const view = vscode.window.createTreeView(viewIds.jobs, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  // The view keeps its rows while it lists again (so a click during a refresh acts on what was clicked); its progress bar says it is listing.
  const refresh = (options?: { evenUnread: boolean }) => vscode.window.withProgress({ location: { viewId: viewIds.jobs } }, () => model.refresh(options));
  const refresher = new RefreshScheduler(view, refresh, settings);
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
    model, tree, view, refresher, listedActive,
    model.onDidListActive((listing) => listedActive.fire(listing)),
    vscode.workspace.registerTextDocumentContentProvider(jobDetailsScheme, details),
    ...registerCommands(jobCommands(session, model, refresh, details, output.redactor), output.commandErrors),
    session.onDidChange(() => {
      void refresh();
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
    followCancellations: () => refresher.followCancellations(),
    recordActiveListing: (listing) => model.recordActiveListing(listing),
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
