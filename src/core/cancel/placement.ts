// Where Vault's lists place the jobs a run sent and heard nothing back about (after a crash, or an
// answer lost): the Active list read whole, then History back to the run's start, so that 1,500 jobs
// cost ⌈active/200⌉ + ⌈history since the run/200⌉ calls instead of 1,500 Job Status calls, a burst
// budget other integrations share. Job Status is asked only about a few jobs (when they are all there
// is to place, or the lists cannot place them), and only within what the burst budget can spare.
//
// What absence proves: a cancel this run made leaves its job CANCELLING (Active) and then CANCELLED,
// finished after the run began (History since then). So a job that neither whole list shows was not
// cancelled by this run: it had finished before the run started, or Vault has no such job. A list that
// changed under its reading or was cut proves no absence; its missing jobs are asked for one by one.
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { isVaultError, readSettledList, type Job, type VaultClient } from '../vault';
import { errorMessage } from '../errorMessage';

/** What Vault's lists (or, for a few, Job Status) say of one job. */
export type Placement =
  /** Listed (or read by Job Status) with this status; `at`: when Vault last changed it (its end, for a finished job). */
  | { kind: 'shown'; status: string; at?: string }
  /** In neither whole list: not active, and not finished since the run started. */
  | { kind: 'notSince' }
  /** Job Status: Vault has no such job. */
  | { kind: 'noSuchJob' }
  /** Not placed: a list could not be read whole and Job Status was not asked (budget) or failed. */
  | { kind: 'unplaced' };

export interface PlacementOptions {
  /** The run's start: History is read from a margin before it. */
  runStartedAt: Date;
  /** Most Job Status calls (default 20): up to this many IDs are asked for one by one, and as many that lists not read whole leave open. */
  statusChecksUpTo?: number;
  /** Calls of Vault's burst window left untouched for everything else (default 100). */
  burstReserve?: number;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface JobPlacements {
  placements: Map<number, Placement>;
  /** Calls made, for the log and for tests that bound them. */
  activePages: number;
  historyPages: number;
  statusCalls: number;
  /** Why some jobs stayed unplaced, when a read failed. */
  error?: string;
}

/** Vault may date to the whole second: a cancel made in the second the run started is not dated before it. */
const clockToleranceMs = 1000;

/**
 * Whether a cancel Vault dates `at` was made before a run that started at `runStartedAtMs` (this
 * computer's clock), and so was not that run's doing. Undated: not before.
 */
export function cancelledBeforeRun(at: string | undefined, runStartedAtMs: number): boolean {
  return at !== undefined && Date.parse(at) < runStartedAtMs - clockToleranceMs;
}

/** History is read from this long before the run began: a skew between this computer's clock and Vault's must not hide a job the run cancelled. */
const historyMarginMs = 60 * 60 * 1000;
const pageSize = 200;

/**
 * Places `ids`: a few (up to `statusChecksUpTo`, within the budget) by Job Status, which costs less
 * than the lists then; more by the lists, and by Job Status for the few they leave open. Rejects only on abort.
 */
export async function placeJobs(client: VaultClient, ids: readonly number[], options: PlacementOptions): Promise<JobPlacements> {
  const log = options.logger ?? silentLogger;
  const result: JobPlacements = { placements: new Map(), activePages: 0, historyPages: 0, statusCalls: 0 };
  const left = client.rateLimits.burstRemaining;
  const budget = Math.min(options.statusChecksUpTo ?? 20, left === undefined ? Infinity : Math.max(0, left - (options.burstReserve ?? 100)));
  if (ids.length <= budget) {
    await askOneByOne(client, ids, result, options.signal);
    for (const id of ids) if (!result.placements.has(id)) result.placements.set(id, { kind: 'unplaced' });
    log.info(`placed ${ids.length} job(s) by ${result.statusCalls} Job Status call(s)`);
    return result;
  }
  const wanted = new Set(ids);
  const place = (job: Job) => {
    if (wanted.has(job.job_id)) result.placements.set(job.job_id, { kind: 'shown', status: job.status, at: job.run_end_date ?? job.modified_date });
  };
  let listsWhole = true;
  try {
    // Active first: a job that leaves it while it is read is then in History, read after it.
    const active = await readSettledList(client, 'monitors', { limit: pageSize }, { signal: options.signal });
    result.activePages = active.calls;
    listsWhole &&= active.complete;
    for (const job of active.jobs) place(job);
    // Newest first: jobs finishing meanwhile join at the front and push others back, so a job may be read twice, never missed.
    const since = new Date(Math.max(0, options.runStartedAt.getTime() - historyMarginMs));
    const onNote = (_note: string, whole: boolean) => { listsWhole &&= whole; };
    for await (const page of client.walkPages('histories', { limit: pageSize, startDate: since }, options.signal, { onNote })) {
      result.historyPages++;
      // A job in both lists (it finished between the two readings) is placed by History, the later.
      for (const job of page.jobs) place(job);
    }
  } catch (error) {
    if (isVaultError(error, 'aborted')) throw error;
    listsWhole = false;
    result.error = errorMessage(error);
    log.warn(`reading the job lists failed: ${result.error}`);
  }
  const open = ids.filter((id) => !result.placements.has(id));
  // Whole lists place every job: absence is an answer. Otherwise the first few are asked for, within the budget.
  if (!listsWhole) await askOneByOne(client, open.slice(0, budget), result, options.signal);
  for (const id of open) if (!result.placements.has(id)) result.placements.set(id, listsWhole ? { kind: 'notSince' } : { kind: 'unplaced' });
  log.info(`placed ${ids.length} job(s) in ${result.activePages} Active and ${result.historyPages} History page(s) and ${result.statusCalls} Job Status call(s)` +
    `${listsWhole ? '' : '; the lists were not read whole'}`);
  return result;
}

/** One call at a time, each made once: the first failure ends the asking (the next would fail alike). */
async function askOneByOne(client: VaultClient, ids: readonly number[], result: JobPlacements, signal: AbortSignal | undefined): Promise<void> {
  for (const id of ids) {
    result.statusCalls++;
    try {
      const detail = await client.jobStatus(id, signal, { retryFailures: false });
      // An answer about another job says nothing about this one.
      if (detail.id !== id) {
        result.error = `Vault's Job Status for job ${id} described job ${detail.id}`;
        return;
      }
      result.placements.set(id, { kind: 'shown', status: detail.status, at: detail.run_end_date });
    } catch (error) {
      if (isVaultError(error, 'aborted')) throw error;
      // Vault answers an unknown job with INVALID_DATA (or MALFORMED_URL): that is an answer.
      if (isVaultError(error, 'vault') && (error.errorType === 'INVALID_DATA' || error.errorType === 'MALFORMED_URL')) {
        result.placements.set(id, { kind: 'noSuchJob' });
        continue;
      }
      result.error = errorMessage(error);
      return;
    }
  }
}
