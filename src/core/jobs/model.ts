// What the extension knows of a Vault's jobs: the Active list with how complete it is, the History
// pages loaded so far, the filter and the grouping. The Jobs view is one view of it; the cancel
// results, the follow-up after a cancel and any caller that needs a fresh list read it too, so a
// listing made by whoever asked for it updates everything that shows jobs, visible or not.
import { readSettledList, type Job, type JobList, type JobPage, type VaultClient } from '../vault';
import type { Logger } from '../log';
import type { GroupingMode } from './grouping';
import { orderJobs } from './order';

/** What the model reads a Vault's lists with. */
export interface JobsModelClient {
  readonly baseUrl: string;
  /** Every Active page, marked incomplete when cut or seen to move while it was read. */
  listActiveJobs(signal?: AbortSignal): Promise<JobList>;
  listHistories(params: { limit: number }, signal?: AbortSignal): Promise<JobPage>;
  nextPage(page: JobPage, signal?: AbortSignal): Promise<JobPage | undefined>;
}

/** Monitor pages of this many jobs: Vault's largest page for Retrieve Job Monitors. */
const activePageSize = 200;
/** History pages of a watcher's reading: Vault's largest, so one call covers the jobs that ended lately. */
const historyReadingPageSize = 200;
/** A watcher's reading goes at most this far back in History (2,000 ended jobs). */
const mostHistoryPages = 10;

/**
 * The model's reading of `client`'s Vault. The Active list is read through readSettledList: a list
 * that moved while it was read comes back incomplete, so the results following it never take a job
 * it missed for finished.
 */
export function jobsModelClient(client: VaultClient | undefined): JobsModelClient | undefined {
  return client && {
    baseUrl: client.baseUrl,
    listActiveJobs: (signal) => readSettledList(client, 'monitors', { limit: activePageSize }, { signal }),
    listHistories: (params, signal) => client.listHistories(params, signal),
    nextPage: (page, signal) => client.nextPage(page, signal),
  };
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
}

/** One reading of a Vault's lists; a list whose reading failed is undefined. */
export interface JobsReading {
  readonly vaultUrl: string;
  readonly active: ActiveJobsListing | undefined;
  /** History's first page (or the pages loaded), latest ended first. */
  readonly history: readonly Job[] | undefined;
}

export interface HistoryState {
  readonly jobs: readonly Job[];
  readonly lastPage: JobPage;
}

/** What changed: one section's data, the filter or grouping (both sections' look), or everything (a refresh). */
export type JobsModelChange = 'active' | 'history' | 'filter' | 'grouping' | 'all';

export interface Subscription { dispose(): void }

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

interface Held<T> { readonly vaultUrl: string; readonly value: Promise<T> }

/**
 * One list the model holds for a Vault: what readers get (`shown`) and a newer reading on its way
 * (`pending`) that replaces it once it lands. Readers keep the shown list while a refresh reads
 * again, so a row clicked during a refresh is still the row that was clicked; only when nothing is
 * shown yet do they wait for the reading.
 */
class Reading<T> {
  private shown: Held<T> | undefined;
  private pending: Held<T> | undefined;

  /** What readers get on `vaultUrl`, if anything was read there. */
  current(vaultUrl: string): Promise<T> | undefined {
    return this.shown?.vaultUrl === vaultUrl ? this.shown.value : undefined;
  }

  /** Whether `vaultUrl`'s list was read (or is being read for readers who wait). */
  holds(vaultUrl: string): boolean { return this.shown?.vaultUrl === vaultUrl; }

  /**
   * Starts `read`; `landed` runs once it has replaced what was shown (`waited`: readers were waiting
   * for it, nothing was shown before). A reading that a newer one overtook lands nowhere.
   */
  start(vaultUrl: string, read: Promise<T>, landed: (value: T, waited: boolean) => void, failed: (waited: boolean) => void): Promise<T> {
    const held: Held<T> = { vaultUrl, value: read };
    this.pending = held;
    const waited = !this.holds(vaultUrl);
    if (waited) this.shown = held;
    read.then((value) => {
      if (this.pending !== held) return;
      this.pending = undefined;
      this.shown = held;
      landed(value, waited);
    }, () => {
      if (this.pending !== held) return;
      this.pending = undefined;
      // A first reading that failed is forgotten, so the next reader tries again; a refresh that
      // failed is shown, so the view says why its list did not change.
      this.shown = waited ? undefined : held;
      failed(waited);
    });
    return read;
  }

  /** `value` is what readers get from now on; a reading on its way is dropped. */
  set(vaultUrl: string, value: T): void {
    this.pending = undefined;
    this.shown = { vaultUrl, value: Promise.resolve(value) };
  }

  /** A token that changes whenever a reading starts or a value is set: an update computed from an older state checks it. */
  get version(): Held<T> | undefined { return this.pending ?? this.shown; }

  forget(): void {
    this.shown = undefined;
    this.pending = undefined;
  }
}

export interface JobsModelOptions {
  /** The signed-in Vault's client, or undefined while signed out. */
  readonly client: () => JobsModelClient | undefined;
  /** History entries per page (the setting, read at each first page). */
  readonly historyPageSize: () => number;
  readonly log: Logger;
  /** The time (ms), for how old a listing is; Date.now by default. */
  readonly now?: () => number;
}

export class JobsModel {
  private readonly changes = new Listeners<JobsModelChange>();
  private readonly activeListings = new Listeners<ActiveJobsListing>();
  private readonly active = new Reading<ActiveJobsListing>();
  private readonly history = new Reading<HistoryState>();
  /** How many history entries "Load more" had fetched, on which Vault: a refresh fetches as many again. */
  private historyLoaded = { vaultUrl: '', count: 0 };
  private filterValue: JobsFilter = { statuses: [], text: '' };
  private groupingValue: GroupingMode = 'flat';
  /** The Active listing the view shows (undefined when none is). */
  private shownListing: ActiveJobsListing | undefined;
  /** The last Active listing that landed, whoever read it, and when. */
  private lastListing: { listing: ActiveJobsListing; at: number } | undefined;

  constructor(private readonly options: JobsModelOptions) {}

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

  /**
   * Reads again what was read on the signed-in Vault (Active, and History as far as it was loaded);
   * readers keep the lists they have until the new ones land. After another sign-in, forgets all.
   * Resolves once both lists have landed, with the new Active listing, or undefined (signed out,
   * not read, or the listing failed).
   */
  async refresh(): Promise<ActiveJobsListing | undefined> {
    const client = this.signedInClient();
    if (!client) return undefined;
    const history = this.history.holds(client.baseUrl) ? this.readHistory(client).catch(() => undefined) : undefined;
    const active = this.active.holds(client.baseUrl) ? this.readActive(client, undefined, false).catch(() => undefined) : undefined;
    const [listing] = await Promise.all([active, history]);
    return listing;
  }

  /**
   * One reading for a watcher of jobs, with the view closed too: every Active page (which the view,
   * the results and the followers of listings get, as from a refresh), and History from its latest
   * ended job back, in pages of Vault's largest size, as long as `moreHistory` says a job it looks
   * for may lie further back (at most `mostHistoryPages`). History as the view shows it is read again
   * too when it is shown. Undefined while signed out; a list whose reading failed is undefined.
   */
  async read(moreHistory: (active: ActiveJobsListing | undefined, history: readonly Job[]) => boolean = () => false): Promise<JobsReading | undefined> {
    const client = this.signedInClient();
    if (!client) return undefined;
    const shownHistory = this.history.holds(client.baseUrl) ? this.readHistory(client).catch(() => undefined) : undefined;
    const active = await this.readActive(client, undefined, true).catch(() => undefined);
    const history = await this.readRecentHistory(client, (jobs) => moreHistory(active, jobs)).catch(() => undefined);
    await shownHistory;
    return { vaultUrl: client.baseUrl, active, history };
  }

  private async readRecentHistory(client: JobsModelClient, more: (jobs: readonly Job[]) => boolean): Promise<Job[]> {
    let page = await client.listHistories({ limit: historyReadingPageSize });
    const jobs = [...page.jobs];
    for (let pages = 1; pages < mostHistoryPages && page.nextPage && more(jobs); pages++) {
      const next = await client.nextPage(page);
      if (!next) break;
      jobs.push(...next.jobs);
      page = next;
    }
    return jobs;
  }

  /** The signed-in Vault's client; what was held of another Vault is forgotten first. */
  private signedInClient(): JobsModelClient | undefined {
    const client = this.options.client();
    const held = client && (this.active.holds(client.baseUrl) || this.history.holds(client.baseUrl));
    if (!held) {
      this.active.forget();
      this.shownListing = undefined;
      this.history.forget();
      this.changes.fire('all');
    }
    return client;
  }

  /** The Active list as last listed on the signed-in Vault, or a new listing when there is none. */
  activeList(): Promise<ActiveJobsListing> {
    const client = this.options.client();
    if (!client) return Promise.resolve({ vaultUrl: '', jobs: [], complete: true });
    return this.active.current(client.baseUrl) ?? this.readActive(client, undefined, false);
  }

  /** A fresh listing of every active job (every monitor page), which replaces what the model held. */
  listActive(signal?: AbortSignal): Promise<ActiveJobsListing> {
    const client = this.options.client();
    if (!client) return Promise.reject(new Error('Signed out'));
    return this.readActive(client, signal, true);
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
    this.active.set(client.baseUrl, listing);
    this.tellFollowers(listing);
    if (this.showsNew(listing)) this.changes.fire('active');
  }

  /**
   * The signed-in Vault's Active list if a complete listing of it landed at most `maxAgeMs` ago, for a
   * check that may trust a list of the last seconds.
   */
  recentActiveListing(maxAgeMs: number): ActiveJobsListing | undefined {
    const client = this.options.client();
    const last = this.lastListing;
    if (!client || !last || last.listing.vaultUrl !== client.baseUrl || !last.listing.complete) return undefined;
    return this.now() - last.at <= maxAgeMs ? last.listing : undefined;
  }

  private now(): number { return (this.options.now ?? Date.now)(); }

  /**
   * The titles of those of `ids` that the last Active listing or the History pages loaded show, for
   * a run's record. Nothing is read for it: a title is what a person saw, not worth a call.
   */
  async titlesOf(ids: readonly number[]): Promise<Map<number, string>> {
    const wanted = new Set(ids);
    const titles = new Map<number, string>();
    const client = this.options.client();
    const history = client && this.history.holds(client.baseUrl) ? await this.historyJobs().catch(() => undefined) : undefined;
    for (const job of [...(history?.jobs ?? []), ...(this.lastListing?.listing.jobs ?? [])]) {
      if (wanted.has(job.job_id)) titles.set(job.job_id, job.title);
    }
    return titles;
  }

  /** `announce`: tell the view even when its readers were waiting for this listing. */
  private readActive(client: JobsModelClient, signal: AbortSignal | undefined, announce: boolean): Promise<ActiveJobsListing> {
    const read = client.listActiveJobs(signal).then((listed) => this.settle(listed, client.baseUrl));
    return this.active.start(client.baseUrl, read, (listing, waited) => {
      this.tellFollowers(listing);
      if (this.showsNew(listing) && (announce || !waited)) this.changes.fire('active');
    }, (waited) => {
      this.shownListing = undefined;
      this.lastListing = undefined;
      if (!waited) this.changes.fire('active');
    });
  }

  /**
   * Whether `listing` looks different in the view from the listing shown before. A refresh that
   * lists the same jobs in the same states changes nothing, so the view does not redraw its rows
   * (and a row a person is about to click stays where it is).
   */
  private showsNew(listing: ActiveJobsListing): boolean {
    const shown = this.shownListing;
    this.shownListing = listing;
    if (!shown || shown.complete !== listing.complete || shown.note !== listing.note || shown.jobs.length !== listing.jobs.length) return true;
    return listing.jobs.some((job, i) => {
      const before = shown.jobs[i];
      return job.job_id !== before.job_id || job.status !== before.status || job.title !== before.title
        || job.run_start_date !== before.run_start_date || job.run_end_date !== before.run_end_date || job.modified_date !== before.modified_date;
    });
  }

  /** Orders a listing for attention: Vault sends monitors oldest created first. */
  private settle(listed: JobList, vaultUrl: string): ActiveJobsListing {
    const listing: ActiveJobsListing = { ...listed, jobs: orderJobs(listed.jobs, 'active'), vaultUrl };
    this.options.log.info(`listed ${listing.jobs.length} active jobs${listing.complete ? '' : ' (incomplete)'}`);
    return listing;
  }

  /** Results follow only a complete list: a job missing from a cut one may still be active. */
  private tellFollowers(listing: ActiveJobsListing): void {
    this.lastListing = { listing, at: this.now() };
    if (listing.complete) this.activeListings.fire(listing);
  }

  /** The History pages loaded so far (the first page, and as many more as "Load more" had fetched). */
  historyJobs(): Promise<HistoryState> {
    const client = this.options.client();
    if (!client) return Promise.reject(new Error('Signed out'));
    return this.history.current(client.baseUrl) ?? this.readHistory(client);
  }

  private readHistory(client: JobsModelClient): Promise<HistoryState> {
    const read = (async (): Promise<HistoryState> => {
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
    const changed = (waited: boolean) => { if (!waited) this.changes.fire('history'); };
    return this.history.start(client.baseUrl, read, (_state, waited) => changed(waited), changed);
  }

  /** Fetches the next History page; does nothing at the last page or while signed out. */
  async loadMoreHistory(): Promise<void> {
    const client = this.options.client();
    const before = this.history.version;
    const current = client && await this.history.current(client.baseUrl);
    if (!client || !current?.lastPage.nextPage) return;
    const next = await client.nextPage(current.lastPage);
    // A refresh while the page was read started over: this page belongs to the list it replaces.
    if (this.history.version !== before) return;
    if (next) {
      const jobs = [...current.jobs, ...next.jobs];
      this.history.set(client.baseUrl, { jobs, lastPage: next });
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
