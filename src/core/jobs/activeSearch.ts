// "Cancel Jobs Matching…" reads the whole Active list (monitors, 200 per call) before matching:
// a list cut at its first page would silently leave matching jobs out of the review document.
import type { Job, VaultClient } from '../vault';
import { matchJobs, type JobCriteria, type MatchOptions } from './criteria';

export interface ActiveSearch {
  /** Matching jobs in list order, each once. */
  jobs: Job[];
  /** Distinct active jobs read. */
  scanned: number;
}

/** Rejects when a page fails or the list cannot be read to its end (the client's rule), or on abort. */
export async function findActiveJobsMatching(client: VaultClient, criteria: JobCriteria, options: MatchOptions = {}): Promise<ActiveSearch> {
  const byId = new Map<number, Job>();
  // A job listed twice (pages shift as jobs finish while they are read) is kept once, as first seen.
  for await (const page of client.allPages('monitors', { limit: 200 }, options.signal)) for (const job of page) if (!byId.has(job.job_id)) byId.set(job.job_id, job);
  return { jobs: await matchJobs([...byId.values()], criteria, options), scanned: byId.size };
}
