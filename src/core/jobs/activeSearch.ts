// "Cancel Jobs Matching…" reads the whole Active list (monitors, 200 per call) before matching:
// a list cut at its first page would silently leave matching jobs out of the review document, so a
// list the client had to cut (a looping or endless next_page chain) comes back marked incomplete, and
// so does a list that changed while it was read and again when read once more (see settledList.ts).
import { readSettledList, type Job, type JobList, type VaultClient } from '../vault';
import { matchJobs, type JobCriteria, type MatchOptions } from './criteria';

export interface ActiveSearch {
  /** Matching jobs in list order, each once. */
  jobs: Job[];
  /** Distinct active jobs read. */
  scanned: number;
  /** False when the client stopped before Vault's last page, or the list moved while read (see `note`). */
  complete: boolean;
  /** Why the list was cut or may be incomplete, or how it disagrees with Vault's count. */
  note?: string;
}

export interface ActiveSearchOptions extends MatchOptions {
  /** Told the Active list as read (complete or not), so what shows jobs can follow it. */
  onListed?: (list: JobList) => void;
}

/** Rejects when a page fails, or on abort; a list the client cut is searched as far as it was read, and says so. */
export async function findActiveJobsMatching(client: VaultClient, criteria: JobCriteria, options: ActiveSearchOptions = {}): Promise<ActiveSearch> {
  const list = await readSettledList(client, 'monitors', { limit: 200 }, { signal: options.signal });
  options.onListed?.(list);
  const byId = new Map<number, Job>();
  // A job listed twice is kept once, as first seen.
  for (const job of list.jobs) if (!byId.has(job.job_id)) byId.set(job.job_id, job);
  const search: ActiveSearch = { jobs: await matchJobs([...byId.values()], criteria, options), scanned: byId.size, complete: list.complete };
  return list.note ? { ...search, note: list.note } : search;
}
