// Vault-shaped answers for the hostile servers' cancel and status routes, and the checks every
// hostile cancel run must pass: one outcome per ID, and nothing reported cancelled that the server
// did not cancel.
import * as assert from 'assert';
import type { ServerResponse } from 'node:http';
import type { CancelRunResult } from '../../../src/core/cancel';
import { vaultJson, type HostileRequest } from './server';

export const cancelPath = /\/services\/jobs\/actions\/cancel$/;
export const statusPath = /\/services\/jobs\/\d+$/;

export function requestedIds(request: HostileRequest): number[] {
  return (JSON.parse(request.body) as { job_id: number }[]).map((item) => item.job_id);
}

/** Cancels every requested ID (records it in `cancelled`) and answers SUCCESS per item. */
export function answerCancelled(request: HostileRequest, res: ServerResponse, cancelled: Set<number>): void {
  const ids = requestedIds(request);
  for (const id of ids) cancelled.add(id);
  vaultJson(res, { responseStatus: 'SUCCESS', data: ids.map((id) => ({ responseStatus: 'SUCCESS', data: { id } })) });
}

export function answerStatus(request: HostileRequest, res: ServerResponse, status: (id: number) => string): void {
  const id = Number(/(\d+)$/.exec(request.path)?.[1]);
  vaultJson(res, { responseStatus: 'SUCCESS', data: { id, status: status(id), method: 'POST', links: [] } });
}

export function vaultFailure(res: ServerResponse, type: string, message: string, headers: Record<string, string> = {}): void {
  vaultJson(res, { responseStatus: 'FAILURE', errors: [{ type, message }] }, 200, headers);
}

/** Every ID got exactly one outcome, and only IDs the server cancelled are reported accepted. */
export function assertSound(result: CancelRunResult, ids: readonly number[], cancelledByServer: ReadonlySet<number>): void {
  assert.deepStrictEqual([...result.outcomes.keys()].sort(), [...ids].sort(), 'one outcome per ID');
  for (const [id, outcome] of result.outcomes) {
    if (outcome.kind === 'accepted') assert.ok(cancelledByServer.has(id), `job ${id} is reported ${outcome.state} but the server never cancelled it`);
  }
}

/** How many cancel requests carried each ID. */
export function sendsPerId(requests: readonly HostileRequest[]): Map<number, number> {
  const sends = new Map<number, number>();
  for (const request of requests.filter((r) => cancelPath.test(r.path))) {
    for (const id of requestedIds(request)) sends.set(id, (sends.get(id) ?? 0) + 1);
  }
  return sends;
}
