// Retrieve Job Monitors and Job Histories (vault-api.md §3.1, §3.2, §3.6).
import type { JobStatus, SimJob } from '../jobModel';
import { failure, success, type VaultBody } from '../vaultBody';
import { isFailure, pageEnvelope, readPage } from './paging';
import type { Route, RouteContext } from './types';

interface Listing {
  name: 'monitors' | 'histories';
  /** Lower-case filter value -> statuses it selects. */
  statusFilter: Record<string, JobStatus[]>;
  jobs: (ctx: RouteContext) => readonly SimJob[];
  /** The timestamp start_date/end_date filter on. */
  dateOf: (job: SimJob) => string;
  fields: (job: SimJob) => Record<string, unknown>;
}

const commonFields = (job: SimJob) => ({
  job_id: job.job_id, title: job.title, status: job.status, created_by: job.created_by, created_date: job.created_date,
  modified_by: job.modified_by, modified_date: job.modified_date, run_start_date: job.run_start_date,
});

const monitors: Listing = {
  name: 'monitors',
  // [INF] The filter has only three values; QUEUEING is taken as a kind of queued.
  statusFilter: { scheduled: ['SCHEDULED'], queued: ['QUEUEING', 'QUEUED'], running: ['RUNNING'] },
  jobs: (ctx) => ctx.state.jobs.activeByCreated(),
  dateOf: (job) => job.created_date,
  fields: commonFields,
};

const histories: Listing = {
  name: 'histories',
  statusFilter: Object.fromEntries(
    (['SUCCESS', 'ERRORS_ENCOUNTERED', 'FAILED_TO_RUN', 'MISSED_SCHEDULE', 'TIMEOUT', 'COMPLETED_DUE_TO_INACTIVITY', 'CANCELLED'] as const)
      .map((s) => [s.toLowerCase(), [s]]),
  ),
  jobs: (ctx) => ctx.state.jobs.terminalByEnd(),
  // [INF] The docs do not say which timestamp the histories date range applies to.
  dateOf: (job) => job.run_end_date ?? '',
  fields: (job) => ({ ...commonFields(job), run_end_date: job.run_end_date }),
};

const exactDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function list(listing: Listing, ctx: RouteContext): VaultBody {
  const page = readPage(ctx.query);
  if (isFailure(page)) return page;
  const filters: [string, string][] = [];
  let from = '';
  let to = '\uffff';
  for (const name of ['start_date', 'end_date'] as const) {
    const value = ctx.query.get(name);
    if (value === null) continue;
    if (!exactDateTime.test(value) || Number.isNaN(Date.parse(value))) {
      return failure('INVALID_DATA', `Invalid value [${value}] for parameter [${name}]: expected yyyy-MM-ddTHH:mm:ssZ.`);
    }
    filters.push([name, value]);
    // Stored dates carry milliseconds; the end bound takes the whole of its second.
    if (name === 'start_date') from = value.replace('Z', '.000Z');
    else to = value.replace('Z', '.999Z');
  }
  const statusValue = ctx.query.get('status');
  let statuses: JobStatus[] | undefined;
  if (statusValue !== null) {
    statuses = listing.statusFilter[statusValue.toLowerCase()];
    if (!statuses) return failure('INVALID_DATA', `Invalid value [${statusValue}] for parameter [status].`);
    filters.push(['status', statusValue]);
  }
  const all = listing.jobs(ctx);
  const matching = filters.length === 0 ? all : all.filter((job) => {
    const date = listing.dateOf(job);
    return date >= from && date <= to && (!statuses || statuses.includes(job.status));
  });
  const { url, responseDetails } = pageEnvelope(`/api/${ctx.version}/services/jobs/${listing.name}`, filters, page, matching.length);
  if (listing.name === 'monitors') responseDetails.total = matching.length + ctx.state.options.monitorsTotalSurplus;
  return success({
    responseMessage: 'OK', url, responseDetails,
    jobs: matching.slice(page.offset, page.offset + page.limit).map(listing.fields),
  });
}

export const jobListRoutes: Route[] = [monitors, histories].map((listing) => ({
  method: 'GET',
  pattern: new RegExp(`^/services/jobs/${listing.name}$`),
  handle: (ctx: RouteContext) => list(listing, ctx),
}));
