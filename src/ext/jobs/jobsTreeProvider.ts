// The Jobs view: a thin view of the jobs model. Active (every page of Retrieve Job Monitors) and
// History (Retrieve Job Histories, one page at a time behind "Load more…", so nothing is cut
// silently), filtered and grouped as the model says; it lists nothing itself but through the model.
import * as vscode from 'vscode';
import { groupJobs, orderJobs, type JobsModel, type JobsModelChange } from '../../core/jobs';
import type { Logger, Redactor } from '../../core/log';
import type { SessionService } from '../session';
import { DisposableStore } from '../disposables';
import { describeError } from '../errors';
import { GroupNode, JobNode, JobSetNode, LoadMoreNode, MessageNode, groupItem, jobItem, jobSetItem, loadMoreItem, messageItem, type JobsNode } from './jobNodes';

const { l10n } = vscode;

/**
 * Rows a group shows; a note says how many more it holds. VS Code's extension host keeps a small
 * record of every tree row it was ever given for as long as the view lives (1.100–1.139 register each
 * row's disposables with the view and never release them), so a group of thousands redrawn at every
 * refresh grew the host's memory by about 0.3 MB a refresh. The group's commands (cancel, export)
 * act on all its members; the filter narrows it to rows that can be read one by one.
 */
export const mostRowsPerGroup = 100;

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<JobsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly groups = { active: new GroupNode('active'), history: new GroupNode('history') };

  constructor(
    private readonly model: JobsModel,
    private readonly session: Pick<SessionService, 'state'>,
    private readonly log: Logger,
    private readonly redactor: Redactor,
  ) {
    this.disposables.add(model.onDidChange((change) => this.changed.fire(this.nodeShowing(change))));
  }

  /** The node whose subtree shows `change` (undefined: the whole view). */
  private nodeShowing(change: JobsModelChange): JobsNode | undefined {
    switch (change) {
      case 'active': case 'grouping': return this.groups.active;
      case 'history': return this.groups.history;
      default: return undefined;
    }
  }

  getTreeItem(node: JobsNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    switch (node.kind) {
      case 'group': return this.countFor(node).then(({ count, note }) => groupItem(node, count, note));
      case 'jobSet': return jobSetItem(node);
      case 'job': return jobItem(node);
      case 'loadMore': return loadMoreItem(node);
      case 'message': return messageItem(node);
    }
  }

  getParent(node: JobsNode): JobsNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (!node) return this.session.state === 'signedIn' ? [this.groups.active, this.groups.history] : [];
    if (node.kind === 'jobSet') {
      const { jobs } = node.set;
      const rows: JobsNode[] = jobs.slice(0, mostRowsPerGroup).map((job) => new JobNode(job, node));
      if (jobs.length > mostRowsPerGroup) {
        rows.push(new MessageNode(node, l10n.t({
          message: '{0} more in this group: its Cancel and Export act on all {1}; filter to see them',
          args: [jobs.length - mostRowsPerGroup, jobs.length], comment: ['{0}: jobs of the group not shown as rows, {1}: all its jobs'],
        }), false, 'more'));
      }
      return rows;
    }
    if (node.kind !== 'group') return [];
    try {
      if (node.group === 'active') return await this.activeChildren(node);
      const { jobs, lastPage } = await this.model.historyJobs();
      const shown = orderJobs(this.model.applyFilter(jobs), 'history').map((job): JobsNode => new JobNode(job, node));
      if (lastPage.nextPage) shown.push(new LoadMoreNode(node, jobs.length, lastPage.total));
      return shown.length ? shown : [new MessageNode(node, this.model.isFiltered ? l10n.t('No history entries match the filter') : l10n.t('No job history'), false)];
    } catch (error) {
      const message = describeError(error, this.redactor);
      this.log.error(`listing ${node.group} jobs failed: ${message}`);
      return [new MessageNode(node, l10n.t('Could not list jobs: {0}', message), true)];
    }
  }

  /** The Active section: a note first when the list is cut or disagrees with Vault's count, then the jobs or their groups. */
  private async activeChildren(node: GroupNode): Promise<JobsNode[]> {
    const { jobs: all, complete, note } = await this.model.activeList();
    const noteNodes = note ? [new MessageNode(node, note, complete ? false : 'warning', 'note')] : [];
    const jobs = this.model.applyFilter(all);
    if (!jobs.length) return [...noteNodes, new MessageNode(node, this.model.isFiltered ? l10n.t('No active jobs match the filter') : l10n.t('No active jobs'), false)];
    const mode = this.model.grouping;
    if (mode === 'flat') return [...noteNodes, ...jobs.map((job) => new JobNode(job, node))];
    return [...noteNodes, ...groupJobs(jobs, mode, 'active').map((set) => new JobSetNode(node, mode, set))];
  }

  private async countFor(node: GroupNode): Promise<{ count: string; note?: string }> {
    try {
      if (node.group === 'active') {
        const { jobs, complete, note } = await this.model.activeList();
        const count = this.model.isFiltered ? l10n.t({ message: '{0} of {1}', args: [this.model.applyFilter(jobs).length, jobs.length], comment: ['active jobs: {0} shown (filtered), {1} listed'] }) : String(jobs.length);
        return { count: complete ? count : l10n.t('{0} (incomplete)', count), note };
      }
      const { jobs, lastPage } = await this.model.historyJobs();
      return {
        count: this.model.isFiltered
          ? l10n.t({ message: '{0} of {1} of {2}', args: [this.model.applyFilter(jobs).length, jobs.length, lastPage.total], comment: ['history: {0} shown (filtered), {1} loaded, {2} in all'] })
          : l10n.t({ message: '{0} of {1}', args: [jobs.length, lastPage.total], comment: ['history: {0} loaded, {1} in all'] }),
      };
    } catch {
      return { count: '' };
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
