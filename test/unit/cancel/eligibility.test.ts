// The eligibility check against the simulator over real sockets: what it reads, what it costs, and
// when it declines to spend the calls.
import * as assert from 'assert';
import { checkEligibility, classifyEligibility, describeEligibilityCheck, type EligibilityCheck } from '../../../src/core/cancel/eligibility';
import { isVaultError } from '../../../src/core/vault';
import { startSimulator, type SimulatorOptions, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { job } from '../jobs/helpers';

function checked(check: EligibilityCheck) {
  if (check.kind !== 'checked') throw new Error(`expected a check, got: ${check.message}`);
  return check.eligibility;
}

describe('cancel eligibility', () => {
  describe('classification', () => {
    it('sorts distinct IDs by the status the Active list shows; the rest are not active', () => {
      const active = [job(1, 't', 'SCHEDULED'), job(2, 't', 'QUEUED'), job(3, 't', 'QUEUEING'), job(4, 't', 'RUNNING'), job(5, 't', 'CANCELLING')];
      const result = classifyEligibility([5, 4, 3, 2, 1, 1, 6, 0, 1.5], active);
      assert.deepStrictEqual(result, {
        eligible: [3, 2, 1], refused: [{ id: 5, status: 'CANCELLING' }, { id: 4, status: 'RUNNING' }], notActive: [6], unconfirmed: [], unknown: [], invalid: [0, 1.5],
      });
      // From a list that may have missed jobs, absence proves nothing.
      const unsure = classifyEligibility([5, 6], active, new Map(), false);
      assert.deepStrictEqual([unsure.refused, unsure.notActive, unsure.unconfirmed], [[{ id: 5, status: 'CANCELLING' }], [], [6]]);
    });

    it('status answers settle IDs the list does not show: finished ones are refused, absent ones unknown', () => {
      const result = classifyEligibility([7, 8, 9], [], new Map([[7, 'SUCCESS'], [8, null]]));
      assert.deepStrictEqual([result.refused, result.unknown, result.notActive], [[{ id: 7, status: 'SUCCESS' }], [8], [9]]);
    });

    it('says it in one sentence, singular or plural', () => {
      const sentence = describeEligibilityCheck({ kind: 'checked', calls: 3, eligibility: { eligible: [1, 2], refused: [{ id: 3, status: 'RUNNING' }], notActive: [4, 5], unconfirmed: [], unknown: [6], invalid: [] } });
      assert.strictEqual(sentence, '2 are scheduled/queued and will be cancelled; 1 is running or finished and Vault will refuse it; '
        + '2 are not active (finished, or unknown to this Vault) and Vault will refuse them; 1 is unknown to this Vault.');
      assert.strictEqual(describeEligibilityCheck({ kind: 'skipped', reason: 'tooManyIds', message: '6000 IDs are more than the 5000 checked before a cancel', calls: 0 }),
        'Which jobs Vault will accept was not checked: 6000 IDs are more than the 5000 checked before a cancel.');
      const moved = describeEligibilityCheck({ kind: 'checked', calls: 9, listNotWhole: 'moved', eligibility: { eligible: [1], refused: [], notActive: [], unconfirmed: [7, 8], unknown: [], invalid: [] } });
      assert.strictEqual(moved, '1 is scheduled/queued and will be cancelled; 2 could not be checked because the Active list changed while it was read; they are sent and Vault answers for each.');
    });
  });

  describe('against the simulator', () => {
    let sim: VaultSimulator;
    const start = async (options: SimulatorOptions = {}) => {
      sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 0, ...options });
      const ids = {
        scheduled: sim.jobs.addMany(200, { status: 'SCHEDULED' }).map((j) => j.job_id),
        queued: sim.jobs.addMany(150, { status: 'QUEUED' }).map((j) => j.job_id),
        running: sim.jobs.addMany(100, { status: 'RUNNING' }).map((j) => j.job_id),
        finished: sim.jobs.addMany(20, { status: 'SUCCESS' }).map((j) => j.job_id),
      };
      return ids;
    };
    const listCalls = () => sim.requestLog.filter((r) => r.path.includes('/services/jobs/monitors')).length;
    const statusCalls = () => sim.requestLog.filter((r) => /\/services\/jobs\/\d+$/.test(r.path)).length;
    afterEach(() => sim.close());

    it('reads the Active list in ⌈active/200⌉ calls and checks a few missing IDs one by one', async () => {
      const ids = await start();
      const { client } = await signedInClient(sim);
      const wanted = [...ids.scheduled.slice(0, 3), ...ids.queued.slice(-2), ids.running[50], ids.finished[0], 99_999_999];
      const check = await checkEligibility(client, wanted, { smallSelectionUpTo: 0 });
      const result = checked(check);
      assert.deepStrictEqual(result.eligible, wanted.slice(0, 5));
      assert.deepStrictEqual(result.refused, [{ id: ids.running[50], status: 'RUNNING' }, { id: ids.finished[0], status: 'SUCCESS' }]);
      assert.deepStrictEqual(result.unknown, [99_999_999]);
      assert.deepStrictEqual(result.notActive, []);
      assert.strictEqual(listCalls(), 4); // 450 active jobs in 3 pages, and the first page again to see that the list held still
      assert.strictEqual(statusCalls(), 2);
      assert.strictEqual(check.calls, 6);
      assert.strictEqual(check.kind === 'checked' && check.listNotWhole, undefined);
    });

    it('leaves many missing IDs as "not active" rather than spending a call on each', async () => {
      const ids = await start();
      const { client } = await signedInClient(sim);
      const result = checked(await checkEligibility(client, [...ids.finished, ids.queued[0]], { statusChecksUpTo: 10 }));
      assert.deepStrictEqual(result.eligible, [ids.queued[0]]);
      assert.deepStrictEqual(result.notActive, ids.finished);
      assert.strictEqual(statusCalls(), 0);
    });

    it('skips, without a single call, above 5000 IDs, and calls nothing for no IDs', async () => {
      await start();
      const { client } = await signedInClient(sim);
      const before = sim.requestLog.length;
      const check = await checkEligibility(client, Array.from({ length: 5001 }, (_, i) => i + 1));
      assert.deepStrictEqual([check.kind, check.kind === 'skipped' && check.reason, check.calls], ['skipped', 'tooManyIds', 0]);
      assert.strictEqual(sim.requestLog.length, before);
      // Nothing to check costs nothing either.
      assert.deepStrictEqual(await checkEligibility(client, []), { kind: 'checked', calls: 0, eligibility: { eligible: [], refused: [], notActive: [], unconfirmed: [], unknown: [], invalid: [] } });
      assert.strictEqual(sim.requestLog.length, before);
      // Duplicates do not count against the bound.
      assert.strictEqual((await checkEligibility(client, Array.from({ length: 6000 }, (_, i) => (i % 5000) + 1))).kind, 'checked');
    });

    it('skips when the burst budget would fall under the reserve: before the first call, or once the list length is known', async () => {
      // Sign-in takes one call; a fresh window of 100 leaves 99, under the reserve of 100.
      await start({ burstLimit: 100 });
      let { client } = await signedInClient(sim, { burstReserve: 0 });
      let check = await checkEligibility(client, [1]);
      assert.deepStrictEqual([check.kind, check.kind === 'skipped' && check.reason, check.calls, listCalls()], ['skipped', 'budget', 0, 0]);
      await sim.close();

      // 103: 102 left after sign-in, 101 after the first page, and two more pages would leave 99.
      await start({ burstLimit: 103 });
      ({ client } = await signedInClient(sim, { burstReserve: 0 }));
      check = await checkEligibility(client, [1], { smallSelectionUpTo: 0 });
      assert.deepStrictEqual([check.kind, check.kind === 'skipped' && check.reason, check.calls, listCalls()], ['skipped', 'budget', 1, 1]);
      assert.match(describeEligibilityCheck(check), /takes 2 more calls and only 101 are left/);
    });

    it('skips when the Active list is longer than the page bound, also when it grows while read', async () => {
      await start();
      const { client } = await signedInClient(sim);
      const check = await checkEligibility(client, [1], { maxListCalls: 2, smallSelectionUpTo: 0 });
      assert.deepStrictEqual([check.kind, check.kind === 'skipped' && check.reason, listCalls()], ['skipped', 'activeTooLong', 1]);

      // Exactly at the bound when the first page is read, then 300 jobs arrive before page two.
      let added = false;
      const listener = client.onDidUpdateRateLimits(() => {
        if (!added) sim.jobs.addMany(300, { status: 'QUEUED' });
        added = true;
      });
      const grown = await checkEligibility(client, [1], { maxListCalls: 3, smallSelectionUpTo: 0 });
      listener.dispose();
      assert.strictEqual(grown.kind === 'skipped' && grown.reason, 'activeTooLong');
      assert.match(describeEligibilityCheck(grown), /grew past 3 pages while it was read/);
    });

    describe('a list that moves while it is read (Vault pages by offset)', () => {
      /** 100 running jobs at the front of the Active list, then 500 queued ones. */
      const startMoving = async () => {
        sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 0 });
        const running = sim.jobs.addMany(100, { status: 'RUNNING' }).map((j) => j.job_id);
        const queued = sim.jobs.addMany(500, { status: 'QUEUED' }).map((j) => j.job_id);
        return { running, queued };
      };

      it('never calls a queued job "not active" when running jobs finished after the first page: the list is read again', async () => {
        const { queued } = await startMoving();
        const { client } = await signedInClient(sim);
        // After page 1 (100 running, 100 queued), the 100 running jobs finish: page 2 would start at the 300th job.
        sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 100, times: 1 });
        const check = await checkEligibility(client, queued);
        const result = checked(check);
        assert.deepStrictEqual(result.notActive, []);
        assert.deepStrictEqual(result.eligible, queued);
        assert.strictEqual(check.kind === 'checked' && check.listNotWhole, undefined, 'the second reading held still');
        assert.strictEqual(listCalls(), 4 + 3, 'a moved reading (3 pages and the total that changed), then a whole one (2 pages and the first again)');
      });

      it('sees a move that left Vault\'s total unchanged by reading the first page again', async () => {
        const { queued } = await startMoving();
        const { client } = await signedInClient(sim);
        sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 100, queue: 100, times: 1 });
        const result = checked(await checkEligibility(client, queued));
        assert.deepStrictEqual([result.notActive, result.eligible], [[], queued]);
      });

      it('when the list moves at every read, leaves what it does not show unconfirmed and sendable, and says why', async () => {
        const { queued } = await startMoving();
        const finished = sim.jobs.addMany(3, { status: 'SUCCESS' }).map((j) => j.job_id);
        const { client } = await signedInClient(sim);
        sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 20 });
        const check = await checkEligibility(client, [...queued, ...finished], { statusChecksUpTo: 0 });
        const result = checked(check);
        assert.strictEqual(check.kind === 'checked' && check.listNotWhole, 'moved');
        assert.deepStrictEqual(result.notActive, []);
        assert.deepStrictEqual(result.refused, []);
        assert.deepStrictEqual([...result.eligible, ...result.unconfirmed].sort(), [...queued, ...finished].sort());
        assert.ok(finished.every((id) => result.unconfirmed.includes(id)));
        assert.match(describeEligibilityCheck(check), /could not be checked because the Active list changed while it was read; they are sent and Vault answers for each/);
        assert.strictEqual(listCalls(), 6, 'two readings of 3 pages each (600 jobs, fewer at every page), no third');
      });
    });

    describe('a small selection', () => {
      it('asks Job Status for each of a few IDs instead of reading every Active page', async () => {
        const ids = await start();
        sim.jobs.addMany(3000, { status: 'QUEUED' }); // 3,450 active jobs: 18 pages and the first again
        const { client } = await signedInClient(sim);
        const wanted = [ids.queued[3], ids.running[7], ids.finished[2], 99_999_999];
        const check = await checkEligibility(client, wanted);
        const result = checked(check);
        assert.deepStrictEqual([result.eligible, result.refused, result.unknown, result.notActive],
          [[ids.queued[3]], [{ id: ids.running[7], status: 'RUNNING' }, { id: ids.finished[2], status: 'SUCCESS' }], [99_999_999], []]);
        assert.deepStrictEqual([listCalls(), statusCalls(), check.calls, check.kind === 'checked' && check.via], [0, 4, 4, 'jobStatus']);
      });

      it('takes what a recent complete listing shows and asks only for the others; an incomplete one is not trusted', async () => {
        const ids = await start();
        const { client } = await signedInClient(sim);
        const recentList = { jobs: [job(ids.queued[0], 't', 'QUEUED'), job(ids.running[0], 't', 'RUNNING')], complete: true };
        const result = checked(await checkEligibility(client, [ids.queued[0], ids.running[0], ids.scheduled[0]], { recentList }));
        assert.deepStrictEqual([result.eligible, result.refused], [[ids.queued[0], ids.scheduled[0]], [{ id: ids.running[0], status: 'RUNNING' }]]);
        assert.deepStrictEqual([listCalls(), statusCalls()], [0, 1]);
        sim.clearRequestLog();
        checked(await checkEligibility(client, [ids.queued[0], ids.running[0]], { recentList: { ...recentList, complete: false } }));
        assert.deepStrictEqual([listCalls(), statusCalls()], [0, 2]);
      });

      it('reads the Active list instead of waiting when a job\'s status was asked less than 10 s ago', async () => {
        const ids = await start();
        const { client } = await signedInClient(sim, { statusIntervalMs: 10_000 });
        checked(await checkEligibility(client, [ids.queued[0], ids.queued[1]]));
        assert.deepStrictEqual([listCalls(), statusCalls()], [0, 2]);
        const started = Date.now();
        const again = await checkEligibility(client, [ids.queued[1], ids.queued[2]]);
        assert.deepStrictEqual(checked(again).eligible, [ids.queued[1], ids.queued[2]]);
        assert.strictEqual(again.kind === 'checked' && again.via, undefined);
        assert.deepStrictEqual([listCalls() > 0, statusCalls()], [true, 2]);
        assert.ok(Date.now() - started < 9_000, 'it did not wait for the status slot');
      });

      it('reads the Active list after all when a status cannot be read, so no ID is called "not active" on no evidence', async () => {
        const ids = await start();
        const { client } = await signedInClient(sim, { retries: 0 });
        sim.faults.set({ kind: 'proxy502', path: /\/services\/jobs\/\d+$/ });
        const check = await checkEligibility(client, [ids.queued[1], ids.finished[0]]);
        const result = checked(check);
        assert.deepStrictEqual([result.eligible, result.notActive], [[ids.queued[1]], [ids.finished[0]]]);
        assert.strictEqual(check.kind === 'checked' && check.via, undefined);
        assert.ok(listCalls() >= 3, String(listCalls()));
      });
    });

    it('reports a failed read as a skipped check, not as an error', async () => {
      await start();
      const { client } = await signedInClient(sim, { retries: 0 });
      sim.faults.set({ kind: 'proxy502', path: /monitors/ });
      const check = await checkEligibility(client, [1], { smallSelectionUpTo: 0 });
      assert.strictEqual(check.kind === 'skipped' && check.reason, 'failed');
      assert.match(describeEligibilityCheck(check), /reading the Active list failed: .*502/);
    });

    it('stops when the caller aborts', async () => {
      await start({ latencyMs: 200 });
      const { client } = await signedInClient(sim);
      const controller = new AbortController();
      const checking = checkEligibility(client, [1], { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(checking, (error) => isVaultError(error, 'aborted'));
    });
  });
});
