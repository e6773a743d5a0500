// The Jobs view: Active (every page of Retrieve Job Monitors) and History (Retrieve Job Histories,
// one page at a time behind "Load more…", so nothing is cut silently), with a status/title filter.
import * as vscode from 'vscode';
import type { Job, JobPage } from '../../core/vault';
import type { Logger, Redactor } from '../../core/log';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import { describeError } from '../errors';
import { builtInCommandIds, contextKeys } from '../names';
import { GroupNode, JobNode, LoadMoreNode, MessageNode, groupItem, jobItem, loadMoreItem, messageItem, type JobsNode } from './jobNodes';

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
  private active: Promise<Job[]> | undefined;
  private history: Promise<HistoryState> | undefined;
  private filterValue: JobsFilter = { statuses: [], text: '' };
  private readonly filterChanged = this.disposables.add(new vscode.EventEmitter<JobsFilter>());
  readonly onDidChangeFilter = this.filterChanged.event;
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
      case 'group': return this.countFor(node).then((count) => groupItem(node, count));
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
    if (node.kind !== 'group') return [];
    try {
      if (node.group === 'active') {
        const jobs = this.applyFilter(await this.activeJobs());
        return jobs.length ? jobs.map((job) => new JobNode(job, node)) : [new MessageNode(node, this.isFiltered ? l10n.t('No active jobs match the filter') : l10n.t('No active jobs'), false)];
      }
      const { jobs, lastPage } = await this.historyJobs();
      const shown = this.applyFilter(jobs).map((job): JobsNode => new JobNode(job, node));
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

  /** Every active job (all monitor pages), fetched once per refresh. */
  activeJobs(): Promise<Job[]> {
    const client = this.session.active?.client;
    if (!client) return Promise.resolve([]);
    this.active ??= (async () => {
      const jobs: Job[] = [];
      for await (const page of client.allPages('monitors', { limit: 200 })) jobs.push(...page);
      this.log.info(`listed ${jobs.length} active jobs`);
      this.activeListed.fire({ vaultUrl: client.baseUrl, jobs });
      return jobs;
    })();
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

  private async countFor(node: GroupNode): Promise<string> {
    try {
      if (node.group === 'active') {
        const jobs = await this.activeJobs();
        return this.isFiltered ? l10n.t('{0} of {1}', this.applyFilter(jobs).length, jobs.length) : String(jobs.length);
      }
      const { jobs, lastPage } = await this.historyJobs();
      return this.isFiltered
        ? l10n.t('{0} of {1} of {2}', this.applyFilter(jobs).length, jobs.length, lastPage.total)
        : l10n.t('{0} of {1}', jobs.length, lastPage.total);
    } catch {
      return '';
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
