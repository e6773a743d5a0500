// Cancel Job (vault-api.md §3.7): up to 500 IDs as JSON or CSV, one result per item in request order.
import { failure, mediaType, success, type VaultBody } from '../vaultBody';
import type { Route, RouteContext } from './types';

export const maxCancelIds = 500;

/** A job ID, or the message of the item's own INVALID_DATA. */
type Item = number | string;

/** The items in request order, or the top-level FAILURE for an unusable body [INF: error types]. */
function readItems(ctx: RouteContext): Item[] | VaultBody {
  if (ctx.body.trim() === '') return failure('PARAMETER_REQUIRED', 'Missing required request body: a list of job_id values.');
  const type = mediaType(ctx.headers['content-type']) || 'application/json';
  if (type === 'text/csv') return readCsv(ctx.body);
  if (type !== 'application/json') return failure('INVALID_DATA', `Unsupported Content-Type [${type}].`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body);
  } catch {
    return failure('INVALID_DATA', 'Unable to parse the request body as JSON.');
  }
  if (!Array.isArray(parsed)) return failure('INVALID_DATA', 'The request body must be a JSON array of {"job_id": N} objects.');
  return parsed.map((item: unknown) =>
    item !== null && typeof item === 'object' && 'job_id' in item
      ? asJobId(item.job_id)
      : `Invalid item [${JSON.stringify(item)}]: expected {"job_id": N}.`);
}

/** [INF] The docs do not show the CSV layout: a header row naming a `job_id` column, one row per job. */
function readCsv(body: string): Item[] | VaultBody {
  const rows = body.replace(/^\uFEFF/, '').split(/\r?\n/).filter((row) => row.trim() !== '');
  const cells = (row: string) => row.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
  const column = cells(rows[0]).map((name) => name.toLowerCase()).indexOf('job_id');
  if (column < 0) return failure('PARAMETER_REQUIRED', 'The CSV header must name a [job_id] column.');
  return rows.slice(1).map((row) => asJobId(cells(row)[column] ?? ''));
}

function asJobId(value: unknown): Item {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  // [INF] Digit strings are taken as IDs, as Vault's JSON binding would.
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return `Invalid job_id [${JSON.stringify(value)}].`;
}

function cancel(ctx: RouteContext): VaultBody {
  const items = readItems(ctx);
  if (!Array.isArray(items)) return items;
  if (items.length === 0) return failure('PARAMETER_REQUIRED', 'At least one job_id is required.');
  if (items.length > maxCancelIds) return failure('INVALID_DATA', `A request may cancel at most ${maxCancelIds} jobs; it had ${items.length}.`);
  const batch = ctx.fault('batchFailure');
  if (batch) return failure(batch.type ?? 'UNEXPECTED_ERROR', batch.message ?? 'An unexpected error occurred.');
  const data = items.map((id) => {
    if (typeof id === 'string') return { responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: id } };
    return ctx.state.jobs.cancel(id) === 'cancelling'
      ? { responseStatus: 'SUCCESS', data: { id: id + ctx.state.options.cancelAnswerIdOffset } }
      // The documented message, also for unknown IDs and for jobs already CANCELLING or CANCELLED.
      : { responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: `Job [${id}] is not found in QUEUED or QUEUEING state` } };
  });
  const short = ctx.fault('shortData');
  return success({ data: short ? data.slice(0, Math.max(0, data.length - (short.drop ?? 1))) : data });
}

export const cancelRoute: Route = {
  method: 'POST',
  pattern: /^\/services\/jobs\/actions\/cancel$/,
  minVersion: (options) => options.minCancelVersion,
  handle: cancel,
};
