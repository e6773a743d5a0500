// Establishes the current status of jobs whose cancel outcome the answers alone do not settle: a
// retried request (its first attempt may have cancelled them already), a short or inconsistent
// answer, a stop after an unanswered request. Also used by the follow-up.
import type { Logger } from '../log';
import { isVaultError, type VaultClient } from '../vault';
import { errorMessage } from '../errorMessage';
import { runPool } from './pool';

export interface StatusLookupOptions {
  /** Up to this many IDs are checked one by one with Job Status; more are looked up in monitors and histories pages. */
  perJobUpTo: number;
  /** Histories are read from this date on: jobs cancelled during the run completed after it started. */
  since: Date;
  logger: Logger;
  signal?: AbortSignal;
}

export interface StatusLookup {
  /** null: Vault knows no such job. An ID absent from the map could not be checked (see `error`). */
  statuses: Map<number, string | null>;
  error?: string;
  /** Vault's error type of that failure, e.g. INVALID_SESSION_ID when the session is gone for good. */
  errorType?: string;
}

/** Status calls in flight at once: enough to overlap latency, few enough to leave the burst budget to cancels. */
const statusConcurrency = 4;

/**
 * Every call is made once (no transport retries), and the first failure to get an answer ends the
 * lookup: against a dead or broken server, checking the next job would only fail the same way, one
 * full timeout each. IDs left unchecked are absent from the map, with `error` saying why.
 */
export async function lookupStatuses(client: VaultClient, ids: readonly number[], options: StatusLookupOptions): Promise<StatusLookup> {
  const lookup: StatusLookup = { statuses: new Map() };
  let rest = ids;
  if (ids.length > options.perJobUpTo) {
    // One page of 200 answers for 200 jobs, where Job Status would take 200 calls.
    rest = await scanLists(client, ids, lookup, options);
  }
  if (!lookup.error) await checkOneByOne(client, rest, lookup, options);
  if (lookup.error) options.logger.warn(`could not check the status of ${ids.length - lookup.statuses.size} job(s): ${lookup.error}`);
  return lookup;
}

async function scanLists(client: VaultClient, ids: readonly number[], lookup: StatusLookup, options: StatusLookupOptions): Promise<number[]> {
  const wanted = new Set(ids);
  const pageSize = 200;
  const lists = [
    { kind: 'monitors' as const, filter: { limit: pageSize } },
    { kind: 'histories' as const, filter: { limit: pageSize, startDate: options.since } },
  ];
  for (const { kind, filter } of lists) {
    if (wanted.size === 0) break;
    try {
      for await (const page of client.walkPages(kind, filter, options.signal, { retryFailures: false })) {
        for (const job of page.jobs) {
          if (wanted.delete(job.job_id)) lookup.statuses.set(job.job_id, job.status);
        }
        // A long list is worth reading only while it costs fewer calls than asking for each job left.
        const pagesLeft = Math.ceil((page.total - page.offset - page.jobs.length) / pageSize);
        if (wanted.size === 0 || pagesLeft > wanted.size) break;
      }
    } catch (error) {
      if (isVaultError(error, 'aborted')) throw error;
      // Vault answered but would not list: asking for each job may still work. No answer at all: it would not.
      if (!isVaultError(error, 'vault')) {
        lookup.error = (error as Error).message;
        return [...wanted];
      }
      if (error.errorType === 'INVALID_SESSION_ID') {
        lookup.error = error.message;
        lookup.errorType = error.errorType;
        return [...wanted];
      }
      options.logger.debug(`reading a job list failed, checking jobs one by one instead: ${(error as Error).message}`);
    }
  }
  // Not listed (e.g. CANCELLING may not show in monitors, vault-api.md §7.12): ask for each one.
  return [...wanted];
}

async function checkOneByOne(client: VaultClient, ids: readonly number[], lookup: StatusLookup, options: StatusLookupOptions): Promise<void> {
  await runPool(ids, statusConcurrency, async (id) => {
    // The first call that gets no usable answer ends the checking: a dead server costs one timeout, not one per job.
    if (lookup.error) return;
    try {
      lookup.statuses.set(id, (await client.jobStatus(id, options.signal, { retryFailures: false })).status);
    } catch (error) {
      if (isVaultError(error, 'aborted')) throw error;
      // Vault answers an unknown job with INVALID_DATA (or MALFORMED_URL): that is an answer, not a failure to check.
      if (isVaultError(error, 'vault') && (error.errorType === 'INVALID_DATA' || error.errorType === 'MALFORMED_URL')) lookup.statuses.set(id, null);
      else {
        lookup.error = errorMessage(error);
        if (isVaultError(error)) lookup.errorType = error.errorType;
      }
    }
  });
}

const acceptedStates = new Set(['CANCELLING', 'CANCELLED']);
/** States a cancel applies to (vault-api.md §3.7): a job still in one was not cancelled. */
const cancellableStates = new Set(['SCHEDULED', 'QUEUED', 'QUEUEING']);

export function isAcceptedState(status: string | null | undefined): status is 'CANCELLING' | 'CANCELLED' {
  return typeof status === 'string' && acceptedStates.has(status);
}

export function isCancellableState(status: string | null | undefined): boolean {
  return typeof status === 'string' && cancellableStates.has(status);
}
