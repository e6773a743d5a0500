// The jobs endpoints' request parameters and answers (vault-api.md §3), as pure functions: the client
// moves bytes, these decide what the bytes mean, including every way an answer can be incomplete.
import { VaultError, boundServerText, parseErrorItems } from './errors';
import type { CancelItemResult, Job, JobFilter, JobListKind, JobPage, JobStatusDetail, JobTask, JobTaskPage } from './types';

export type Body = Record<string, unknown>;

export const jobPaths = {
  monitors: '/services/jobs/monitors',
  histories: '/services/jobs/histories',
  status: (id: number) => `/services/jobs/${id}`,
  tasks: (id: number) => `/services/jobs/${id}/tasks`,
  startNow: (id: number) => `/services/jobs/start_now/${id}`,
  cancel: '/services/jobs/actions/cancel',
};

/** At most 500 job IDs per Cancel Job request (vault-api.md §3.7). */
export const maxCancelBatch = 500;

/** Vault wants exactly yyyy-MM-dd'T'HH:mm:ss'Z' (§3.6), in UTC and without milliseconds. */
export function formatVaultDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function jobFilterParams(filter: JobFilter = {}): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status.toLowerCase(); // Vault documents the filter values in lower case
  if (filter.startDate) params.start_date = formatVaultDate(filter.startDate);
  if (filter.endDate) params.end_date = formatVaultDate(filter.endDate);
  if (filter.limit !== undefined) {
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 200) {
      throw new VaultError('config', `A job list page holds 1 to 200 jobs, not ${filter.limit}.`);
    }
    params.limit = String(filter.limit);
  }
  return params;
}

function malformed(what: string): VaultError {
  return new VaultError('vault', `Vault's answer to ${what} is missing expected fields.`, { transient: false });
}

const optionalString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const optionalNumber = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);

function parseJob(raw: unknown): Job {
  const r = (raw ?? {}) as Record<string, unknown>;
  const jobId = optionalNumber(r.job_id);
  if (jobId === undefined) throw malformed('a job list (a job without job_id)');
  return {
    job_id: jobId,
    title: optionalString(r.title) ?? '',
    status: optionalString(r.status)?.toUpperCase() ?? 'UNKNOWN',
    created_by: optionalNumber(r.created_by) ?? 0,
    created_date: optionalString(r.created_date) ?? '',
    modified_by: optionalNumber(r.modified_by),
    modified_date: optionalString(r.modified_date),
    run_start_date: optionalString(r.run_start_date),
    run_end_date: optionalString(r.run_end_date),
  };
}

export function parseJobPage(body: Body, kind: JobListKind): JobPage {
  if (!Array.isArray(body.jobs) && body.jobs !== undefined) throw malformed(`job ${kind}`);
  const jobs = ((body.jobs as unknown[] | undefined) ?? []).map(parseJob);
  const details = (body.responseDetails ?? {}) as Record<string, unknown>;
  return {
    kind,
    jobs,
    total: optionalNumber(details.total) ?? jobs.length,
    offset: optionalNumber(details.offset) ?? 0,
    limit: optionalNumber(details.limit) ?? jobs.length,
    nextPage: optionalString(details.next_page) || undefined,
  };
}

/**
 * next_page is a relative URL that includes /api/{version} (§3.6). Anything else (another host, a
 * scheme) is refused: following it would send the session elsewhere.
 */
export function checkPageUrl(pageUrl: string, redact: (text: string) => string): string {
  if (!/^\/api\/[^?#]*/.test(pageUrl) || pageUrl.startsWith('//')) {
    // Redacted before it is cut short: the link may carry a session.
    throw new VaultError('vault', `Vault returned a page link that is not a relative /api/ URL: ${boundServerText(pageUrl, redact, 200)}`, { transient: false });
  }
  return pageUrl;
}

export function parseJobStatus(body: Body): JobStatusDetail {
  const d = (body.data ?? {}) as Record<string, unknown>;
  const id = optionalNumber(d.id);
  const status = optionalString(d.status);
  if (id === undefined || status === undefined) throw malformed('Job Status');
  return {
    id,
    status: status.toUpperCase(),
    method: optionalString(d.method),
    links: Array.isArray(d.links) ? (d.links as JobStatusDetail['links']) : [],
    progress: Array.isArray(d.progress) ? (d.progress as unknown[]) : undefined,
    created_by: optionalNumber(d.created_by),
    created_date: optionalString(d.created_date),
    run_start_date: optionalString(d.run_start_date),
    run_end_date: optionalString(d.run_end_date),
  };
}

/**
 * A page of Retrieve Job Tasks (§3.4). The reference shows each task's `state`; VAPIL's older model
 * read `status`, so either is taken. A task without an ID is not shown as some other task: the answer
 * is refused as malformed.
 */
export function parseJobTasks(body: Body, jobId: number): JobTaskPage {
  if (!Array.isArray(body.tasks) && body.tasks !== undefined) throw malformed('Retrieve Job Tasks');
  const tasks = ((body.tasks as unknown[] | undefined) ?? []).map((raw): JobTask => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const id = optionalString(r.id) ?? optionalNumber(r.id)?.toString();
    if (id === undefined) throw malformed('Retrieve Job Tasks (a task without id)');
    return { id, state: (optionalString(r.state) ?? optionalString(r.status))?.toUpperCase() ?? 'UNKNOWN' };
  });
  const details = (body.responseDetails ?? {}) as Record<string, unknown>;
  return {
    jobId: optionalNumber(body.job_id) ?? jobId,
    tasks,
    total: optionalNumber(details.total) ?? tasks.length,
    offset: optionalNumber(details.offset) ?? 0,
    nextPage: optionalString(details.next_page) || undefined,
  };
}

export function cancelRequestBody(ids: readonly number[]): { job_id: number }[] {
  return ids.map((id) => ({ job_id: id }));
}

/**
 * Items come back in request order (§3.7), so they are matched by position; a `data.id` that names
 * another job, or a position with no item at all, is reported as such instead of being trusted.
 */
export function parseCancelItems(ids: readonly number[], body: Body): CancelItemResult[] {
  const items = Array.isArray(body.data) ? (body.data as unknown[]) : [];
  return ids.map((jobId, index): CancelItemResult => {
    const item = items[index] as Record<string, unknown> | undefined;
    if (typeof item !== 'object' || item === null) return { jobId, status: 'missing' };
    if (item.responseStatus === 'SUCCESS') {
      const returnedId = optionalNumber((item.data as Record<string, unknown> | undefined)?.id);
      return returnedId === undefined || returnedId === jobId ? { jobId, status: 'success' } : { jobId, status: 'mismatch', returnedId };
    }
    if (item.responseStatus === 'FAILURE' || item.responseStatus === 'EXCEPTION') {
      return { jobId, status: 'failure', errors: parseErrorItems(item.errors) };
    }
    return { jobId, status: 'missing' };
  });
}
