// The Jobs view: a thin view of the jobs model. Active (every page of Retrieve Job Monitors) and
// History (Retrieve Job Histories, one page at a time behind "Load more…", so nothing is cut
// silently), filtered and grouped as the model says; it lists nothing itself but through the model.
import * as vscode from 'vscode';
import { JobTaskPages, groupJobs, orderJobs, type JobsModel, type JobsModelChange } from '../../core/jobs';
import type { Logger, Redactor } from '../../core/log';
import { isVaultError } from '../../core/vault';
import type { SessionService } from '../session';
import { DisposableStore } from '../disposables';
import { describeError } from '../errors';
import {
  GroupNode, JobNode, JobSetNode, LoadMoreNode, MessageNode, MoreTasksNode, TaskNode, TaskNoteNode, WatchedJobNode, WatchedNode,
  groupItem, jobItem, jobSetItem, loadMoreItem, messageItem, moreTasksItem, taskItem, taskNoteItem, watchedItem, watchedJobItem, type JobsNode,
} from './jobNodes';
import type { JobWatches } from './watches';

/** What the view shows of the watches. */
export type WatchesShown = Pick<JobWatches, 'watched' | 'recentlyEnded' | 'watchOf' | 'endedSinceLooked' | 'onDidChange'>;

/** A view without watches (a view made for a test of other things). */
const noWatches: WatchesShown = {
  watched: () => [], recentlyEnded: () => [], watchOf: () => undefined, endedSinceLooked: 0, onDidChange: () => ({ dispose: () => undefined }),
};

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
  /**
   * The tasks read for each expanded job, with the row they show under. A listing replaces the rows,
   * and VS Code expands the new ones again: their tasks are then read afresh, so a running job's
   * task states are as current as its row.
   */
  private readonly tasks = new Map<number, { node: JobNode; pages: JobTaskPages }>();
  readonly watchedSection = new WatchedNode();

  constructor(
    private readonly model: JobsModel,
    private readonly session: Pick<SessionService, 'state' | 'active' | 'vault'>,
    private readonly log: Logger,
    private readonly redactor: Redactor,
    private readonly watches: WatchesShown = noWatches,
  ) {
    this.disposables.add(model.onDidChange((change) => {
      if (change !== 'filter' && change !== 'grouping') this.tasks.clear();
      this.changed.fire(this.nodeShowing(change));
    }));
    // Watches change the Watched section, its presence, and the marks on Active rows.
    this.disposables.add(watches.onDidChange(() => this.changed.fire(undefined)));
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
      case 'group': return this.countFor(node).then(({ count, note }) => groupItem(node, count, note, this.session.vault?.name));
      case 'jobSet': return jobSetItem(node);
      case 'job': return jobItem(node, this.watches.watchOf(node.job.job_id));
      case 'watched': return watchedItem(this.watches.watched().length, this.watches.endedSinceLooked);
      case 'watchedJob': return watchedJobItem(node);
      case 'loadMore': return loadMoreItem(node);
      case 'message': return messageItem(node);
      case 'task': return taskItem(node);
      case 'moreTasks': return moreTasksItem(node);
      case 'taskNote': return taskNoteItem(node);
    }
  }

  getParent(node: JobsNode): JobsNode | undefined {
    return node.kind === 'group' || node.kind === 'watched' ? undefined : node.parent;
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (!node) {
      if (this.session.state !== 'signedIn') return [];
      const watching = this.watches.watched().length > 0 || this.watches.recentlyEnded().length > 0;
      return [this.groups.active, this.groups.history, ...(watching ? [this.watchedSection] : [])];
    }
    if (node.kind === 'watched') return this.watchedChildren(node);
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
    if (node.kind === 'job') return this.taskChildren(node);
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

  /** Watched jobs, those a watchdog marked first, then the jobs that ended lately. */
  private watchedChildren(node: WatchedNode): JobsNode[] {
    const watched = [...this.watches.watched()].sort((a, b) => b.alarms.length - a.alarms.length);
    return [
      ...watched.map((watch) => new WatchedJobNode(node, { watch })),
      ...this.watches.recentlyEnded().map((ended) => new WatchedJobNode(node, { ended })),
    ];
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

  /** An expanded job's tasks: the pages read so far, else the first page, read now. */
  private async taskChildren(node: JobNode): Promise<JobsNode[]> {
    const id = node.job.job_id;
    let entry = this.tasks.get(id);
    if (!entry || entry.node !== node) {
      const client = this.session.active?.client;
      if (!client) return [];
      entry = { node, pages: new JobTaskPages(id, client) };
      this.tasks.set(id, entry);
    }
    const { pages } = entry;
    try {
      if (!pages.started) await pages.loadMore();
    } catch (error) {
      this.tasks.delete(id);
      const message = describeError(error, this.redactor);
      this.log.info(`tasks of job ${id} could not be read: ${message}`);
      // Vault refuses Retrieve Job Tasks for a job that is not an SDK job: its answer is information, not a failure.
      const vaultAnswered = isVaultError(error, 'vault') && error.errors[0]?.type === 'INVALID_DATA';
      return [new TaskNoteNode(node, vaultAnswered ? l10n.t('No tasks: {0}', message) : l10n.t('Could not read the tasks: {0}', message), !vaultAnswered)];
    }
    const rows: JobsNode[] = pages.tasks.map((task) => new TaskNode(node, task));
    if (pages.hasMore) rows.push(new MoreTasksNode(node, pages.tasks.length, pages.total));
    if (pages.note) rows.push(new TaskNoteNode(node, pages.note, false));
    return rows.length ? rows : [new TaskNoteNode(node, l10n.t('No tasks'), false)];
  }

  /** "Load more tasks…": the next page under the same row. */
  async loadMoreTasks(node: MoreTasksNode): Promise<void> {
    const entry = this.tasks.get(node.parent.job.job_id);
    if (!entry || entry.node !== node.parent) return; // a listing replaced the row since: its tasks are read again as it expands
    await entry.pages.loadMore();
    this.changed.fire(entry.node);
  }

  private async countFor(node: GroupNode): Promise<{ count: string; note?: string }> {
    try {
      if (node.group === 'active') {
        const { jobs, complete, note } = await this.model.activeList();
        const count = this.model.isFiltered ? l10n.t({ message: '{0} of {1}', args: [this.model.applyFilter(jobs).length, jobs.length], comment: ['active jobs: {0} shown (filtered), {1} listed'] }) : String(jobs.length);
        return { count: complete ? count : l10n.t('{0} (incomplete)', count), note };
      }
      const { jobs, lastPage } = await this.model.historyJobs();
      const [loaded, inVault] = [jobs.length.toLocaleString(), lastPage.total.toLocaleString()];
      return {
        count: this.model.isFiltered
          ? l10n.t({ message: '{0} of {1} loaded ({2} in Vault)', args: [this.model.applyFilter(jobs).length.toLocaleString(), loaded, inVault], comment: ['history: {0} shown (filtered), {1} loaded, {2} in all'] })
          : l10n.t({ message: '{0} loaded ({1} in Vault)', args: [loaded, inVault], comment: ['history: {0} loaded, {1} in all'] }),
      };
    } catch {
      return { count: '' };
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
