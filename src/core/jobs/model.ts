// What the extension knows of a Vault's jobs: the Active list with how complete it is, the History
// pages loaded so far, the filter and the grouping. The Jobs view is one view of it; the cancel
// results, the follow-up after a cancel and any caller that needs a fresh list read it too, so a
// listing made by whoever asked for it updates everything that shows jobs, visible or not.
import type { Job, JobList, JobPage } from '../vault';
import type { Logger } from '../log';
import type { GroupingMode } from './grouping';
import { orderJobs } from './order';

/** The part of the Vault client the model reads with. */
export interface JobsModelClient {
  readonly baseUrl: string;
  listAll(kind: 'monitors', params: { limit: number }, signal?: AbortSignal): Promise<JobList>;
  listHistories(params: { limit: number }, signal?: AbortSignal): Promise<JobPage>;
  nextPage(page: JobPage, signal?: AbortSignal): Promise<JobPage | undefined>;
}

export interface JobsFilter {
  /** Upper-case statuses to show; empty shows all. */
  readonly statuses: readonly string[];
  /** Case-insensitive text the title (or the job ID) must contain. */
  readonly text: string;
}

/** Every active job of a Vault, as one listing found them. */
export interface ActiveJobsListing extends JobList {
  /** The Vault's API base URL (the client's baseUrl). */
  readonly vaultUrl: string;
  /** When the listing ended (ms since the epoch). */
  readonly listedAt: number;
}

export interface HistoryState {
  readonly jobs: readonly Job[];
  readonly lastPage: JobPage;
}

/** What changed: one section's data, the filter or grouping (both sections' look), or everything (a refresh). */
export type JobsModelChange = 'active' | 'history' | 'filter' | 'grouping' | 'all';

export interface Subscription { dispose(): void }

/** Monitor pages of this many jobs: Vault's largest page for Retrieve Job Monitors. */
export const activePageSize = 200;

/** A listener set: the model stays free of any UI framework's event type. */
class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): Subscription {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  }
  fire(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
  clear(): void { this.set.clear(); }
}

export interface JobsModelOptions {
  /** The signed-in Vault's client, or undefined while signed out. */
  readonly client: () => JobsModelClient | undefined;
  /** History entries per page (the setting, read at each first page). */
  readonly historyPageSize: () => number;
  readonly log: Logger;
  readonly now?: () => number;
}

export class JobsModel {
  private readonly changes = new Listeners<JobsModelChange>();
  private readonly activeListings = new Listeners<ActiveJobsListing>();
  /** The Active listing in flight or done, for the Vault it was made on. */
  private active: { vaultUrl: string; listing: Promise<ActiveJobsListing> } | undefined;
  private history: { vaultUrl: string; state: Promise<HistoryState> } | undefined;
  /** How many history entries "Load more" had fetched, on which Vault: a refresh fetches as many again. */
  private historyLoaded = { vaultUrl: '', count: 0 };
  private filterValue: JobsFilter = { statuses: [], text: '' };
  private groupingValue: GroupingMode = 'flat';
  private readonly now: () => number;

  constructor(private readonly options: JobsModelOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Fires once per change of what the model holds. */
  onDidChange(listener: (change: JobsModelChange) => void): Subscription { return this.changes.add(listener); }

  /** Fires with every complete listing of the active jobs, whoever asked for it (what cancel results follow). */
  onDidListActive(listener: (listing: ActiveJobsListing) => void): Subscription { return this.activeListings.add(listener); }

  get filter(): JobsFilter { return this.filterValue; }

  get isFiltered(): boolean { return this.filterValue.statuses.length > 0 || this.filterValue.text !== ''; }

  setFilter(filter: JobsFilter): void {
    this.filterValue = { statuses: filter.statuses.map((s) => s.toUpperCase()), text: filter.text.trim() };
    this.changes.fire('filter');
  }

  /** How the Active section is shown: flat, or in groups by job title or by status. */
  get grouping(): GroupingMode { return this.groupingValue; }

  setGrouping(mode: GroupingMode): void {
    if (mode === this.groupingValue) return;
    this.groupingValue = mode;
    this.changes.fire('grouping');
  }

  /** The jobs of `jobs` that pass the filter, in their order. */
  applyFilter(jobs: readonly Job[]): Job[] {
    const { statuses, text } = this.filterValue;
    const needle = text.toLowerCase();
    return jobs.filter((job) => (statuses.length === 0 || statuses.includes(job.status.toUpperCase()))
      && (!needle || job.title.toLowerCase().includes(needle) || String(job.job_id).includes(needle)));
  }

  /** Forgets what was listed; whoever shows jobs asks again. */
  refresh(): void {
    this.active = undefined;
    this.history = undefined;
    this.changes.fire('all');
  }

  /** The Active list as last listed on the signed-in Vault, or a new listing when there is none. */
  activeList(): Promise<ActiveJobsListing> {
    const client = this.options.client();
    if (!client) return Promise.resolve({ vaultUrl: '', jobs: [], complete: true, listedAt: this.now() });
    if (this.active?.vaultUrl === client.baseUrl) return this.active.listing;
    // Whoever reads it waits for it: no change to announce but to those who follow listings.
    return this.startListing(client, undefined, false);
  }

  /** A fresh listing of every active job (every monitor page), which replaces what the model held. */
  listActive(signal?: AbortSignal): Promise<ActiveJobsListing> {
    const client = this.options.client();
    if (!client) return Promise.reject(new Error('Signed out'));
    return this.startListing(client, signal, true);
  }

  /** The last complete Active listing of the signed-in Vault if it ended at most `maxAgeMs` ago. */
  async recentActiveListing(maxAgeMs: number): Promise<ActiveJobsListing | undefined> {
    const client = this.options.client();
    const held = this.active;
    if (!client || held?.vaultUrl !== client.baseUrl) return undefined;
    const listing = await held.listing.catch(() => undefined);
    return listing?.complete && this.now() - listing.listedAt <= maxAgeMs ? listing : undefined;
  }

  /**
   * A listing of the Active list that a caller read itself (the eligibility check before a cancel,
   * Cancel Jobs Matching): the model takes it as its own, so the view and the results show what the
   * caller saw. A listing of another Vault than the signed-in one is ignored.
   */
  recordActiveListing(list: JobList & { vaultUrl: string }): void {
    const client = this.options.client();
    if (!client || client.baseUrl !== list.vaultUrl) return;
    const listing = this.settle(list, client.baseUrl);
    this.active = { vaultUrl: client.baseUrl, listing: Promise.resolve(listing) };
    this.tellFollowers(listing);
    this.changes.fire('active');
  }

  private startListing(client: JobsModelClient, signal: AbortSignal | undefined, announce: boolean): Promise<ActiveJobsListing> {
    const listing = client.listAll('monitors', { limit: activePageSize }, signal).then((listed) => this.settle(listed, client.baseUrl));
    const held = { vaultUrl: client.baseUrl, listing };
    this.active = held;
    listing.then(
      (settled) => {
        // A listing that a refresh overtook is nobody's: the newer one speaks for the Vault.
        if (this.active !== held) return;
        this.tellFollowers(settled);
        if (announce) this.changes.fire('active');
      },
      // A failed listing is forgotten so that the next reader tries again; the caller sees the error.
      () => { if (this.active === held) this.active = undefined; },
    );
    return listing;
  }

  /** Orders a listing for attention: Vault sends monitors oldest created first. */
  private settle(listed: JobList, vaultUrl: string): ActiveJobsListing {
    const listing: ActiveJobsListing = { ...listed, jobs: orderJobs(listed.jobs, 'active'), vaultUrl, listedAt: this.now() };
    this.options.log.info(`listed ${listing.jobs.length} active jobs${listing.complete ? '' : ' (incomplete)'}`);
    return listing;
  }

  /** Results follow only a complete list: a job missing from a cut one may still be active. */
  private tellFollowers(listing: ActiveJobsListing): void {
    if (listing.complete) this.activeListings.fire(listing);
  }

  /** The History pages loaded so far (the first page, and as many more as "Load more" had fetched). */
  historyJobs(): Promise<HistoryState> {
    const client = this.options.client();
    if (!client) return Promise.reject(new Error('Signed out'));
    if (this.history?.vaultUrl === client.baseUrl) return this.history.state;
    const state = (async (): Promise<HistoryState> => {
      let lastPage = await client.listHistories({ limit: this.options.historyPageSize() });
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
    const held = { vaultUrl: client.baseUrl, state };
    this.history = held;
    state.catch(() => { if (this.history === held) this.history = undefined; });
    return state;
  }

  /** Fetches the next History page; does nothing at the last page or while signed out. */
  async loadMoreHistory(): Promise<void> {
    const client = this.options.client();
    const held = this.history;
    const current = held?.vaultUrl === client?.baseUrl ? await held?.state : undefined;
    if (!client || !held || !current?.lastPage.nextPage) return;
    const next = await client.nextPage(current.lastPage);
    // A refresh while the page was read started over: this page belongs to the list it replaced.
    if (this.history !== held) return;
    if (next) {
      const jobs = [...current.jobs, ...next.jobs];
      this.history = { vaultUrl: client.baseUrl, state: Promise.resolve({ jobs, lastPage: next }) };
      this.historyLoaded = { vaultUrl: client.baseUrl, count: jobs.length };
    }
    this.changes.fire('history');
  }

  /** The jobs as shown: the filter applied, every Active job and the History pages loaded so far. */
  async shownJobs(section?: 'active' | 'history'): Promise<Job[]> {
    const active = section === 'history' ? [] : (await this.activeList()).jobs;
    const history = section === 'active' ? [] : (await this.historyJobs()).jobs;
    return this.applyFilter([...active, ...history]);
  }

  dispose(): void {
    this.changes.clear();
    this.activeListings.clear();
  }
}
