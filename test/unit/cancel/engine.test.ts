// The bulk-cancel engine against the simulator: one outcome per distinct ID on every path, including
// each injected fault, a stop, a lost session and the follow-up.
import * as assert from 'assert';
import { cancelJobs, describeOutcome, outcomesForOccurrences, type CancelOutcome, type CancelProgress, type CancelRunOptions } from '../../../src/core/cancel';
import type { VaultClient } from '../../../src/core/vault';
import { startSimulator, type FaultSpec, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';

const cancelPath = /actions\/cancel/;
const fast: CancelRunOptions = { backoffBaseMs: 5, backoffMaxMs: 20, random: () => 0.5 };

function kinds(outcomes: Map<number, CancelOutcome>): Record<string, string> {
  return Object.fromEntries([...outcomes].map(([id, o]) => [String(id), o.kind === 'accepted' ? `accepted:${o.verified ? 'verified' : 'answered'}` : o.kind]));
}

describe('bulk-cancel engine', () => {
  let sim: VaultSimulator;
  let client: VaultClient;
  const queued = (n: number) => sim.jobs.addMany(n, { status: 'QUEUED' }).map((j) => j.job_id);
  const cancelRequests = () => sim.requestLog.filter((r) => cancelPath.test(r.path));
  const batchSizes = () => cancelRequests().map((r) => (JSON.parse(r.body) as unknown[]).length);

  beforeEach(async () => {
    sim = await startSimulator({ statusCallIntervalMs: 50, cancelDelayMs: 150 });
    ({ client } = await signedInClient(sim));
    sim.clearRequestLog();
  });
  afterEach(() => sim.close());

  it('dedupes, splits into batches, sends valid IDs only and reports each outcome', async () => {
    const ids = queued(23);
    const input = [...ids, ids[0], ids[5], 1043341, 1046892, 0, -4, 2.5, Number.MAX_SAFE_INTEGER + 2, NaN, 99999999];
    const progress: CancelProgress[] = [];
    const result = await cancelJobs(client, input, { ...fast, batchSize: 10, concurrency: 2, onProgress: (p) => progress.push(p) });
    assert.strictEqual(result.outcomes.size, new Set(input).size);
    for (const id of [...ids, 1046892]) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'accepted', state: 'CANCELLING', verified: false });
    assert.deepStrictEqual(result.outcomes.get(1043341), { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'Job [1043341] is not found in QUEUED or QUEUEING state' });
    assert.strictEqual(result.outcomes.get(99999999)?.kind, 'notEligible');
    for (const bad of [0, -4, 2.5, Number.MAX_SAFE_INTEGER + 2, NaN]) assert.strictEqual(result.outcomes.get(bad)?.kind, 'invalidInput', String(bad));
    const sent = cancelRequests().flatMap((r) => (JSON.parse(r.body) as { job_id: number }[]).map((i) => i.job_id));
    assert.deepStrictEqual([...sent].sort(), [...ids, 1043341, 1046892, 99999999].sort(), 'each valid ID sent exactly once');
    assert.deepStrictEqual(batchSizes(), [10, 10, 6]);
    assert.strictEqual(result.requestsSent, 3);
    assert.strictEqual(result.stopped, false);
    const last = progress.at(-1)!;
    assert.deepStrictEqual([last.requestsDone, last.requestsTotal, last.idsDone, last.idsTotal], [3, 3, result.outcomes.size, result.outcomes.size]);
    assert.deepStrictEqual(last.counts, { accepted: 24, notEligible: 2, invalidInput: 5, notSent: 0, unknown: 0, failed: 0 });
    assert.ok(progress.every((p, i) => i === 0 || p.idsDone >= progress[i - 1].idsDone), 'progress only moves forward');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    await sim.close();
    sim = await startSimulator({ latencyMs: 60 });
    ({ client } = await signedInClient(sim));
    sim.clearRequestLog();
    // In flight as the simulator sees it: arrived and not yet answered (a lower bound of the client's own count).
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, cancelRequests().filter((r) => r.responseStatus === undefined).length)), 5);
    await cancelJobs(client, queued(60), { ...fast, batchSize: 10, concurrency: 2 }).finally(() => clearInterval(watch));
    assert.strictEqual(cancelRequests().length, 6);
    assert.strictEqual(most, 2);
  });

  it('maps outcomes back to every occurrence and describes them in one line', async () => {
    const [id] = queued(1);
    const occurrences = [{ id, line: 1 }, { id: 1043341, line: 2 }, { id, line: 3 }, { id: -1, line: 4 }];
    const result = await cancelJobs(client, occurrences.map((o) => o.id), fast);
    const mapped = outcomesForOccurrences(occurrences, result);
    assert.deepStrictEqual(mapped.map((m) => [m.occurrence.line, m.outcome.kind, m.duplicateOf?.line]), [
      [1, 'accepted', undefined], [2, 'notEligible', undefined], [3, 'accepted', 1], [4, 'invalidInput', undefined],
    ]);
    assert.deepStrictEqual(mapped.map((m) => describeOutcome(m.outcome)), [
      'Cancelling',
      'Not eligible for cancellation: Job [1043341] is not found in QUEUED or QUEUEING state (INVALID_DATA)',
      'Cancelling',
      'Not a valid job ID: -1 is not a positive job ID',
    ]);
    // A diagnostic shows the error type as its code: its message leaves it out, once and only there.
    assert.strictEqual(describeOutcome(mapped[1].outcome, { withErrorType: false }), 'Not eligible for cancellation: Job [1043341] is not found in QUEUED or QUEUEING state');
    assert.strictEqual(describeOutcome({ kind: 'failed', reason: 'Vault refused', errorType: 'OPERATION_NOT_ALLOWED' }, { withErrorType: false }), 'Failed: Vault refused');
    assert.strictEqual(describeOutcome({ kind: 'failed', reason: 'Vault refused', errorType: 'OPERATION_NOT_ALLOWED' }), 'Failed: Vault refused (OPERATION_NOT_ALLOWED)');
    // A reason that quotes Vault's error names its type once, and not at all beside a diagnostic's code.
    const quoting: CancelOutcome = { kind: 'failed', reason: 'The Cancel Job request failed: OPERATION_NOT_ALLOWED: Not now', errorType: 'OPERATION_NOT_ALLOWED' };
    assert.strictEqual(describeOutcome(quoting), 'Failed: The Cancel Job request failed: OPERATION_NOT_ALLOWED: Not now');
    assert.strictEqual(describeOutcome(quoting, { withErrorType: false }), 'Failed: The Cancel Job request failed: Not now');
    assert.strictEqual(outcomesForOccurrences([{ id: 5 }], result)[0].outcome.kind, 'failed');
  });

  describe('faults on the cancel request', () => {
    const cases: { fault: FaultSpec; expect: string; sends: number }[] = [
      { fault: { kind: 'dropBeforeApply', times: 1 }, expect: 'accepted:answered', sends: 2 },
      { fault: { kind: 'proxy502', times: 1 }, expect: 'accepted:answered', sends: 2 },
      { fault: { kind: 'nonJson', times: 1 }, expect: 'accepted:answered', sends: 2 },
      { fault: { kind: 'batchFailure', times: 2 }, expect: 'accepted:answered', sends: 3 },
      { fault: { kind: 'latency', ms: 100, times: 1 }, expect: 'accepted:answered', sends: 1 },
      // Applied, then no answer: the retry hears "not found in QUEUED or QUEUEING state", and the status check tells the truth.
      { fault: { kind: 'dropAfterApply', times: 1 }, expect: 'accepted:verified', sends: 2 },
      { fault: { kind: 'proxy502', applied: true, times: 1 }, expect: 'accepted:verified', sends: 2 },
      { fault: { kind: 'nonJson', applied: true, times: 1 }, expect: 'accepted:verified', sends: 2 },
      { fault: { kind: 'noAnswer', applied: true, times: 1 }, expect: 'accepted:verified', sends: 2 },
    ];
    for (const { fault, expect, sends } of cases) {
      it(`${fault.kind}${'applied' in fault && fault.applied ? ' (after applying)' : ''}: every ID ${expect}`, async () => {
        const ids = queued(4);
        sim.faults.set({ ...fault, path: cancelPath });
        const { client: shortTimeout } = await signedInClient(sim, { timeoutMs: 300 });
        const result = await cancelJobs(shortTimeout, [...ids, 1043341], fast);
        assert.deepStrictEqual(kinds(result.outcomes), { ...Object.fromEntries(ids.map((id) => [String(id), expect])), 1043341: 'notEligible' });
        assert.strictEqual(cancelRequests().length, sends);
        assert.strictEqual(result.requestsSent, sends);
        for (const id of ids) assert.ok(['CANCELLING', 'CANCELLED'].includes(sim.jobs.get(id)!.status));
      });
    }

    it('shortData: missing items are checked, never taken as accepted on faith', async () => {
      const ids = queued(5);
      sim.jobs.setStatus(ids[4], 'RUNNING');
      sim.faults.set({ kind: 'shortData', drop: 2, path: cancelPath, times: 1 });
      const result = await cancelJobs(client, ids, fast);
      assert.deepStrictEqual(Object.values(kinds(result.outcomes)), ['accepted:answered', 'accepted:answered', 'accepted:answered', 'accepted:verified', 'notEligible']);
      assert.ok(sim.requestLog.some((r) => r.path.endsWith(`/services/jobs/${ids[3]}`)), 'the missing item was checked with Job Status');
      // The RUNNING job was sent again so that Vault itself says why it is not eligible.
      assert.deepStrictEqual(batchSizes(), [5, 1]);
    });

    it('a lasting non-transient batch failure fails every ID with Vault\'s reason, without retrying', async () => {
      const ids = queued(3);
      sim.faults.set({ kind: 'batchFailure', type: 'INSUFFICIENT_ACCESS', message: 'User [1] not licensed', path: cancelPath });
      const result = await cancelJobs(client, ids, fast);
      assert.strictEqual(cancelRequests().length, 1);
      for (const id of ids) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'failed', reason: 'The cancel of 3 job(s) failed: INSUFFICIENT_ACCESS: User [1] not licensed', errorType: 'INSUFFICIENT_ACCESS' });
    });

    it('transient failures are retried a bounded number of times, then reported', async () => {
      const ids = queued(2);
      sim.faults.set({ kind: 'dropBeforeApply', path: cancelPath });
      const result = await cancelJobs(client, ids, { ...fast, maxRetries: 2 });
      assert.strictEqual(cancelRequests().length, 3);
      for (const id of ids) {
        const outcome = result.outcomes.get(id);
        assert.ok(outcome?.kind === 'failed' && /failed on the network.*Vault shows it QUEUED/.test(outcome.reason), JSON.stringify(outcome));
      }
    });

    it('verifies many unclear IDs through monitors and histories pages, not one status call each', async () => {
      const ids = queued(60);
      sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
      const result = await cancelJobs(client, ids, { ...fast, verifyByStatusUpTo: 5 });
      assert.ok([...result.outcomes.values()].every((o) => o.kind === 'accepted' && o.verified));
      const statusCalls = sim.requestLog.filter((r) => /\/services\/jobs\/\d+$/.test(r.path)).length;
      const listCalls = sim.requestLog.filter((r) => /\/services\/jobs\/(monitors|histories)/.test(r.path)).length;
      assert.ok(listCalls >= 1 && statusCalls === 0, `${listCalls} list call(s), ${statusCalls} status call(s)`);
    });
  });

  describe('session', () => {
    it('re-authenticates when the session expires mid-run and carries on', async () => {
      const ids = queued(30);
      sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 1, path: cancelPath, times: 1 });
      const result = await cancelJobs(client, ids, { ...fast, batchSize: 10, concurrency: 1 });
      assert.ok([...result.outcomes.values()].every((o) => o.kind === 'accepted'));
      assert.strictEqual(sim.requestLog.filter((r) => r.path.endsWith('/auth')).length, 1);
    });

    it('when re-authentication fails, every unsent ID fails with the reason and nothing more is sent', async () => {
      const ids = queued(30);
      const { client: doomed } = await signedInClient(sim, { reauthenticate: () => Promise.reject(new Error('password changed')) });
      sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 1, path: cancelPath, times: 1 });
      const result = await cancelJobs(doomed, ids, { ...fast, batchSize: 10, concurrency: 1 });
      assert.deepStrictEqual(cancelRequests().map((r) => r.auth), ['session', 'invalid']);
      for (const id of ids.slice(0, 10)) assert.strictEqual(result.outcomes.get(id)?.kind, 'accepted');
      for (const id of ids.slice(10)) {
        const outcome = result.outcomes.get(id);
        assert.ok(outcome?.kind === 'failed' && outcome.errorType === 'INVALID_SESSION_ID' && /signing in again failed: password changed/.test(outcome.reason), JSON.stringify(outcome));
      }
    });
  });

  describe('stop', () => {
    it('sends nothing after the stop; the request in flight completes; unsent IDs are notSent', async () => {
      const ids = queued(50);
      sim.faults.set({ kind: 'latency', ms: 150, path: cancelPath });
      const controller = new AbortController();
      let stoppedAt = 0;
      const run = cancelJobs(client, ids, { ...fast, batchSize: 10, concurrency: 2, signal: controller.signal });
      setTimeout(() => {
        stoppedAt = sim.clock.now();
        controller.abort();
      }, 60);
      const result = await run;
      assert.strictEqual(result.stopped, true);
      assert.ok(cancelRequests().every((r) => r.time <= stoppedAt), 'no cancel request after the stop');
      assert.strictEqual(cancelRequests().length, 2);
      assert.deepStrictEqual(Object.values(kinds(result.outcomes)).sort(), [...Array<string>(20).fill('accepted:answered'), ...Array<string>(30).fill('notSent')].sort());
      for (const id of ids.slice(20)) assert.strictEqual(sim.jobs.get(id)?.status, 'QUEUED');
    });

    it('a stop during a retry wait verifies the unanswered request instead of guessing', async () => {
      const ids = queued(3);
      sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
      const controller = new AbortController();
      const run = cancelJobs(client, ids, { ...fast, backoffBaseMs: 5_000, backoffMaxMs: 5_000, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const result = await run;
      assert.strictEqual(cancelRequests().length, 1, 'the retry was not sent');
      assert.deepStrictEqual(Object.values(kinds(result.outcomes)), ['accepted:verified', 'accepted:verified', 'accepted:verified']);
    });

    it('a stop after an unanswered request that did not apply leaves the IDs notSent, ready to retry', async () => {
      const ids = queued(2);
      sim.faults.set({ kind: 'proxy502', path: cancelPath, times: 1 });
      const controller = new AbortController();
      const run = cancelJobs(client, ids, { ...fast, backoffBaseMs: 5_000, backoffMaxMs: 5_000, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const result = await run;
      for (const id of ids) {
        const outcome = result.outcomes.get(id);
        assert.ok(outcome?.kind === 'notSent' && /Vault shows it QUEUED/.test(outcome.reason), JSON.stringify(outcome));
      }
    });

    it('stopped before anything was sent: every ID is notSent, nothing sent', async () => {
      const ids = queued(3);
      const controller = new AbortController();
      controller.abort();
      const result = await cancelJobs(client, ids, { ...fast, signal: controller.signal });
      assert.strictEqual(cancelRequests().length, 0);
      assert.ok([...result.outcomes.values()].every((o) => o.kind === 'notSent'));
    });
  });

  it('follow-up watches accepted IDs until CANCELLED', async () => {
    const ids = queued(3);
    const progress: CancelProgress[] = [];
    const result = await cancelJobs(client, ids, { ...fast, followUp: true, followUpIntervalMs: 60, onProgress: (p) => progress.push(p) });
    for (const id of ids) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'accepted', state: 'CANCELLED', verified: false });
    assert.strictEqual(progress.at(-1)?.followUpRemaining, 0);
    const statusCalls = sim.requestLog.filter((r) => /\/services\/jobs\/\d+$/.test(r.path));
    assert.ok(statusCalls.every((r) => r.responseStatus === 'SUCCESS'), 'never tripped the status limit');
  });

  it('reports an API version without cancel plainly for every ID', async () => {
    const { client: old } = await signedInClient(sim, { apiVersion: 'v25.2' });
    const result = await cancelJobs(old, queued(2), fast);
    assert.strictEqual(cancelRequests().length, 0);
    for (const outcome of result.outcomes.values()) assert.match(describeOutcome(outcome), /^Failed: Cancelling jobs needs Vault API v25\.3 or later; the configured version is v25\.2\.$/);
  });

  it('refuses options outside their bounds', async () => {
    await assert.rejects(cancelJobs(client, [1], { batchSize: 501 }), /batchSize must be a whole number from 1 to 500/);
    await assert.rejects(cancelJobs(client, [1], { concurrency: 5 }), /concurrency/);
  });
});
