// Establishes the current status of jobs whose cancel outcome the answers alone do not settle: a
// retried request (its first attempt may have cancelled them already), a short or inconsistent
// answer, a stop after an unanswered request. Also used by the follow-up.
import type { Logger } from '../log';
import { isVaultError, type VaultClient } from '../vault';
import { errorMessage } from '../errorMessage';
import { runPool } from './pool';
import { joinReasons, type CancelOutcome } from './outcome';
import { cancelledBeforeRun, placeJobs, type JobPlacements, type Placement } from './placement';

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
  /** What was read: list pages, and IDs asked for one by one with Job Status. */
  pagesRead: number;
  statusCalls: number;
}

/** Passes over monitors and histories before the jobs still not found are asked for one by one. */
const maxListPasses = 3;

/** Status calls in flight at once: enough to overlap latency, few enough to leave the burst budget to cancels. */
const statusConcurrency = 4;

/**
 * Every call is made once (no transport retries), and the first failure to get an answer ends the
 * lookup: against a dead or broken server, checking the next job would only fail the same way, one
 * full timeout each. IDs left unchecked are absent from the map, with `error` saying why.
 */
export async function lookupStatuses(client: VaultClient, ids: readonly number[], options: StatusLookupOptions): Promise<StatusLookup> {
  const lookup: StatusLookup = { statuses: new Map(), pagesRead: 0, statusCalls: 0 };
  let rest = ids;
  // One page of 200 answers for 200 jobs, where Job Status would take 200 calls. Pages are read by
  // offset while jobs move from monitors to histories (CANCELLING -> CANCELLED), so a pass can miss
  // jobs that moved past it: the lists are read again for those while a pass still finds some.
  for (let pass = 0; pass < maxListPasses && rest.length > options.perJobUpTo; pass++) {
    const before = rest.length;
    rest = await scanLists(client, rest, lookup, options);
    if (rest.length === before) break;
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
        lookup.pagesRead++;
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
    if (lookup.error) return; // the first failure ends the lookup: the next call would fail the same way
    lookup.statusCalls++;
    try {
      const detail = await client.jobStatus(id, options.signal, { retryFailures: false });
      // An answer about another job says nothing about this one (the docs' own example mixes IDs).
      if (detail.id === id) lookup.statuses.set(id, detail.status);
      else lookup.error = `Vault's Job Status for job ${id} described job ${detail.id}`;
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

/** One log line saying how the statuses were established, e.g. "3 found in 1 list page(s), 2 by Job Status". */
export function describeLookup(lookup: StatusLookup, asked: number): string {
  const listed = lookup.statuses.size - [...lookup.statuses.values()].filter((s) => s === null).length;
  const parts = [`${lookup.pagesRead} monitors/histories page(s) read`, `${lookup.statusCalls} Job Status call(s)`];
  const unknown = asked - lookup.statuses.size;
  return `${parts.join(', ')}: ${listed} job(s) found, ${lookup.statuses.size - listed} unknown to Vault${unknown > 0 ? `, ${unknown} not checked` : ''}`;
}

export function isAcceptedState(status: string | null | undefined): status is 'CANCELLING' | 'CANCELLED' {
  return typeof status === 'string' && acceptedStates.has(status);
}

export function isCancellableState(status: string | null | undefined): boolean {
  return typeof status === 'string' && cancellableStates.has(status);
}

/**
 * The outcome of an ID whose cancel request got no usable answer (`why`), from Vault's current status
 * of it: accepted when CANCELLING or CANCELLED, failed when Vault shows it in another state or knows
 * no such job, unknown when its status could not be read. Never failed on the evidence of a check
 * that did not answer: the request may have cancelled it.
 */
export function outcomeFromStatus(status: string | null | undefined, why: string, checkError?: string, errorType?: string): CancelOutcome {
  if (isAcceptedState(status)) return { kind: 'accepted', state: status, verified: true };
  if (status === undefined) return { kind: 'unknown', reason: joinReasons(why, `its status could not be checked${checkError ? ` (${checkError})` : ''}`) };
  const seen = status === null ? 'Vault knows no such job' : `Vault shows it ${status}`;
  return { kind: 'failed', reason: joinReasons(why, seen), ...(errorType === undefined ? {} : { errorType }) };
}

/** What an ID of unknown fate's outcome says once Vault's status is read: it got no usable answer. */
const unansweredWhy = 'the cancel request got no usable answer';

export interface VerifyUnknownOptions {
  /** When the run that sent the IDs started (the earliest, for IDs of several runs). */
  runStartedAt: Date;
  /** Up to this many IDs are asked for with Job Status one by one; more through the lists (placement.ts). */
  perJobUpTo: number;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Checks IDs of unknown fate against Vault's Active list and History since their run started
 * (placement.ts), so that each gets the outcome what Vault shows establishes: accepted; not eligible
 * when Vault shows it cancelled before the run; failed when it shows it in another state, lists it
 * nowhere since the run started, or knows no such job; still unknown when it could not be placed.
 */
export async function verifyUnknownOutcomes(client: VaultClient, ids: readonly number[], options: VerifyUnknownOptions): Promise<{ outcomes: Map<number, CancelOutcome>; placed: JobPlacements }> {
  const placed = await placeJobs(client, ids, { runStartedAt: options.runStartedAt, statusChecksUpTo: options.perJobUpTo, logger: options.logger, signal: options.signal });
  const runStartedAtMs = options.runStartedAt.getTime();
  const redact = (outcome: CancelOutcome): CancelOutcome => ('reason' in outcome ? { ...outcome, reason: client.redactor.redact(outcome.reason) } : outcome);
  const outcomes = new Map(ids.map((id) => [id, redact(outcomeFromPlacement(placed.placements.get(id), runStartedAtMs, placed.error))]));
  return { outcomes, placed };
}

function outcomeFromPlacement(placement: Placement | undefined, runStartedAtMs: number, checkError: string | undefined): CancelOutcome {
  switch (placement?.kind) {
    case 'shown':
      if (isAcceptedState(placement.status) && cancelledBeforeRun(placement.at, runStartedAtMs)) {
        return { kind: 'notEligible', errorType: '', message: `already cancelled before this run: Vault shows it ${placement.status} since ${placement.at ?? ''}`, cancelledBefore: true };
      }
      return outcomeFromStatus(placement.status, unansweredWhy);
    case 'noSuchJob':
      return outcomeFromStatus(null, unansweredWhy);
    case 'notSince':
      return { kind: 'failed', reason: joinReasons(unansweredWhy, 'Vault lists it neither as active nor as finished since the run started') };
    case 'unplaced':
    case undefined:
      return outcomeFromStatus(undefined, unansweredWhy, checkError);
  }
}
