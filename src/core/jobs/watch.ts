// Watched jobs, followed to their end from the readings of a Vault's lists: one reading of the Active
// list and of History's first page serves every watched job of that Vault, so following a thousand
// jobs costs what following one does, and never a Job Status call (one per job every 10 s at most).
// A job seen in History has ended with the state it shows there; a job in neither list after a few
// complete readings has ended too, in a state no reading showed. Watchdogs mark jobs that stay
// CANCELLING, QUEUED or RUNNING too long, once each. Plain data in, plain data out: the extension
// layer persists the state, shows the notices, and records each run's final states.
import type { Job } from '../vault';
import type { ActiveJobsListing, JobsReading } from './model';
import { jobStatusInfo } from './status';

export type WatchdogKind = 'cancelling' | 'queued' | 'running';

/** Minutes after which each watchdog fires; 0 turns it off. */
export type WatchdogMinutes = Readonly<Record<WatchdogKind, number>>;

/** How the jobs watched together are told about: all at once when every one ended (a cancel run), or as each reading sees some end. */
export type NoticeWhen = 'all' | 'each';

export interface WatchedJob {
  readonly jobId: number;
  title: string;
  /** The status the last reading showed; undefined until one showed it. */
  status: string | undefined;
  /** Since when the job is in its current status (for CANCELLING and RUNNING, as Vault says) or was first seen queued (QUEUED, QUEUEING); undefined until a reading showed it. */
  statusSince: number | undefined;
  /** The watchdogs that fired for it (once each). */
  readonly alarms: WatchdogKind[];
  /** Complete readings in a row that showed it in neither list. */
  unseen: number;
  /** The cancel run that sent it, whose record gets its final state. */
  readonly runId: string | undefined;
  /** The jobs watched together (one cancel run, one Watch). */
  readonly batch: string;
  readonly since: number;
  /** When a reading last showed it active (or it was watched): it ended after that. */
  lastSeen: number;
}

export interface EndedJob {
  readonly jobId: number;
  readonly title: string;
  /** Vault's status in History; undefined when the job left the Active list and no reading showed it in History. */
  readonly status: string | undefined;
  /** When it ended (History's run_end_date), else when the reading that saw it gone was made (ISO). */
  readonly at: string;
  readonly runId: string | undefined;
  readonly batch: string;
}

export interface WatchdogAlarm {
  readonly jobId: number;
  readonly title: string;
  readonly kind: WatchdogKind;
  readonly status: string;
  readonly minutes: number;
}

/** What one notification says: jobs that ended, and jobs a watchdog marked that have not ended. */
export interface WatchNotice {
  readonly ended: readonly EndedJob[];
  readonly stuck: readonly WatchdogAlarm[];
  /** A job failed, timed out, missed its schedule, ended with errors, or a watchdog fired. */
  readonly warning: boolean;
}

export interface WatchUpdate {
  /** Whether the reading changed anything the watches show (a state, an end, a watchdog). */
  readonly changed: boolean;
  readonly ended: readonly EndedJob[];
  readonly alarms: readonly WatchdogAlarm[];
  readonly notices: readonly WatchNotice[];
}

interface Batch {
  readonly when: NoticeWhen;
  /** The ended jobs not told yet, for a batch told all at once. */
  readonly ended: EndedJob[];
  announced: boolean;
}

interface VaultWatches {
  readonly jobs: Map<number, WatchedJob>;
  readonly batches: Map<string, Batch>;
  /** Latest first, at most `keptEnded`. */
  readonly recentlyEnded: EndedJob[];
  endedSinceLooked: number;
}

/** What the extension keeps in its storage: plain JSON. */
export interface PersistedWatches {
  readonly v: 1;
  readonly vaults: Record<string, {
    readonly jobs: WatchedJob[];
    readonly batches: Record<string, { when: NoticeWhen; ended: EndedJob[]; announced: boolean }>;
    readonly recentlyEnded: EndedJob[];
    readonly endedSinceLooked: number;
  }>;
}

export interface JobToWatch {
  readonly jobId: number;
  readonly title?: string;
  readonly status?: string;
}

export interface WatcherOptions {
  readonly now: () => number;
  readonly watchdogs: () => WatchdogMinutes;
}

/** Readings in a row that must miss a job in both lists before it counts as ended unseen: a job ending between the two reads falls between them once. */
const unseenReadings = 3;
/** Ended jobs kept for the Watched section, per Vault. */
const keptEnded = 200;
/** Endings that are warnings, not news. */
const warningEnds = new Set(['FAILED_TO_RUN', 'TIMEOUT', 'MISSED_SCHEDULE', 'ERRORS_ENCOUNTERED']);

export class JobWatcher {
  private readonly vaults = new Map<string, VaultWatches>();
  private batchCount = 0;

  constructor(private readonly options: WatcherOptions, persisted?: PersistedWatches) {
    if (persisted?.v === 1) this.restore(persisted);
  }

  /** Starts watching `jobs` on `vaultUrl` as one batch; jobs watched already keep their watch. Returns how many are newly watched. */
  watch(vaultUrl: string, jobs: readonly JobToWatch[], how: { runId?: string; when: NoticeWhen }): number {
    const vault = this.vault(vaultUrl);
    const batch = `${this.options.now()}-${++this.batchCount}`;
    const now = this.options.now();
    let added = 0;
    for (const job of jobs) {
      if (vault.jobs.has(job.jobId)) continue;
      const status = job.status?.toUpperCase();
      vault.jobs.set(job.jobId, {
        jobId: job.jobId, title: job.title ?? '', status, statusSince: undefined, alarms: [], unseen: 0,
        runId: how.runId, batch, since: now, lastSeen: now,
      });
      added++;
    }
    if (added) vault.batches.set(batch, { when: how.when, ended: [], announced: false });
    return added;
  }

  /** Stops watching `jobIds` on `vaultUrl`; returns the watches removed. */
  unwatch(vaultUrl: string, jobIds: Iterable<number>): WatchedJob[] {
    const vault = this.vaults.get(vaultUrl);
    if (!vault) return [];
    const removed: WatchedJob[] = [];
    for (const id of jobIds) {
      const job = vault.jobs.get(id);
      if (job && vault.jobs.delete(id)) removed.push(job);
    }
    this.dropSettledBatches(vault);
    return removed;
  }

  watched(vaultUrl: string): readonly WatchedJob[] {
    return [...(this.vaults.get(vaultUrl)?.jobs.values() ?? [])];
  }

  /** The watch of `jobId`, if it is watched. */
  watchOf(vaultUrl: string, jobId: number): WatchedJob | undefined {
    return this.vaults.get(vaultUrl)?.jobs.get(jobId);
  }

  recentlyEnded(vaultUrl: string): readonly EndedJob[] {
    return this.vaults.get(vaultUrl)?.recentlyEnded ?? [];
  }

  /** Jobs that ended since `markLooked` was last called for the Vault. */
  endedSinceLooked(vaultUrl: string): number {
    return this.vaults.get(vaultUrl)?.endedSinceLooked ?? 0;
  }

  markLooked(vaultUrl: string): void {
    const vault = this.vaults.get(vaultUrl);
    if (vault) vault.endedSinceLooked = 0;
  }

  /** Whether anything is watched on `vaultUrl`. */
  hasWatches(vaultUrl: string): boolean {
    return (this.vaults.get(vaultUrl)?.jobs.size ?? 0) > 0;
  }

  /**
   * Whether a watched job on `vaultUrl` is worth reading again within seconds: one no reading has
   * shown yet, or one CANCELLING (cancels end within seconds) that no watchdog has marked stuck.
   */
  worthReadingSoon(vaultUrl: string): boolean {
    for (const job of this.vaults.get(vaultUrl)?.jobs.values() ?? []) {
      if (job.statusSince === undefined || (job.status === 'CANCELLING' && job.alarms.length === 0)) return true;
    }
    return false;
  }

  /**
   * Whether History read so far (latest ended first) may hold a watched job further back: one that a
   * complete Active listing no longer shows, not found yet, that ended after the oldest entry read
   * so far ended, as far as the watch knows (it was last seen active later than that).
   */
  needsMoreHistory(vaultUrl: string, active: ActiveJobsListing | undefined, history: readonly Job[]): boolean {
    const vault = this.vaults.get(vaultUrl);
    const oldest = history.at(-1)?.run_end_date;
    if (!vault || vault.jobs.size === 0 || active?.complete !== true || !oldest) return false;
    const oldestEnd = Date.parse(oldest);
    if (Number.isNaN(oldestEnd)) return false;
    const listed = new Set([...active.jobs, ...history].map((job) => job.job_id));
    for (const watch of vault.jobs.values()) if (!listed.has(watch.jobId) && watch.lastSeen <= oldestEnd) return true;
    return false;
  }

  /** Follows every watched job of the reading's Vault through it. */
  observe(reading: JobsReading): WatchUpdate {
    const vault = this.vaults.get(reading.vaultUrl);
    if (!vault || vault.jobs.size === 0) return { changed: false, ended: [], alarms: [], notices: [] };
    const now = this.options.now();
    const active = new Map((reading.active?.jobs ?? []).map((job) => [job.job_id, job]));
    const history = new Map((reading.history ?? []).map((job) => [job.job_id, job]));
    // Absence means something only in a complete Active listing read along with History.
    const absenceCounts = reading.active?.complete === true && reading.history !== undefined;
    const ended: EndedJob[] = [];
    const alarms: WatchdogAlarm[] = [];
    let changed = false;
    for (const watch of [...vault.jobs.values()]) {
      const finished = history.get(watch.jobId) ?? terminalIn(active.get(watch.jobId));
      const listed = active.get(watch.jobId);
      if (finished) {
        ended.push(this.end(vault, watch, finished.status.toUpperCase(), finished.run_end_date ?? new Date(now).toISOString(), finished.title));
      } else if (listed) {
        watch.unseen = 0;
        watch.lastSeen = now;
        if (listed.title && listed.title !== watch.title) {
          watch.title = listed.title;
          changed = true;
        }
        if (this.see(watch, listed, now)) changed = true;
        const alarm = this.checkWatchdogs(watch, now);
        if (alarm) alarms.push(alarm);
      } else if (absenceCounts && ++watch.unseen >= unseenReadings) {
        ended.push(this.end(vault, watch, undefined, new Date(now).toISOString()));
      }
    }
    vault.recentlyEnded.unshift(...ended);
    vault.recentlyEnded.length = Math.min(vault.recentlyEnded.length, keptEnded);
    vault.endedSinceLooked += ended.length;
    const notices = this.notices(vault, ended, alarms);
    this.dropSettledBatches(vault);
    return { changed: changed || ended.length > 0 || alarms.length > 0, ended, alarms, notices };
  }

  /** A copy fit for JSON storage. */
  persist(): PersistedWatches {
    const vaults: PersistedWatches['vaults'] = {};
    for (const [url, vault] of this.vaults) {
      if (vault.jobs.size === 0 && vault.recentlyEnded.length === 0) continue;
      vaults[url] = {
        jobs: [...vault.jobs.values()].map((job) => ({ ...job, alarms: [...job.alarms] })),
        batches: Object.fromEntries([...vault.batches].map(([key, batch]) => [key, { ...batch, ended: [...batch.ended] }])),
        recentlyEnded: [...vault.recentlyEnded],
        endedSinceLooked: vault.endedSinceLooked,
      };
    }
    return { v: 1, vaults };
  }

  private restore(persisted: PersistedWatches): void {
    for (const [url, saved] of Object.entries(persisted.vaults ?? {})) {
      const vault = this.vault(url);
      for (const job of saved.jobs ?? []) if (Number.isSafeInteger(job.jobId)) vault.jobs.set(job.jobId, { ...job, alarms: [...(job.alarms ?? [])], unseen: job.unseen ?? 0, lastSeen: job.lastSeen ?? job.since });
      for (const [key, batch] of Object.entries(saved.batches ?? {})) vault.batches.set(key, { when: batch.when, ended: [...(batch.ended ?? [])], announced: batch.announced === true });
      vault.recentlyEnded.push(...(saved.recentlyEnded ?? []).slice(0, keptEnded));
      vault.endedSinceLooked = Number.isSafeInteger(saved.endedSinceLooked) ? saved.endedSinceLooked : 0;
    }
  }

  private vault(url: string): VaultWatches {
    let vault = this.vaults.get(url);
    if (!vault) this.vaults.set(url, vault = { jobs: new Map(), batches: new Map(), recentlyEnded: [], endedSinceLooked: 0 });
    return vault;
  }

  /** True when the job shows another status than before. */
  private see(watch: WatchedJob, job: Job, now: number): boolean {
    const status = job.status.toUpperCase();
    if (status === watch.status && watch.statusSince !== undefined) return false;
    // QUEUEING then QUEUED is one wait in the queue: its watchdog counts from when it was first seen queued.
    const stillQueued = isQueued(status) && watch.status !== undefined && isQueued(watch.status);
    watch.status = status;
    if (!stillQueued || watch.statusSince === undefined) watch.statusSince = sinceOf(job, status, now);
    return true;
  }

  private checkWatchdogs(watch: WatchedJob, now: number): WatchdogAlarm | undefined {
    const kind = watchdogOf(watch.status);
    if (!kind || watch.alarms.includes(kind) || watch.statusSince === undefined) return undefined;
    const minutes = this.options.watchdogs()[kind];
    if (!(minutes > 0) || now - watch.statusSince < minutes * 60_000) return undefined;
    watch.alarms.push(kind);
    return { jobId: watch.jobId, title: watch.title, kind, status: watch.status!, minutes };
  }

  private end(vault: VaultWatches, watch: WatchedJob, status: string | undefined, at: string, title?: string): EndedJob {
    vault.jobs.delete(watch.jobId);
    return { jobId: watch.jobId, title: title || watch.title, status, at, runId: watch.runId, batch: watch.batch };
  }

  /**
   * One notice per batch told at once whose every job has ended or been marked by a watchdog, with
   * what ended and what is stuck; one notice for what ended in batches told as each ends; and one for
   * the watchdogs that fired outside a batch told here.
   */
  private notices(vault: VaultWatches, ended: readonly EndedJob[], alarms: readonly WatchdogAlarm[]): WatchNotice[] {
    const notices: WatchNotice[] = [];
    const each: EndedJob[] = [];
    const touched = new Set<string>();
    for (const job of ended) {
      const batch = vault.batches.get(job.batch);
      if (batch && batch.when === 'all' && !batch.announced) batch.ended.push(job);
      else each.push(job);
      touched.add(job.batch);
    }
    for (const alarm of alarms) touched.add(vault.jobs.get(alarm.jobId)?.batch ?? '');
    const toldStuck = new Set<number>();
    for (const key of touched) {
      const batch = vault.batches.get(key);
      if (!batch || batch.when !== 'all' || batch.announced) continue;
      const left = [...vault.jobs.values()].filter((job) => job.batch === key);
      if (left.some((job) => job.alarms.length === 0)) continue;
      const stuck = left.map((job) => stuckAlarm(job, this.options.watchdogs()));
      for (const job of left) toldStuck.add(job.jobId);
      batch.announced = true;
      notices.push(notice(batch.ended.splice(0), stuck));
    }
    if (each.length) notices.push(notice(each, []));
    const otherAlarms = alarms.filter((alarm) => !toldStuck.has(alarm.jobId));
    if (otherAlarms.length) notices.push(notice([], otherAlarms));
    return notices;
  }

  /** A batch is forgotten once none of its jobs is watched (observe has told its news by then). */
  private dropSettledBatches(vault: VaultWatches): void {
    const live = new Set([...vault.jobs.values()].map((job) => job.batch));
    for (const key of vault.batches.keys()) if (!live.has(key)) vault.batches.delete(key);
  }
}

function notice(ended: readonly EndedJob[], stuck: readonly WatchdogAlarm[]): WatchNotice {
  return { ended, stuck, warning: stuck.length > 0 || ended.some((job) => job.status !== undefined && warningEnds.has(job.status)) };
}

/** The alarm a still-watched job of a batch told at once is stuck with (its first). */
function stuckAlarm(job: WatchedJob, minutes: WatchdogMinutes): WatchdogAlarm {
  const kind = job.alarms[0];
  return { jobId: job.jobId, title: job.title, kind, status: job.status ?? '', minutes: minutes[kind] };
}

/**
 * Since when the job is in `status`, as Vault says where it can: a running job since its run started,
 * a cancelling one since it was last modified (the cancel). A queued one counts from now, when it was
 * first seen queued.
 */
function sinceOf(job: Job, status: string, now: number): number {
  const vaultSays = status === 'RUNNING' ? job.run_start_date : status === 'CANCELLING' ? job.modified_date : undefined;
  const at = vaultSays ? Date.parse(vaultSays) : Number.NaN;
  return Number.isNaN(at) || at > now ? now : at;
}

function isQueued(status: string): boolean {
  return status === 'QUEUED' || status === 'QUEUEING';
}

function watchdogOf(status: string | undefined): WatchdogKind | undefined {
  if (status === 'CANCELLING') return 'cancelling';
  if (status === 'RUNNING') return 'running';
  return status && isQueued(status) ? 'queued' : undefined;
}

/** A job the Active list shows already ended (a listing made as it finished). */
function terminalIn(job: Job | undefined): Job | undefined {
  return job && jobStatusInfo(job.status, 'active').terminal ? job : undefined;
}
