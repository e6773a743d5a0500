// limit/offset parameters and the responseDetails of paged answers (vault-api.md §3.6).
import { failure, type VaultBody } from '../vaultBody';

export interface Page {
  limit: number;
  offset: number;
}

const maxLimit = 200;
const defaultLimit = 50;

/** The page asked for, or the INVALID_DATA answer for a bad limit or offset [INF: type not documented]. */
export function readPage(query: URLSearchParams): Page | VaultBody {
  const limit = query.get('limit') ?? String(defaultLimit);
  const offset = query.get('offset') ?? '0';
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > maxLimit) {
    return failure('INVALID_DATA', `Invalid value [${limit}] for parameter [limit]: must be between 1 and ${maxLimit}.`);
  }
  if (!/^\d+$/.test(offset)) return failure('INVALID_DATA', `Invalid value [${offset}] for parameter [offset].`);
  return { limit: Number(limit), offset: Number(offset) };
}

export function isFailure<T extends object>(value: T | VaultBody): value is VaultBody {
  return 'responseStatus' in value;
}

/**
 * The echoed `url` and the responseDetails of one page: next_page only when more rows follow,
 * previous_page only past the first row, both relative and keeping the request's filters.
 */
export function pageEnvelope(basePath: string, filters: [string, string][], page: Page, total: number): { url: string; responseDetails: Record<string, unknown> } {
  const link = (offset: number) => `${basePath}?${new URLSearchParams([...filters, ['limit', String(page.limit)], ['offset', String(offset)]]).toString()}`;
  const responseDetails: Record<string, unknown> = { total, limit: page.limit, offset: page.offset };
  if (page.offset + page.limit < total) responseDetails.next_page = link(page.offset + page.limit);
  if (page.offset > 0) responseDetails.previous_page = link(Math.max(0, page.offset - page.limit));
  return { url: link(page.offset), responseDetails };
}
