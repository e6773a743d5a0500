// The order the Jobs view shows jobs in, whatever order Vault sent them (monitors come oldest
// created first, histories newest first): pure, so the rule is unit-tested and the tree only applies it.
import type { Job } from '../vault';
import type { JobGroup } from './status';

/**
 * Active jobs by what needs attention first: running (and cancelling) jobs, then the queue, then
 * the schedule. Unknown statuses come last, so a status Vault adds later is still shown.
 */
const activeRank: Record<string, number> = { RUNNING: 0, CANCELLING: 1, QUEUEING: 2, QUEUED: 2, SCHEDULED: 3 };
const unknownRank = 4;

/** ISO-8601 UTC dates from Vault compare as strings; a missing one sorts as "no date". */
type DateKey = (job: Job) => string | undefined;

/**
 * Within a rank, the order that answers the question a user has of it:
 * running: started earliest first (the longest-running, possibly stuck, on top);
 * queued: created earliest first (Vault's queue order: next to run on top);
 * scheduled: planned start soonest first (`run_start_date` is the planned start for SCHEDULED).
 */
const activeDate: Record<number, { key: DateKey; newestFirst: boolean }> = {
  0: { key: (job) => job.run_start_date ?? job.created_date, newestFirst: false },
  1: { key: (job) => job.modified_date ?? job.created_date, newestFirst: false },
  2: { key: (job) => job.created_date, newestFirst: false },
  3: { key: (job) => job.run_start_date ?? job.created_date, newestFirst: false },
  [unknownRank]: { key: (job) => job.created_date, newestFirst: false },
};

/** History: finished most recently first. */
const historyDate = { key: (job: Job) => job.run_end_date ?? job.modified_date ?? job.created_date, newestFirst: true };

/** A new array in display order; the input is left as it is. Ties break on job_id so the order is stable between refreshes. */
export function orderJobs<T extends Job>(jobs: readonly T[], group: JobGroup): T[] {
  const rank = (job: Job) => (group === 'active' ? (activeRank[job.status.toUpperCase()] ?? unknownRank) : 0);
  const dateOf = (r: number) => (group === 'active' ? activeDate[r] : historyDate);
  return [...jobs].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    const { key, newestFirst } = dateOf(ra);
    return compareDates(key(a), key(b), newestFirst) || a.job_id - b.job_id;
  });
}

/** A missing or empty date sorts after every real one, whichever way the dates run. */
function compareDates(a: string | undefined, b: string | undefined, newestFirst: boolean): number {
  if (!a || !b) return !a && !b ? 0 : !a ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return newestFirst ? -order : order;
}
