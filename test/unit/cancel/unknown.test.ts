// An ID whose cancel request got no usable answer, and whose status could not be read either, may
// well be cancelled: its outcome is unknown, never failed. Failed stays for what is established:
// Vault refused, the request never left, or Vault shows the job not cancelled.
import * as assert from 'assert';
import { cancelJobs, describeOutcome, verifyUnknownOutcomes, type CancelOutcome, type CancelRunOptions } from '../../../src/core/cancel';
import { isRetryable } from '../../../src/core/cancel/retry';
import { silentLogger } from '../../../src/core/log';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';

const cancelPath = /actions\/cancel/;
/** Every read the status check can make: Job Status, and the monitors and histories pages. */
const checkPaths = [/services\/jobs\/\d+$/, /jobs\/(monitors|histories)/];
const fast: CancelRunOptions = { backoffBaseMs: 5, backoffMaxMs: 20, random: () => 0.5 };
const cancelled = new Set(['CANCELLING', 'CANCELLED']);

describe('bulk-cancel engine: unknown fates', () => {
  let sim: VaultSimulator;
  const queued = (n: number) => sim.jobs.addMany(n, { status: 'QUEUED' }).map((j) => j.job_id);
  const cancelRequests = () => sim.requestLog.filter((r) => cancelPath.test(r.path));

  beforeEach(async () => {
    sim = await startSimulator({ statusCallIntervalMs: 20 });
  });
  afterEach(() => sim.close());

  for (const checkFault of ['dropAfterApply', 'noAnswer'] as const) {
    for (const maxRetries of [0, 2]) {
      it(`answers lost after the cancel applied, and the check failing too (${checkFault}), maxRetries ${maxRetries}: unknown, not failed`, async function () {
        this.timeout(15_000);
        const ids = queued(4);
        sim.faults.set({ kind: 'dropAfterApply', path: cancelPath });
        for (const path of checkPaths) sim.faults.set({ kind: checkFault, path });
        const { client } = await signedInClient(sim, { timeoutMs: 300 });
        const result = await cancelJobs(client, ids, { ...fast, maxRetries, verifyByStatusUpTo: 2 });
        for (const id of ids) {
          assert.ok(cancelled.has(sim.jobs.get(id)!.status), `the simulator cancelled job ${id}`);
          const outcome = result.outcomes.get(id)!;
          assert.strictEqual(outcome.kind, 'unknown', describeOutcome(outcome));
          assert.match(describeOutcome(outcome), /^Unknown: sent, but whether Vault cancelled it is not known: .*its status could not be checked/);
        }
        assert.ok(cancelRequests().length <= maxRetries + 1, `${cancelRequests().length} cancel requests`);
      });
    }
  }

  it('a session lost after an unanswered request: the IDs are unknown, not failed with the session\'s reason', async () => {
    const ids = queued(3);
    sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
    const { client } = await signedInClient(sim, { timeoutMs: 300, reauthenticate: () => Promise.reject(new Error('password changed')) });
    let sends = 0;
    // The session ends between the first request (its answer lost) and the retry, and cannot be renewed.
    const observer = { beforeSend: () => (sends++ === 1 && sim.expireAllSessions(), { answered: () => undefined, failed: () => undefined }) };
    const result = await cancelJobs(client, ids, { ...fast, observer });
    for (const id of ids) {
      assert.ok(cancelled.has(sim.jobs.get(id)!.status));
      const outcome = result.outcomes.get(id)!;
      assert.strictEqual(outcome.kind, 'unknown', describeOutcome(outcome));
      assert.match(describeOutcome(outcome), /password changed.*without a session its status cannot be checked/);
    }
  });

  it('a request that never left (connection refused) fails without a check: nothing can have been cancelled', async () => {
    const { client } = await signedInClient(sim, { timeoutMs: 300 });
    await sim.close();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the client's idle connection sees the close
    const result = await cancelJobs(client, [101, 102], { ...fast, maxRetries: 1 });
    for (const outcome of result.outcomes.values()) assert.strictEqual(outcome.kind, 'failed', describeOutcome(outcome));
  });

  it('an answer lost and a check that shows the job still queued: failed, and retryable', async () => {
    const ids = queued(2);
    sim.faults.set({ kind: 'dropBeforeApply', path: cancelPath });
    const { client } = await signedInClient(sim, { timeoutMs: 300 });
    const result = await cancelJobs(client, ids, { ...fast, maxRetries: 0 });
    for (const id of ids) {
      const outcome = result.outcomes.get(id)!;
      assert.ok(outcome.kind === 'failed' && /Vault shows it QUEUED$/.test(outcome.reason), describeOutcome(outcome));
    }
  });

  it('unknown is never retried as it is: Retry Failed and the quick fixes leave it to a check', () => {
    assert.strictEqual(isRetryable('unknown'), false);
    assert.strictEqual(isRetryable('failed'), true);
  });

  describe('verifyUnknownOutcomes', () => {
    it('settles each ID from the Active list and History since its run started, without a Job Status call', async () => {
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
      const [applied, notApplied] = queued(2);
      const [cancelledBefore] = sim.jobs.addMany(1, { status: 'CANCELLED', modified_date: tenMinutesAgo, run_end_date: tenMinutesAgo }).map((j) => j.job_id);
      sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
      const { client } = await signedInClient(sim, { timeoutMs: 300 });
      const runStartedAt = new Date(Date.now() - 1000);
      await client.cancelJobs([applied], new AbortController().signal).catch(() => undefined);
      sim.clearRequestLog();
      // More IDs than are asked for one by one: the lists place them.
      const { outcomes, placed } = await verifyUnknownOutcomes(client, [applied, notApplied, cancelledBefore, 99_999_999], { perJobUpTo: 3, runStartedAt, logger: silentLogger });
      assert.deepStrictEqual(outcomes.get(applied), { kind: 'accepted', state: sim.jobs.get(applied)!.status, verified: true });
      assert.deepStrictEqual(outcomes.get(notApplied), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault shows it QUEUED' });
      const before = outcomes.get(cancelledBefore);
      assert.ok(before?.kind === 'notEligible' && before.message === `already cancelled before this run: Vault shows it CANCELLED since ${tenMinutesAgo}`, JSON.stringify(before));
      assert.deepStrictEqual(outcomes.get(99_999_999), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault lists it neither as active nor as finished since the run started' });
      assert.strictEqual(placed.statusCalls, 0);
      assert.strictEqual(sim.requestLog.filter((r) => /services\/jobs\/\d+$/.test(r.path)).length, 0, 'no Job Status call');
      assert.strictEqual(cancelRequests().length, 0, 'verifying sends no cancel');
    });

    it('asks Job Status about a few jobs, where it costs less than the lists, with the same outcomes', async () => {
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
      const [queuedJob] = queued(1);
      const [cancelledBefore] = sim.jobs.addMany(1, { status: 'CANCELLED', modified_date: tenMinutesAgo, run_end_date: tenMinutesAgo }).map((j) => j.job_id);
      const { client } = await signedInClient(sim, { timeoutMs: 300 });
      sim.clearRequestLog();
      const { outcomes, placed } = await verifyUnknownOutcomes(client, [queuedJob, cancelledBefore, 99_999_999], { perJobUpTo: 20, runStartedAt: new Date(), logger: silentLogger });
      assert.deepStrictEqual([placed.statusCalls, placed.activePages, placed.historyPages], [3, 0, 0]);
      assert.strictEqual(sim.requestLog.filter((r) => /jobs\/(monitors|histories)/.test(r.path)).length, 0, 'no list read');
      assert.deepStrictEqual(outcomes.get(queuedJob), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault shows it QUEUED' });
      assert.deepStrictEqual(outcomes.get(cancelledBefore)?.kind === 'notEligible' && outcomes.get(cancelledBefore), {
        kind: 'notEligible', errorType: '', message: `already cancelled before this run: Vault shows it CANCELLED since ${tenMinutesAgo}`, cancelledBefore: true,
      });
      assert.deepStrictEqual(outcomes.get(99_999_999), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault knows no such job' });
    });

    it('asks Job Status about the few jobs a list that could not be read leaves open: Vault\'s word on a job it does not know', async () => {
      sim.faults.set({ kind: 'proxy502', path: /jobs\/histories/ });
      const { client } = await signedInClient(sim, { timeoutMs: 300 });
      const [other] = queued(1);
      const { outcomes, placed } = await verifyUnknownOutcomes(client, [99_999_999, 99_999_998, other], { perJobUpTo: 1, runStartedAt: new Date(), logger: silentLogger });
      assert.deepStrictEqual(outcomes.get(99_999_999), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault knows no such job' });
      assert.strictEqual(outcomes.get(99_999_998)?.kind, 'unknown', 'beyond the few asked for');
      assert.deepStrictEqual(outcomes.get(other), { kind: 'failed', reason: 'the cancel request got no usable answer; Vault shows it QUEUED' }, 'placed by the Active list');
      assert.strictEqual(placed.statusCalls, 1);
    });

    it('keeps an ID unknown while its status cannot be read', async () => {
      const [id] = queued(1);
      for (const path of checkPaths) sim.faults.set({ kind: 'proxy502', path });
      const { client } = await signedInClient(sim, { timeoutMs: 300 });
      const { outcomes, placed } = await verifyUnknownOutcomes(client, [id], { perJobUpTo: 20, runStartedAt: new Date(0), logger: silentLogger });
      const outcome: CancelOutcome | undefined = outcomes.get(id);
      assert.ok(placed.error);
      assert.ok(outcome?.kind === 'unknown' && /its status could not be checked/.test(outcome.reason), JSON.stringify(outcome));
    });
  });
});
