// Server texts that made the client's regular expressions backtrack for seconds, and the answers
// that carry them: shared by the hostile-body tests and the Stop benchmark (bench/cancel.bench.ts).
import type { ServerResponse } from 'node:http';
import { vaultJson, type HostileRequest } from './server';
import { requestedIds } from './vaultLike';

/** A proxy's error page that made the page-title regex backtrack for 18 s (256 KB of `<title`). */
export const titlePage = '<title'.repeat((256 * 1024) / 6);
/** A message that made the reason joining backtrack for a second per ID (32 KB of ". "). */
export const dottedMessage = '. '.repeat(16 * 1024);
/** A top-level message of 1 MiB: long enough that anything quadratic over it never ends. */
export const floodMessage = '. '.repeat(512 * 1024);

export function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/html', ...headers });
  res.end(body);
}

/** A top-level EXCEPTION whose one error carries `message`. */
export function exception(res: ServerResponse, message: string): void {
  vaultJson(res, { responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message }] });
}

/** A Cancel Job answer whose every item is an EXCEPTION carrying `message`. */
export function itemExceptions(request: HostileRequest, res: ServerResponse, message: string): void {
  vaultJson(res, {
    responseStatus: 'SUCCESS',
    data: requestedIds(request).map(() => ({ responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message }] })),
  });
}
