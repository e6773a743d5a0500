// The Jobs view: Active (every page of Retrieve Job Monitors) and History (Retrieve Job Histories,
// one page at a time behind "Load more…", so nothing is cut silently), with a status/title filter.
import * as vscode from 'vscode';
import type { Job, JobList, JobPage } from '../../core/vault';
import { groupJobs, type GroupingMode } from '../../core/jobs/grouping';
import { orderJobs } from '../../core/jobs/order';
import type { Logger, Redactor } from '../../core/log';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import { describeError } from '../errors';
import { builtInCommandIds, contextKeys } from '../names';
import { GroupNode, JobNode, JobSetNode, LoadMoreNode, MessageNode, groupItem, jobItem, jobSetItem, loadMoreItem, messageItem, type JobsNode } from './jobNodes';

const { l10n } = vscode;

export interface JobsFilter {
  /** Upper-case statuses to show; empty shows all. */
  readonly statuses: readonly string[];
  /** Case-insensitive text the title (or the job ID) must contain. */
  readonly text: string;
}

interface HistoryState { jobs: Job[]; lastPage: JobPage }

/** Every active job of a Vault, as one listing found them. */
export interface ActiveJobsListing {
  /** The Vault's API base URL (the client's baseUrl). */
  readonly vaultUrl: string;
  readonly jobs: readonly Job[];
}

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<JobsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly groups = { active: new GroupNode('active'), history: new GroupNode('history') };
  private active: Promise<JobList> | undefined;
  private history: Promise<HistoryState> | undefined;
  private filterValue: JobsFilter = { statuses: [], text: '' };
  private readonly filterChanged = this.disposables.add(new vscode.EventEmitter<JobsFilter>());
  readonly onDidChangeFilter = this.filterChanged.event;
  private groupingValue: GroupingMode = 'flat';
  private readonly groupingChanged = this.disposables.add(new vscode.EventEmitter<GroupingMode>());
  readonly onDidChangeGrouping = this.groupingChanged.event;
  private readonly activeListed = this.disposables.add(new vscode.EventEmitter<ActiveJobsListing>());
  /** Fires with every complete listing of the active jobs (what cancel results follow). */
  readonly onDidListActiveJobs = this.activeListed.event;
  /** How many history entries "Load more" had fetched, on which Vault: a refresh fetches as many again. */
  private historyLoaded = { vaultUrl: '', count: 0 };

  constructor(
    private readonly session: Pick<SessionService, 'state' | 'active'>,
    private readonly settings: Pick<Settings, 'current'>,
    private readonly log: Logger,
    private readonly redactor: Redactor,
  ) {}

  get filter(): JobsFilter { return this.filterValue; }

  setFilter(filter: JobsFilter): void {
    this.filterValue = { statuses: filter.statuses.map((s) => s.toUpperCase()), text: filter.text.trim() };
    void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.filtered, this.isFiltered);
    this.filterChanged.fire(this.filterValue);
    this.changed.fire(undefined);
  }

  /** How the Active section is shown: flat, or in groups by job title or by status. */
  get grouping(): GroupingMode { return this.groupingValue; }

  setGrouping(mode: GroupingMode): void {
    if (mode === this.groupingValue) return;
    this.groupingValue = mode;
    this.groupingChanged.fire(mode);
    this.changed.fire(this.groups.active);
  }

  get isFiltered(): boolean { return this.filterValue.statuses.length > 0 || this.filterValue.text !== ''; }

  /** Forgets what was fetched; the view asks again for what it shows. */
  refresh(): void {
    this.active = undefined;
    this.history = undefined;
    this.changed.fire(undefined);
  }

  async loadMoreHistory(): Promise<void> {
    const current = await this.history;
    const client = this.session.active?.client;
    if (!current?.lastPage.nextPage || !client) return;
    const next = await client.nextPage(current.lastPage);
    if (next) {
      const jobs = [...current.jobs, ...next.jobs];
      this.history = Promise.resolve({ jobs, lastPage: next });
      this.historyLoaded = { vaultUrl: client.baseUrl, count: jobs.length };
    }
    this.changed.fire(this.groups.history);
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
    if (node.kind === 'jobSet') return node.set.jobs.map((job) => new JobNode(job, node));
    if (node.kind !== 'group') return [];
    try {
      if (node.group === 'active') return await this.activeChildren(node);
      const { jobs, lastPage } = await this.historyJobs();
      const shown = orderJobs(this.applyFilter(jobs), 'history').map((job): JobsNode => new JobNode(job, node));
      if (lastPage.nextPage) shown.push(new LoadMoreNode(node, jobs.length, lastPage.total));
      return shown.length ? shown : [new MessageNode(node, this.isFiltered ? l10n.t('No history entries match the filter') : l10n.t('No job history'), false)];
    } catch (error) {
      const message = describeError(error, this.redactor);
      this.log.error(`listing ${node.group} jobs failed: ${message}`);
      // Forget the failed fetch so that Refresh tries again.
      if (node.group === 'active') this.active = undefined; else this.history = undefined;
      return [new MessageNode(node, l10n.t('Could not list jobs: {0}', message), true)];
    }
  }

  /** The Active section: a note first when the list is cut or disagrees with Vault's count, then the jobs or their groups. */
  private async activeChildren(node: GroupNode): Promise<JobsNode[]> {
    const { jobs: all, complete, note } = await this.activeList();
    const noteNodes = note ? [new MessageNode(node, note, complete ? false : 'warning', 'note')] : [];
    const jobs = this.applyFilter(all);
    if (!jobs.length) return [...noteNodes, new MessageNode(node, this.isFiltered ? l10n.t('No active jobs match the filter') : l10n.t('No active jobs'), false)];
    const mode = this.groupingValue;
    if (mode === 'flat') return [...noteNodes, ...jobs.map((job) => new JobNode(job, node))];
    return [...noteNodes, ...groupJobs(jobs, mode, 'active').map((set) => new JobSetNode(node, mode, set))];
  }

  /** Every active job (all monitor pages), fetched once per refresh. */
  async activeJobs(): Promise<Job[]> {
    return (await this.activeList()).jobs;
  }

  /** The jobs as the view shows them: the filter applied, every Active job and the History pages loaded so far. */
  async shownJobs(group?: GroupNode['group']): Promise<Job[]> {
    const active = group === 'history' ? [] : await this.activeJobs();
    const history = group === 'active' ? [] : (await this.historyJobs()).jobs;
    return this.applyFilter([...active, ...history]);
  }

  /** Every active job with whether the list is complete (the client's reading of all monitor pages). */
  private activeList(): Promise<JobList> {
    const client = this.session.active?.client;
    if (!client) return Promise.resolve({ jobs: [], complete: true });
    this.active ??= client.listAll('monitors', { limit: 200 }).then((listed) => {
      // Vault sends monitors oldest created first; the view shows what needs attention first.
      const list = { ...listed, jobs: orderJobs(listed.jobs, 'active') };
      this.log.info(`listed ${list.jobs.length} active jobs${list.complete ? '' : ' (incomplete)'}`);
      // Results follow only a complete list: a job missing from a cut one may still be active.
      if (list.complete) this.activeListed.fire({ vaultUrl: client.baseUrl, jobs: list.jobs });
      return list;
    });
    return this.active;
  }

  private historyJobs(): Promise<HistoryState> {
    const client = this.session.active?.client;
    if (!client) return Promise.reject(new Error(l10n.t('Signed out')));
    this.history ??= (async () => {
      let lastPage = await client.listHistories({ limit: this.settings.current.historyPageSize });
      const jobs = [...lastPage.jobs];
      // As many entries as "Load more" had shown before a refresh, so a refresh does not take them away.
      const wanted = this.historyLoaded.vaultUrl === client.baseUrl ? this.historyLoaded.count : 0;
      while (jobs.length < wanted && lastPage.nextPage) {
        const next = await client.nextPage(lastPage);
        if (!next) break;
        jobs.push(...next.jobs);
        lastPage = next;
      }
      return { jobs, lastPage };
    })();
    return this.history;
  }

  private async countFor(node: GroupNode): Promise<{ count: string; note?: string }> {
    try {
      if (node.group === 'active') {
        const { jobs, complete, note } = await this.activeList();
        const count = this.isFiltered ? l10n.t({ message: '{0} of {1}', args: [this.applyFilter(jobs).length, jobs.length], comment: ['active jobs: {0} shown (filtered), {1} listed'] }) : String(jobs.length);
        return { count: complete ? count : l10n.t('{0} (incomplete)', count), note };
      }
      const { jobs, lastPage } = await this.historyJobs();
      return {
        count: this.isFiltered
          ? l10n.t({ message: '{0} of {1} of {2}', args: [this.applyFilter(jobs).length, jobs.length, lastPage.total], comment: ['history: {0} shown (filtered), {1} loaded, {2} in all'] })
          : l10n.t({ message: '{0} of {1}', args: [jobs.length, lastPage.total], comment: ['history: {0} loaded, {1} in all'] }),
      };
    } catch {
      return { count: '' };
    }
  }

  private applyFilter(jobs: Job[]): Job[] {
    const { statuses, text } = this.filterValue;
    const needle = text.toLowerCase();
    return jobs.filter((job) => (statuses.length === 0 || statuses.includes(job.status.toUpperCase()))
      && (!needle || job.title.toLowerCase().includes(needle) || String(job.job_id).includes(needle)));
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
