// Job Status, SDK Job Tasks and Start Now (vault-api.md §3.3–§3.5).
import { isTerminal, type SimJob } from '../jobModel';
import { failure, success, type VaultBody } from '../vaultBody';
import { isFailure, pageEnvelope, readPage } from './paging';
import type { Route, RouteContext } from './types';

/** The job named by the path, or the INVALID_DATA answer [INF: unknown IDs are not documented]. */
function jobFromPath(ctx: RouteContext): Readonly<SimJob> | VaultBody {
  const raw = ctx.params[0];
  const job = /^\d+$/.test(raw) ? ctx.state.jobs.get(Number(raw)) : undefined;
  return job ?? failure('INVALID_DATA', `Invalid job_id [${raw}]: no such job.`);
}

function jobStatus(ctx: RouteContext): VaultBody {
  const job = jobFromPath(ctx);
  if (isFailure(job)) return job;
  if (!ctx.state.statusCalls.allow(job.job_id)) {
    const seconds = ctx.state.options.statusCallIntervalMs / 1000;
    return failure('API_LIMIT_EXCEEDED', `Job status for job [${job.job_id}] may only be requested once every ${seconds} seconds.`);
  }
  const href = `/api/${ctx.version}/services/jobs/${job.job_id}`;
  // Live Vaults send neither `method` nor `responseMessage` here; the docs' example has both.
  const documented = ctx.state.options.jobStatusMethodAndMessage;
  return success({
    ...(documented ? { responseMessage: 'OK' } : {}),
    data: {
      id: job.job_id, status: job.status, ...(documented ? { method: job.method } : {}),
      links: [{ rel: 'self', href, method: 'GET', accept: 'application/json' }],
      ...(job.task_count > 0 ? { progress: progressOf(job) } : {}),
      created_by: job.created_by, created_date: job.created_date, run_start_date: job.run_start_date,
      ...(job.run_end_date ? { run_end_date: job.run_end_date } : {}),
    },
  });
}

/** [INF] Task states follow the job's: the docs show only `SUCCESS`. */
function taskState(job: Readonly<SimJob>, index: number): string {
  if (job.status === 'RUNNING') return index < job.task_count / 2 ? 'SUCCESS' : 'RUNNING';
  if (job.status === 'CANCELLING') return 'CANCELLED';
  if (!isTerminal(job.status)) return 'QUEUED';
  return job.status === 'SUCCESS' || index < job.task_count - 1 ? 'SUCCESS' : job.status;
}

/**
 * `progress` of an SDK job's status. [INF] The reference says only that it gives the number of tasks
 * (`size`) and their statuses, and shows no example: here one item with the count and the tasks per state.
 */
function progressOf(job: Readonly<SimJob>): { size: number; states: Record<string, number> }[] {
  const states: Record<string, number> = {};
  for (let i = 0; i < job.task_count; i++) {
    const state = taskState(job, i);
    states[state] = (states[state] ?? 0) + 1;
  }
  return [{ size: job.task_count, states }];
}

function jobTasks(ctx: RouteContext): VaultBody {
  const job = jobFromPath(ctx);
  if (isFailure(job)) return job;
  if (job.task_count === 0) return failure('INVALID_DATA', `Job [${job.job_id}] is not an SDK job.`);
  const page = readPage(ctx.query);
  if (isFailure(page)) return page;
  const { url, responseDetails } = pageEnvelope(`/api/${ctx.version}/services/jobs/${job.job_id}/tasks`, [], page, job.task_count);
  const tasks = [];
  for (let i = page.offset; i < Math.min(job.task_count, page.offset + page.limit); i++) tasks.push({ id: `Task${i + 1}`, state: taskState(job, i) });
  return success({ url, responseDetails, job_id: job.job_id, tasks });
}

function startNow(ctx: RouteContext): VaultBody {
  const raw = ctx.params[0];
  const result = /^\d+$/.test(raw) ? ctx.state.jobs.startNow(Number(raw)) : 'notFound';
  if (result === 'notFound') return failure('INVALID_DATA', `Invalid job_id [${raw}]: no such job.`);
  // [INF] The docs name no error type for a job that is not SCHEDULED.
  if (result === 'notScheduled') return failure('OPERATION_NOT_ALLOWED', `Job [${raw}] is not in SCHEDULED state.`);
  return success({ url: `/api/${ctx.version}/services/jobs/${raw}`, job_id: Number(raw) });
}

export const jobRoutes: Route[] = [
  { method: 'POST', pattern: /^\/services\/jobs\/start_now\/([^/]+)$/, handle: startNow },
  { method: 'GET', pattern: /^\/services\/jobs\/([^/]+)\/tasks$/, handle: jobTasks },
  { method: 'GET', pattern: /^\/services\/jobs\/([^/]+)$/, handle: jobStatus },
];
