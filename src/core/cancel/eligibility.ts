// Before a cancel is confirmed: which of the IDs Vault will accept. The Active list (monitors) is
// read page by page, ⌈active/200⌉ calls (and one more to see that it held still), and each ID classified by the status it shows there, so the
// confirmation can say "412 will be cancelled, 88 Vault will refuse, 3 are not active" and offer to
// send only the first. It is an estimate at the time of the check (jobs move on while the user
// reads); the cancel answers stay authoritative. The check is skipped rather than made expensive:
// above `maxIds` IDs, when the Active list is longer than `maxListCalls` pages, or when the burst
// budget left would fall under `burstReserve`. Vault pages the list by offset, so jobs that finish while
// it is read can hide others (see settledList.ts): a list that moved is read once more, and when it moved
// again an ID it does not show is not called "not active" but left unconfirmed, and sent.
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { isVaultError, readSettledList, type Job, type JobList, type VaultClient } from '../vault';
import { invalidJobIdReason } from './outcome';
import { isCancellableState, lookupStatuses } from './verification';

export interface Eligibility {
  /** Shown SCHEDULED, QUEUED or QUEUEING in the Active list: Vault accepts these. */
  eligible: number[];
  /** Active but running or cancelling, or (when checked one by one) finished: Vault refuses these. */
  refused: { id: number; status: string }[];
  /** Not in the Active list and not checked further: finished, or unknown to this Vault. */
  notActive: number[];
  /**
   * Not in an Active list that changed while it was read (or could not be read to its end), and not
   * checked further: it may have been skipped, so it is sent with the eligible ones and Vault answers for it.
   */
  unconfirmed: number[];
  /** Checked one by one: this Vault has no such job. */
  unknown: number[];
  /** Not a job ID at all (the cancel run reports them too, without sending them). */
  invalid: number[];
}

/**
 * Sorts distinct `ids` by the status `activeJobs` shows them in; `statuses` may settle the rest (null:
 * no such job). `listWhole` false: the list may have missed jobs, so absence proves nothing.
 */
export function classifyEligibility(ids: Iterable<number>, activeJobs: Iterable<Job>, statuses: ReadonlyMap<number, string | null> = new Map(), listWhole = true): Eligibility {
  const active = new Map<number, string>();
  for (const job of activeJobs) active.set(job.job_id, job.status);
  const result: Eligibility = { eligible: [], refused: [], notActive: [], unconfirmed: [], unknown: [], invalid: [] };
  for (const id of new Set(ids)) {
    const status = active.get(id) ?? statuses.get(id);
    if (invalidJobIdReason(id)) result.invalid.push(id);
    else if (status === null) result.unknown.push(id);
    else if (status === undefined) (listWhole ? result.notActive : result.unconfirmed).push(id);
    else if (isCancellableState(status)) result.eligible.push(id);
    else result.refused.push({ id, status });
  }
  return result;
}

export interface EligibilityCheckOptions {
  /** Above this many distinct IDs the check is skipped (default 5000). */
  maxIds?: number;
  /** Above this many Active pages (of 200) the check is skipped (default 50, i.e. 10,000 active jobs). */
  maxListCalls?: number;
  /** Calls of the burst window the check must leave untouched, for the cancel itself and the view (default 100). */
  burstReserve?: number;
  /** IDs missing from the Active list are checked with Job Status when there are at most this many (default 10). */
  statusChecksUpTo?: number;
  signal?: AbortSignal;
  logger?: Logger;
  /** Told the whole Active list once it has been read to its end, so what shows jobs can follow it. */
  onListed?: (list: JobList) => void;
  /**
   * Up to this many IDs are checked without reading every Active page: by `recentList` and Job Status
   * for the rest (default 20). One call per ID costs less than ⌈active/200⌉ pages as soon as the
   * Active list is longer than a few pages, and Job Status allows a call per job every 10 s.
   */
  smallSelectionUpTo?: number;
  /** A complete Active list read moments ago (the view's): the IDs it shows need no call. */
  recentList?: JobList;
}

export type EligibilitySkipReason = 'tooManyIds' | 'activeTooLong' | 'budget' | 'failed';

export type EligibilityCheck =
  | {
    kind: 'checked'; eligibility: Eligibility; calls: number;
    /** Set when a small selection was checked by a recent listing and Job Status per ID instead of every Active page. */
    via?: 'jobStatus';
    /** Why IDs may be unconfirmed: the Active list changed while it was read, or could not be read to its end. */
    listNotWhole?: 'moved' | 'cut';
  }
  | { kind: 'skipped'; reason: EligibilitySkipReason; message: string; calls: number };

const pageSize = 200;

/** Reads the Active list within the bounds and classifies `ids`; rejects only when `signal` aborts. */
export async function checkEligibility(client: VaultClient, ids: readonly number[], options: EligibilityCheckOptions = {}): Promise<EligibilityCheck> {
  const distinct = new Set(ids);
  const maxIds = options.maxIds ?? 5000;
  const maxListCalls = options.maxListCalls ?? 50;
  const reserve = options.burstReserve ?? 100;
  const log = options.logger ?? silentLogger;
  let calls = 0;
  const skipped = (reason: EligibilitySkipReason, message: string): EligibilityCheck => {
    log.info(`eligibility check skipped: ${message}`);
    return { kind: 'skipped', reason, message, calls };
  };
  if (distinct.size > maxIds) return skipped('tooManyIds', `${distinct.size} IDs are more than the ${maxIds} checked before a cancel`);
  if (distinct.size === 0) return { kind: 'checked', eligibility: classifyEligibility([], []), calls };
  const budgetLeft = () => client.rateLimits.burstRemaining;
  const lowBudget = (needed: number) => {
    const left = budgetLeft();
    return left !== undefined && left - needed < reserve;
  };
  if (lowBudget(1)) return skipped('budget', `only ${budgetLeft()} API calls are left in Vault's burst window`);
  if (distinct.size <= (options.smallSelectionUpTo ?? 20)) {
    const small = await checkEachId(client, distinct, options.recentList, { log, signal: options.signal, lowBudget });
    if (small) return small;
  }
  try {
    const list = await readSettledList<EligibilityCheck>(client, 'monitors', { limit: pageSize }, {
      signal: options.signal,
      checkPage: (page, at) => {
        calls = at.calls;
        if (at.page === 1) {
          const more = Math.ceil(Math.max(0, page.total - page.jobs.length) / pageSize);
          if (1 + more > maxListCalls) return skipped('activeTooLong', `the Active list holds ${page.total} jobs, more than ${maxListCalls} pages`);
          if (at.reading === 1 && lowBudget(more)) return skipped('budget', `reading ${page.total} active jobs takes ${more} more calls and only ${budgetLeft()} are left in Vault's burst window`);
        }
        // Jobs added while reading lengthen the list; a partial list would call eligible jobs "not active".
        if (page.nextPage && at.page >= maxListCalls) return skipped('activeTooLong', `the Active list grew past ${maxListCalls} pages while it was read`);
        return undefined;
      },
      mayReadAgain: (needed) => !lowBudget(needed),
    });
    if ('kind' in list) return list; // a page showed the check is not worth its calls
    calls = list.calls;
    options.onListed?.({ jobs: list.jobs, complete: list.complete, ...(list.note ? { note: list.note } : {}) });
    const notWhole = list.complete ? {} : { listNotWhole: list.moved ? 'moved' as const : 'cut' as const };
    if (!list.complete) log.info(`the Active list was not read whole, so IDs it does not show stay unconfirmed: ${list.note ?? ''}`);
    const eligibility = classifyEligibility(distinct, list.jobs, new Map(), list.complete);
    const absent = [...eligibility.notActive, ...eligibility.unconfirmed];
    const statusChecksUpTo = options.statusChecksUpTo ?? 10;
    if (absent.length > 0 && absent.length <= statusChecksUpTo && !lowBudget(absent.length)) {
      const lookup = await lookupStatuses(client, absent, { perJobUpTo: statusChecksUpTo, since: new Date(0), logger: log, signal: options.signal });
      calls += absent.length;
      return { kind: 'checked', eligibility: classifyEligibility(distinct, list.jobs, lookup.statuses, list.complete), calls, ...notWhole };
    }
    return { kind: 'checked', eligibility, calls, ...notWhole };
  } catch (error) {
    if (isVaultError(error, 'aborted')) throw error;
    return skipped('failed', `reading the Active list failed: ${(error as Error).message}`);
  }
}

/**
 * A small selection: the IDs a recent complete listing shows take their status from it, each other one
 * from Job Status. Undefined (the caller reads the Active list instead) when the budget is too low, a
 * job's status was asked too recently to ask again at once, or a status could not be read: an ID whose
 * status is unknown must not be called "not active".
 */
async function checkEachId(client: VaultClient, ids: ReadonlySet<number>, recentList: JobList | undefined,
  { log, signal, lowBudget }: { log: Logger; signal?: AbortSignal; lowBudget: (needed: number) => boolean }): Promise<EligibilityCheck | undefined> {
  const listed = recentList?.complete ? recentList.jobs : [];
  const shown = new Set(listed.map((job) => job.job_id));
  const toAsk = [...ids].filter((id) => !shown.has(id) && !invalidJobIdReason(id));
  if (lowBudget(toAsk.length)) return undefined;
  // A job asked about in the last 10 s would hold the confirmation until Vault allows the next call.
  const throttled = toAsk.filter((id) => client.jobStatusWaitMs(id) > 0);
  if (throttled.length > 0) {
    log.info(`Job Status for ${throttled.length} of the jobs was asked less than its interval ago; reading the Active list instead`);
    return undefined;
  }
  const lookup = toAsk.length > 0 ? await lookupStatuses(client, toAsk, { perJobUpTo: toAsk.length, since: new Date(0), logger: log, signal }) : undefined;
  if (lookup?.error) {
    log.info(`checking ${toAsk.length} job(s) one by one failed (${lookup.error}); reading the Active list instead`);
    return undefined;
  }
  return { kind: 'checked', via: 'jobStatus', eligibility: classifyEligibility(ids, listed, lookup?.statuses), calls: lookup?.statusCalls ?? 0 };
}

/** The sentence of the confirmation. */
export function describeEligibilityCheck(check: EligibilityCheck): string {
  if (check.kind === 'skipped') return `Which jobs Vault will accept was not checked: ${check.message}.`;
  const { eligible, refused, notActive, unconfirmed, unknown, invalid } = check.eligibility;
  const parts = [`${eligible.length} ${eligible.length === 1 ? 'is' : 'are'} scheduled/queued and will be cancelled`];
  if (unconfirmed.length > 0) {
    const why = check.listNotWhole === 'cut' ? 'could not be read to its end' : 'changed while it was read';
    parts.push(`${unconfirmed.length} could not be checked because the Active list ${why}; ${unconfirmed.length === 1 ? 'it is' : 'they are'} sent and Vault answers for ${unconfirmed.length === 1 ? 'it' : 'each'}`);
  }
  if (refused.length > 0) parts.push(`${refused.length} ${refused.length === 1 ? 'is' : 'are'} running or finished and Vault will refuse ${refused.length === 1 ? 'it' : 'them'}`);
  if (notActive.length > 0) parts.push(`${notActive.length} ${notActive.length === 1 ? 'is' : 'are'} not active (finished, or unknown to this Vault) and Vault will refuse ${notActive.length === 1 ? 'it' : 'them'}`);
  if (unknown.length > 0) parts.push(`${unknown.length} ${unknown.length === 1 ? 'is' : 'are'} unknown to this Vault`);
  if (invalid.length > 0) parts.push(`${invalid.length} ${invalid.length === 1 ? 'is' : 'are'} not a valid job ID`);
  return `${parts.join('; ')}.`;
}
