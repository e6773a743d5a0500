// A stopped run of 1,500 IDs of unknown fate verified through Vault's lists: its cost in the
// simulator's request log, the outcome each ID gets (accepted by this run, cancelled before it, refused,
// still cancellable), and those outcomes written into the run's record and report.
import * as assert from 'assert';
import { Redactor } from '../../../src/core/log';
import { checkedOutcomes, verifyAndPlanResume } from '../../../src/core/runs/recovery';
import { runReportCsv } from '../../../src/core/runs/report';
import { RunStore } from '../../../src/core/runs/store';
import type { VaultClient } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { sampleRun, tempDirectory } from './helpers';

const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('a stopped run verified through the Active list and History', () => {
  let sim: VaultSimulator;
  let client: VaultClient;
  let redactor: Redactor;
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 0, cancelDelayMs: 60_000, burstLimit: 100_000 });
    ({ client, redactor } = await signedInClient(sim));
    temp = tempDirectory();
  });
  afterEach(async () => {
    await sim.close();
    temp.remove();
  });

  /** A run whose three requests of 500 left with no answer recorded, as when the window died. */
  async function stoppedRun(store: RunStore, ids: number[]) {
    const journal = store.begin({ ...sampleRun, ids });
    const observer = journal.observer();
    for (let i = 0; i < ids.length; i += 500) observer.beforeSend(ids.slice(i, i + 500));
    journal.close();
    const [run] = await store.stoppedRuns();
    assert.ok(run, 'the run is offered as stopped');
    return run;
  }

  it('places 1,500 IDs in ⌈active/200⌉ + ⌈history since the run/200⌉ pages and no Job Status call, and the record then adds up', async function () {
    this.timeout(30_000);
    const before = Date.now() - minutes(10);
    // Other jobs: 350 active, 250 finished since a while before the run (within History's margin).
    sim.jobs.addMany(350, { status: 'QUEUED' });
    sim.jobs.addMany(250, { status: 'SUCCESS', modified_date: iso(before), run_end_date: iso(before) });
    const queued = sim.jobs.addMany(700, { status: 'QUEUED' }).map((j) => j.job_id);
    const cancelledBefore = sim.jobs.addMany(200, { status: 'CANCELLED', modified_date: iso(before), run_end_date: iso(before) }).map((j) => j.job_id);
    const longDone = sim.jobs.addMany(600, { status: 'SUCCESS', modified_date: iso(Date.now() - minutes(3 * 24 * 60)) }).map((j) => j.job_id);
    const ids = [...queued, ...cancelledBefore, ...longDone];
    const store = new RunStore(temp.dir, redactor, { owners: { self: () => ({ pid: 1 }), isAlive: () => false } });
    const run = await stoppedRun(store, ids);
    assert.deepStrictEqual([run.counts.unknown, run.ids.size], [1500, 1500]);
    // What the requests did before the window died: 300 accepted and still CANCELLING, 300 done, 100 not applied.
    for (const id of queued.slice(0, 300)) sim.jobs.setStatus(id, 'CANCELLING');
    for (const id of queued.slice(300, 600)) sim.jobs.setStatus(id, 'CANCELLED');

    sim.requestLog.length = 0;
    const plan = await verifyAndPlanResume(client, run);
    const gets = sim.requestLog.filter((r) => r.method === 'GET');
    const monitors = gets.filter((r) => r.path.includes('/jobs/monitors')).length;
    const histories = gets.filter((r) => r.path.includes('/jobs/histories')).length;
    const statuses = gets.filter((r) => /\/services\/jobs\/\d+$/.test(r.path)).length;
    const active = 350 + 300 + 100;
    const historySince = 250 + 300 + 200;
    // The Active list is read once more at its first page to see that it held still.
    assert.ok(monitors <= Math.ceil(active / 200) + 1, `${monitors} Active pages for ${active} jobs`);
    assert.strictEqual(histories, Math.ceil(historySince / 200), `History pages for ${historySince} jobs`);
    assert.strictEqual(statuses, 0, 'no Job Status call');
    assert.deepStrictEqual(plan.calls, { activePages: monitors, historyPages: histories, statusCalls: 0 });

    assert.deepStrictEqual(plan.unknown, []);
    assert.deepStrictEqual(plan.send, queued.slice(600), 'only what Vault still shows QUEUED is sent again');
    const fateOf = (id: number) => plan.checked.get(id);
    for (const id of queued.slice(0, 600)) assert.strictEqual(fateOf(id)?.fate, 'accepted', String(id));
    for (const id of cancelledBefore) assert.deepStrictEqual([fateOf(id)?.fate, fateOf(id)?.cancelledBefore], ['refused', true], String(id));
    for (const id of longDone) assert.deepStrictEqual([fateOf(id)?.fate, fateOf(id)?.cancelledBefore], ['refused', undefined], String(id));
    assert.match(fateOf(cancelledBefore[0])?.message ?? '', /^already cancelled before this run: Vault shows it CANCELLED since /);
    assert.match(fateOf(longDone[0])?.message ?? '', /neither as active nor as finished since the run started/);
    assert.deepStrictEqual([fateOf(queued[650])?.fate, fateOf(queued[650])?.vaultStatus], ['failed', 'QUEUED']);

    store.recordChecked(run.header.runId, checkedOutcomes(plan.checked));
    const [reread] = await store.stoppedRuns();
    assert.ok(reread, 'still stopped: a check resends nothing');
    assert.deepStrictEqual(reread.counts, { accepted: 600, refused: 800, invalid: 0, notSent: 0, unknown: 0, failed: 100 });
    assert.strictEqual([...reread.ids.values()].filter((state) => state.cancelledBefore).length, 200);
    const rows = runReportCsv(reread, redactor).trim().split('\n').slice(1).map((line) => line.split(','));
    assert.strictEqual(rows.length, 1500);
    const outcomes = new Map<string, number>();
    for (const [, outcome] of rows) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    assert.deepStrictEqual(Object.fromEntries(outcomes), { accepted: 600, notEligible: 800, failed: 100 });
    // A record read again plans the same: the still-queued ones are sent on Resume, nothing accepted is.
    const again = await verifyAndPlanResume(client, reread);
    assert.deepStrictEqual([again.send, again.checked.size], [queued.slice(600), 0]);
  });

  it('asks Job Status only for the few jobs a list that could not be read whole leaves unplaced', async function () {
    this.timeout(30_000);
    const ids = sim.jobs.addMany(30, { status: 'QUEUED' }).map((j) => j.job_id);
    const store = new RunStore(temp.dir, redactor, { owners: { self: () => ({ pid: 1 }), isAlive: () => false } });
    const run = await stoppedRun(store, ids);
    for (const id of ids.slice(0, 10)) sim.jobs.setStatus(id, 'CANCELLED');
    sim.faults.set({ kind: 'proxy502', path: /\/jobs\/histories/ });
    sim.requestLog.length = 0;
    const plan = await verifyAndPlanResume(client, run, { perJobUpTo: 4 });
    const statuses = sim.requestLog.filter((r) => /\/services\/jobs\/\d+$/.test(r.path)).length;
    assert.strictEqual(statuses, 4, 'at most the few allowed');
    // The Active list placed the 20 still queued; of the 10 it does not show, 4 were asked for, 6 stay unknown.
    assert.strictEqual(plan.unknown.length, 6);
    assert.deepStrictEqual([...plan.checked.values()].filter((s) => s.fate === 'accepted').length, 4);
    assert.ok(plan.checkError, 'the failed History read is said');
  });
  it('keeps a finished run finished, and a closed one closed, when checked outcomes are added to its record', async () => {
    const store = new RunStore(temp.dir, redactor, { owners: { self: () => ({ pid: 1 }), isAlive: () => false } });
    const finished = store.begin({ ...sampleRun, ids: [11, 12] });
    finished.observer().beforeSend([11, 12]).failed({ mayHaveApplied: true, message: 'no answer' });
    finished.finish({ outcomes: new Map([[11, { kind: 'unknown', reason: 'no answer' }], [12, { kind: 'unknown', reason: 'no answer' }]]), requestsSent: 1, stopped: false });
    finished.close();
    store.recordChecked(finished.runId, [{ id: 11, fate: 'accepted', message: 'Vault shows it CANCELLED', status: 'CANCELLED' }]);
    const [listed] = await store.list();
    assert.deepStrictEqual([listed.state, listed.counts.accepted, listed.counts.unknown], ['finished', 1, 1]);
    assert.deepStrictEqual(await store.stoppedRuns(), []);

    const stopped = store.begin({ ...sampleRun, ids: [21] });
    stopped.observer().beforeSend([21]);
    stopped.close();
    store.close(stopped.runId, 'dismissed');
    store.recordChecked(stopped.runId, [{ id: 21, fate: 'refused', message: 'already cancelled before this run', before: true }]);
    assert.strictEqual(store.stateOf(stopped.runId), 'closed');
    const reread = store.load(stopped.runId);
    assert.deepStrictEqual([reread?.ids.get(21)?.fate, reread?.ids.get(21)?.cancelledBefore], ['refused', true]);
  });
});
