// Before a cancel is confirmed: which of the IDs Vault will accept. The Active list (monitors) is
// read page by page, ⌈active/200⌉ calls, and each ID classified by the status it shows there, so the
// confirmation can say "412 will be cancelled, 88 Vault will refuse, 3 are not active" and offer to
// send only the first. It is an estimate at the time of the check (jobs move on while the user
// reads); the cancel answers stay authoritative. The check is skipped rather than made expensive:
// above `maxIds` IDs, when the Active list is longer than `maxListCalls` pages, or when the burst
// budget left would fall under `burstReserve`.
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { isVaultError, type Job, type JobList, type JobPage, type VaultClient } from '../vault';
import { invalidJobIdReason } from './outcome';
import { isCancellableState, lookupStatuses } from './verification';

export interface Eligibility {
  /** Shown SCHEDULED, QUEUED or QUEUEING in the Active list: Vault accepts these. */
  eligible: number[];
  /** Active but running or cancelling, or (when checked one by one) finished: Vault refuses these. */
  refused: { id: number; status: string }[];
  /** Not in the Active list and not checked further: finished, or unknown to this Vault. */
  notActive: number[];
  /** Checked one by one: this Vault has no such job. */
  unknown: number[];
  /** Not a job ID at all (the cancel run reports them too, without sending them). */
  invalid: number[];
}

/** Sorts distinct `ids` by the status `activeJobs` shows them in; `statuses` may settle the rest (null: no such job). */
export function classifyEligibility(ids: Iterable<number>, activeJobs: Iterable<Job>, statuses: ReadonlyMap<number, string | null> = new Map()): Eligibility {
  const active = new Map<number, string>();
  for (const job of activeJobs) active.set(job.job_id, job.status);
  const result: Eligibility = { eligible: [], refused: [], notActive: [], unknown: [], invalid: [] };
  for (const id of new Set(ids)) {
    const status = active.get(id) ?? statuses.get(id);
    if (invalidJobIdReason(id)) result.invalid.push(id);
    else if (status === null) result.unknown.push(id);
    else if (status === undefined) result.notActive.push(id);
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
}

export type EligibilitySkipReason = 'tooManyIds' | 'activeTooLong' | 'budget' | 'failed';

export type EligibilityCheck =
  | { kind: 'checked'; eligibility: Eligibility; calls: number }
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
  try {
    const jobs: Job[] = [];
    let page: JobPage | undefined = await client.listMonitors({ limit: pageSize }, options.signal);
    calls++;
    const more = Math.ceil(Math.max(0, page.total - page.jobs.length) / pageSize);
    if (1 + more > maxListCalls) return skipped('activeTooLong', `the Active list holds ${page.total} jobs, more than ${maxListCalls} pages`);
    if (lowBudget(more)) return skipped('budget', `reading ${page.total} active jobs takes ${more} more calls and only ${budgetLeft()} are left in Vault's burst window`);
    const visited = new Set<string>();
    for (;;) {
      jobs.push(...page.jobs);
      const link: string | undefined = page.nextPage;
      if (!link) break;
      if (visited.has(link)) return skipped('failed', `Vault's Active pages link back to ${link}`);
      // Jobs added while reading lengthen the list; a partial list would call eligible jobs "not active".
      if (calls >= maxListCalls) return skipped('activeTooLong', `the Active list grew past ${maxListCalls} pages while it was read`);
      visited.add(link);
      page = await client.nextPage(page, options.signal);
      calls++;
      if (!page) break;
    }
    options.onListed?.({ jobs, complete: true });
    const eligibility = classifyEligibility(distinct, jobs);
    const statusChecksUpTo = options.statusChecksUpTo ?? 10;
    if (eligibility.notActive.length > 0 && eligibility.notActive.length <= statusChecksUpTo && !lowBudget(eligibility.notActive.length)) {
      const lookup = await lookupStatuses(client, eligibility.notActive, { perJobUpTo: statusChecksUpTo, since: new Date(0), logger: log, signal: options.signal });
      calls += eligibility.notActive.length;
      return { kind: 'checked', eligibility: classifyEligibility(distinct, jobs, lookup.statuses), calls };
    }
    return { kind: 'checked', eligibility, calls };
  } catch (error) {
    if (isVaultError(error, 'aborted')) throw error;
    return skipped('failed', `reading the Active list failed: ${(error as Error).message}`);
  }
}

/** The sentence of the confirmation. */
export function describeEligibilityCheck(check: EligibilityCheck): string {
  if (check.kind === 'skipped') return `Which jobs Vault will accept was not checked: ${check.message}.`;
  const { eligible, refused, notActive, unknown, invalid } = check.eligibility;
  const parts = [`${eligible.length} ${eligible.length === 1 ? 'is' : 'are'} scheduled/queued and will be cancelled`];
  if (refused.length > 0) parts.push(`${refused.length} ${refused.length === 1 ? 'is' : 'are'} running or finished and Vault will refuse ${refused.length === 1 ? 'it' : 'them'}`);
  if (notActive.length > 0) parts.push(`${notActive.length} ${notActive.length === 1 ? 'is' : 'are'} not active (finished, or unknown to this Vault) and Vault will refuse ${notActive.length === 1 ? 'it' : 'them'}`);
  if (unknown.length > 0) parts.push(`${unknown.length} ${unknown.length === 1 ? 'is' : 'are'} unknown to this Vault`);
  if (invalid.length > 0) parts.push(`${invalid.length} ${invalid.length === 1 ? 'is' : 'are'} not a valid job ID`);
  return `${parts.join('; ')}.`;
}
