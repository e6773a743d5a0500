// The jobs feature: the Jobs view (tree, nodes, details documents, refresh) and its commands. Other
// features use only the JobsService it returns.
import * as vscode from 'vscode';
import type { Job } from '../../core/vault';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { jobDetailsScheme, viewIds } from '../names';
import { rememberGrouping } from './grouping';
import { JobsTreeProvider, type ActiveJobsListing } from './jobsTreeProvider';
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
export type { ActiveJobsListing } from './jobsTreeProvider';

export interface JobsService {
  /** Forgets what was listed; the view lists again what it shows. */
  refresh(): void;
  /** Refreshes until cancelled jobs no longer show CANCELLING (when the setting allows it). */
  followCancellations(): void;
  /** Every active job of the signed-in Vault, as the view lists them. */
  activeJobs(): Promise<Job[]>;
  /** Fires with every complete listing of the signed-in Vault's active jobs. */
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
  const tree = new JobsTreeProvider(session, settings, output.logger('jobs'), output.redactor);
  const view = vscode.window.createTreeView(viewIds.jobs, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const refresher = new RefreshScheduler(view, tree, settings);
  const details = new JobDetailsDocuments(session, output.redactor);

  // The description is not shown while the view is alone in its container (as it is by default), so
  // the Vault is also the view's title ("VAULT JOBS: QMS SANDBOX") and an active filter is also the
  // message above the tree: a filtered list must never look complete.
  const describeView = () => {
    const { statuses, text } = tree.filter;
    const filter = [statuses.join(', '), text && `"${text}"`].filter(Boolean).join(' · ');
    const vault = session.vault?.name;
    view.description = [vault, filter && vscode.l10n.t('Filter: {0}', filter)].filter(Boolean).join(' — ');
    view.title = vault ?? vscode.l10n.t('Jobs');
    view.message = filter && session.state === 'signedIn' ? vscode.l10n.t('Filter: {0}. Only matching jobs are shown.', filter) : undefined;
  };
  describeView();


  context.subscriptions.push(
    tree, view, refresher,
    vscode.workspace.registerTextDocumentContentProvider(jobDetailsScheme, details),
    ...registerCommands(jobCommands(session, tree, details, output.redactor), output.commandErrors),
    session.onDidChange(() => {
      tree.refresh();
      describeView();
    }),
    tree.onDidChangeFilter(describeView),
    rememberGrouping(tree, context.globalState),
  );
  return {
    refresh: () => tree.refresh(),
    followCancellations: () => refresher.followCancellations(),
    activeJobs: () => tree.activeJobs(),
    onDidListActiveJobs: tree.onDidListActiveJobs,
    children: (node) => tree.getChildren(node),
    treeItem: async (node) => tree.getTreeItem(node),
    view,
  };
}
