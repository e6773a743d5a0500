// Random ID lists, random faults, random stops, fixed seeds: whatever happens on the wire, every
// input ID ends with exactly one outcome, nothing is sent after the stop, no ID is sent more than
// 1 + maxRetries times or after Vault answered it, nothing is cancelled that was not asked for, and
// no job Vault cancelled is reported failed. A failing seed is named in the test title and the message.
import * as assert from 'assert';
import type { AxiosInstance } from 'axios';
import { cancelJobs, type CancelOutcome } from '../../../src/core/cancel';
import type { VaultClient } from '../../../src/core/vault';
import { faultKinds, startSimulator, type FaultSpec, type VaultSimulator } from '../../simulator';
import { faultProfiles } from '../../simulator/faultProfiles';
import { signedInClient } from '../helpers/capture';
import { seededRandom } from '../../simulator/seededRandom';


const seeds = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946];
const cancelled = new Set(['CANCELLING', 'CANCELLED']);

/** What left the client for Cancel Job, seen at the last moment before the socket and as answers arrive. */
interface Wire {
  sends: Map<number, number>;
  sentAfterStop: number;
  /** IDs sent again after an answer naming them (accepted or refused) had reached the client. */
  sentAfterAnswer: number[];
}

function watchWire(client: VaultClient, stop: AbortSignal): Wire {
  const wire: Wire = { sends: new Map(), sentAfterStop: 0, sentAfterAnswer: [] };
  const answered = new Set<number>();
  const http = (client as unknown as { http: AxiosInstance }).http;
  // The body is still the client's array before the request leaves, and its JSON text afterwards.
  const cancelIds = (data: unknown) => ((typeof data === 'string' ? JSON.parse(data) : data) as { job_id: number }[]).map((item) => item.job_id);
  http.interceptors.request.use((config) => {
    if (!config.url?.includes('actions/cancel')) return config;
    if (stop.aborted) wire.sentAfterStop++;
    for (const id of cancelIds(config.data)) {
      wire.sends.set(id, (wire.sends.get(id) ?? 0) + 1);
      if (answered.has(id)) wire.sentAfterAnswer.push(id);
    }
    return config;
  });
  // Items answer in request order; one that names another job, or no item, is no answer for its ID.
  http.interceptors.response.use((response) => {
    if (!response.config.url?.includes('actions/cancel')) return response;
    let body: { responseStatus?: string; data?: { responseStatus?: string; data?: { id?: number } }[] };
    try {
      body = JSON.parse(String(response.data)) as typeof body;
    } catch {
      return response;
    }
    if (body.responseStatus !== 'SUCCESS' || !Array.isArray(body.data)) return response;
    cancelIds(response.config.data).forEach((id, i) => {
      const item = body.data?.[i];
      const refused = item?.responseStatus === 'FAILURE' || item?.responseStatus === 'EXCEPTION';
      const accepted = item?.responseStatus === 'SUCCESS' && (item.data?.id === undefined || item.data.id === id);
      if (refused || accepted) answered.add(id);
    });
    return response;
  });
  return wire;
}

function assertWire(wire: Wire, maxRetries: number, sim: VaultSimulator): void {
  // What the simulator received, the client sent: the watch misses nothing.
  for (const request of sim.requestLog.filter((r) => r.path.includes('actions/cancel'))) {
    for (const { job_id: id } of JSON.parse(request.body) as { job_id: number }[]) assert.ok((wire.sends.get(id) ?? 0) > 0, `job ${id} reached Vault unseen`);
  }
  assert.strictEqual(wire.sentAfterStop, 0, 'nothing sent after the stop');
  assert.deepStrictEqual(wire.sentAfterAnswer, [], 'no ID sent again after Vault answered it');
  for (const [id, sends] of wire.sends) assert.ok(sends <= 1 + maxRetries, `job ${id} was sent ${sends} times (maxRetries ${maxRetries})`);
}

function randomFault(random: () => number, pick: <T>(items: readonly T[]) => T): FaultSpec {
  const kind = pick(faultKinds);
  // Mostly on the cancel request; sometimes on the status and list reads that verification depends on.
  const path = random() < 0.75 ? /actions\/cancel/ : pick([/services\/jobs\/\d+$/, /jobs\/(monitors|histories)/, /./]);
  const times = 1 + Math.floor(random() * 3);
  const applied = random() < 0.5;
  switch (kind) {
    case 'latency': return { kind, ms: Math.floor(random() * 80), path, times };
    case 'expireSessionAfterCalls': return { kind, calls: 1 + Math.floor(random() * 3), path, times };
    case 'shortData': return { kind, drop: 1 + Math.floor(random() * 3), path, times };
    case 'batchFailure': return { kind, type: random() < 0.7 ? 'UNEXPECTED_ERROR' : 'INVALID_DATA', path, times };
    case 'moveActiveList': return { kind, finish: 1 + Math.floor(random() * 50), path, times };
    case 'proxy502': case 'nonJson': case 'noAnswer': return { kind, applied, path, times };
    default: return { kind, path, times };
  }
}

/**
 * What must never be called failed: Vault applied the cancel, its answer was lost, and the status
 * check that would tell fails too (every Job Status and list read, for the whole run).
 */
function lostAnswerUncheckable(random: () => number, pick: <T>(items: readonly T[]) => T): FaultSpec[] {
  const times = 1 + Math.floor(random() * 3);
  const lost: FaultSpec = pick<FaultSpec>([
    { kind: 'dropAfterApply', path: /actions\/cancel/, times },
    { kind: 'noAnswer', applied: true, path: /actions\/cancel/, times },
    { kind: 'proxy502', applied: true, path: /actions\/cancel/, times },
  ]);
  const checks = /services\/jobs\/\d+$|jobs\/(monitors|histories)/;
  return [lost, pick<FaultSpec>([{ kind: 'proxy502', path: checks }, { kind: 'noAnswer', path: checks }, { kind: 'dropAfterApply', path: checks }])];
}

describe('bulk-cancel engine, randomized', function () {
  this.timeout(30_000);
  let sim: VaultSimulator;
  afterEach(() => sim?.close());

  for (const seed of seeds) {
    it(`keeps its invariants (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      sim = await startSimulator({ seed, statusCallIntervalMs: 20, cancelDelayMs: Math.floor(random() * 200) });
      const { client } = await signedInClient(sim, { timeoutMs: 250, backoffBaseMs: 5 });

      const pool = [
        ...sim.jobs.addMany(1 + Math.floor(random() * 120), { status: 'QUEUED' }).map((j) => j.job_id),
        ...sim.jobs.addMany(Math.floor(random() * 20), { status: 'SCHEDULED' }).map((j) => j.job_id),
        ...sim.jobs.addMany(Math.floor(random() * 10), { status: 'RUNNING' }).map((j) => j.job_id),
        1046892, 1043341, 77_000_001, 77_000_002,
      ];
      const invalid = [0, -7, 3.5, Number.MAX_SAFE_INTEGER + 1];
      const input = Array.from({ length: 1 + Math.floor(random() * 300) }, () => (random() < 0.03 ? pick(invalid) : pick(pool)));
      const faults = [
        ...Array.from({ length: Math.floor(random() * 4) }, () => randomFault(random, pick)),
        ...(random() < 0.3 ? lostAnswerUncheckable(random, pick) : []),
      ];
      for (const fault of faults) sim.faults.set(fault);
      const before = new Map(sim.jobs.all().map((j) => [j.job_id, j.status]));

      const controller = new AbortController();
      const stopAfterMs = random() < 0.35 ? Math.floor(random() * 150) : undefined;
      const timer = stopAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), stopAfterMs);
      const wire = watchWire(client, controller.signal);
      const options = {
        batchSize: 1 + Math.floor(random() * 80), concurrency: 1 + Math.floor(random() * 4), maxRetries: Math.floor(random() * 4),
        backoffBaseMs: 5, backoffMaxMs: 40, random, verifyByStatusUpTo: pick([0, 3, 20]), signal: controller.signal,
      };
      const context = `seed ${seed}: ${input.length} IDs, options ${JSON.stringify({ ...options, signal: undefined, random: undefined })}, faults ${JSON.stringify(faults.map((f) => ({ ...f, path: String(f.path) })))}, stop after ${stopAfterMs} ms`;
      try {
        const result = await cancelJobs(client, input, options);
        clearTimeout(timer);
        const distinct = new Set(input);
        assert.deepStrictEqual(new Set(result.outcomes.keys()), distinct, 'exactly one outcome per distinct input ID');
        assertWire(wire, options.maxRetries, sim);

        const valid = new Set(input.filter((id) => Number.isSafeInteger(id) && id > 0));
        const sent = sim.requestLog.filter((r) => r.path.includes('actions/cancel')).flatMap((r) => (JSON.parse(r.body) as { job_id: number }[]).map((i) => i.job_id));
        assert.ok(sent.every((id) => valid.has(id)), 'only valid input IDs are sent');

        for (const job of sim.jobs.all()) {
          const nowCancelled = cancelled.has(job.status) && !cancelled.has(before.get(job.job_id) ?? '');
          const outcome: CancelOutcome | undefined = result.outcomes.get(job.job_id);
          if (nowCancelled) {
            assert.ok(valid.has(job.job_id), `job ${job.job_id} was cancelled without being asked for`);
            // Cancelled, so never failed: an answer lost and a check that failed too leave it unknown.
            assert.ok(outcome?.kind === 'accepted' || outcome?.kind === 'unknown', `job ${job.job_id} is ${job.status} but reported ${JSON.stringify(outcome)}`);
          }
          if (outcome?.kind === 'accepted') assert.ok(cancelled.has(job.status), `job ${job.job_id} reported accepted but is ${job.status}`);
        }
        const reachedVault = new Set(sent);
        for (const [id, outcome] of result.outcomes) {
          if (outcome.kind === 'unknown') assert.ok(reachedVault.has(id), `job ${id} is reported unknown but was never sent`);
        }
        if (!controller.signal.aborted) assert.ok([...result.outcomes.values()].every((o) => o.kind !== 'notSent'), 'notSent only after a stop');
      } catch (error) {
        (error as Error).message = `${context}\n${(error as Error).message}`;
        throw error;
      } finally {
        clearTimeout(timer);
      }
    });
  }
});

describe('bulk-cancel engine, randomized, with a session that expires again and again', function () {
  this.timeout(30_000);
  let sim: VaultSimulator;
  afterEach(() => sim?.close());

  for (const seed of seeds) {
    it(`counts every send after a renewal, sends no ID again after its answer, fails no ID Vault cancelled (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      // Every call signs in again: the per-minute sign-in limit would end the session for good instead.
      sim = await startSimulator({ seed, statusCallIntervalMs: 20, authLimitPerMinute: 1_000_000 });
      const { client } = await signedInClient(sim, { timeoutMs: 2_000, backoffBaseMs: 5 });
      const pool = [
        ...sim.jobs.addMany(1 + Math.floor(random() * 120), { status: 'QUEUED' }).map((j) => j.job_id),
        ...sim.jobs.addMany(Math.floor(random() * 10), { status: 'RUNNING' }).map((j) => j.job_id),
        77_000_001,
      ];
      const input = Array.from({ length: 1 + Math.floor(random() * 300) }, () => pick(pool));
      // The session ends after every call (the expiring-session profile), on every path or on cancels only;
      // answers that leave IDs unclear or refused in a batch come on top, so renewals meet resends and verification.
      const expiry: FaultSpec = random() < 0.5 ? faultProfiles['expiring-session'].faults[0] : { kind: 'expireSessionAfterCalls', calls: 1, path: /actions\/cancel/ };
      const extra: FaultSpec[] = [pick<FaultSpec>([
        { kind: 'shortData', drop: 1 + Math.floor(random() * 3), path: /actions\/cancel/, times: 1 + Math.floor(random() * 3) },
        { kind: 'batchFailure', type: 'UNEXPECTED_ERROR', path: /actions\/cancel/, times: 1 + Math.floor(random() * 3) },
        { kind: 'batchFailure', type: 'UNEXPECTED_ERROR', path: /actions\/cancel/, times: 1 + Math.floor(random() * 3) },
        { kind: 'latency', ms: Math.floor(random() * 40), times: 10 },
      ])];
      for (const fault of [expiry, ...extra]) sim.faults.set(fault);
      const before = new Map(sim.jobs.all().map((j) => [j.job_id, j.status]));
      const controller = new AbortController();
      const wire = watchWire(client, controller.signal);
      // At least two requests, so that one goes out with a session the other ended.
      const distinct = new Set(input).size;
      const options = {
        batchSize: Math.max(1, Math.floor(random() * Math.min(80, distinct / 2))), concurrency: 1 + Math.floor(random() * 4), maxRetries: 3,
        backoffBaseMs: 5, backoffMaxMs: 40, random, verifyByStatusUpTo: pick([0, 3, 20]), signal: controller.signal,
      };
      const context = `seed ${seed}: ${input.length} IDs, options ${JSON.stringify({ ...options, signal: undefined, random: undefined })}, faults ${JSON.stringify([expiry, ...extra].map((f) => ({ ...f, path: String(f.path) })))}`;
      try {
        const result = await cancelJobs(client, input, options);
        assert.deepStrictEqual(new Set(result.outcomes.keys()), new Set(input), 'exactly one outcome per distinct input ID');
        assertWire(wire, options.maxRetries, sim);
        assert.ok(sim.requestLog.some((r) => r.auth === 'invalid' && r.path.includes('actions/cancel')), 'a cancel met an expired session');
        for (const job of sim.jobs.all()) {
          const outcome = result.outcomes.get(job.job_id);
          const nowCancelled = cancelled.has(job.status) && !cancelled.has(before.get(job.job_id) ?? '');
          if (nowCancelled) assert.strictEqual(outcome?.kind, 'accepted', `job ${job.job_id} is ${job.status} but reported ${JSON.stringify(outcome)}`);
          if (outcome?.kind === 'accepted') assert.ok(cancelled.has(job.status), `job ${job.job_id} reported accepted but is ${job.status}`);
        }
      } catch (error) {
        (error as Error).message = `${context}\n${(error as Error).message}`;
        throw error;
      }
    });
  }
});
