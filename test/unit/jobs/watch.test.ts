// Watched jobs followed to their end: against the simulator over real sockets, one reading of the
// Active list and of History's first page per interval serves every watched job, with no Job Status
// call; and with plain readings, what ends, what the watchdogs mark, what is told, and what is kept.
import * as assert from 'assert';
import { silentLogger } from '../../../src/core/log';
import { JobsModel, jobsModelClient, type ActiveJobsListing, type JobsReading } from '../../../src/core/jobs/model';
import { JobWatcher, type WatchdogMinutes } from '../../../src/core/jobs/watch';
import type { Job } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { job } from './helpers';

const vaultUrl = 'https://one.example.com';

function reading(active: Job[], history: Job[] = [], complete = true): JobsReading {
  const listing: ActiveJobsListing = { vaultUrl, jobs: active, complete };
  return { vaultUrl, active: listing, history };
}

function watcherAt(start = 1_000_000, watchdogs: Partial<WatchdogMinutes> = {}) {
  const clock = { now: start };
  const watcher = new JobWatcher({ now: () => clock.now, watchdogs: () => ({ cancelling: 0, queued: 0, running: 0, ...watchdogs }) });
  return { watcher, clock };
}

describe('JobWatcher against the simulator', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 50, seed: 3 });
  });
  afterEach(() => sim.close());

  it('follows 1,000 watched jobs with one Active reading and one History page per interval, and no Job Status call', async () => {
    const watchedJobs = sim.jobs.addMany(1000, { status: 'QUEUED', title: 'Flood' });
    const { client } = await signedInClient(sim);
    const model = new JobsModel({ client: () => jobsModelClient(client), historyPageSize: () => 200, log: silentLogger });
    const { watcher } = watcherAt();
    assert.strictEqual(watcher.watch(client.baseUrl, watchedJobs.map((j) => ({ jobId: j.job_id, title: j.title, status: j.status })), { when: 'all' }), 1000);

    const cancelled = watchedJobs.slice(0, 40).map((j) => j.job_id);
    const succeeded = watchedJobs.slice(40, 45).map((j) => j.job_id);
    const endedSeen = new Map<number, string | undefined>();
    for (let interval = 0; interval < 3; interval++) {
      if (interval === 1) {
        for (const id of cancelled) sim.jobs.setStatus(id, 'CANCELLED');
        for (const id of succeeded) sim.jobs.setStatus(id, 'SUCCESS');
      }
      sim.clearRequestLog();
      const read = await model.read();
      assert.ok(read);
      const update = watcher.observe(read);
      for (const ended of update.ended) endedSeen.set(ended.jobId, ended.status);

      const paths = sim.requestLog.map((r) => r.path);
      const active = sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).length;
      const monitorCalls = paths.filter((p) => p.includes('/services/jobs/monitors')).length;
      const historyCalls = paths.filter((p) => p.includes('/services/jobs/histories')).length;
      // One reading of the Active list: each of its pages once, and the first again to see that it held still.
      assert.strictEqual(monitorCalls, Math.ceil(active / 200) + 1, `interval ${interval}: one Active reading`);
      assert.strictEqual(historyCalls, 1, `interval ${interval}: History's first page only`);
      assert.strictEqual(paths.filter((p) => /\/services\/jobs\/\d+/.test(p)).length, 0, `interval ${interval}: no Job Status call`);
      assert.strictEqual(paths.length, monitorCalls + historyCalls, `interval ${interval}: nothing else: ${paths.join(' ')}`);
    }
    assert.deepStrictEqual([...endedSeen.keys()].sort(), [...cancelled, ...succeeded].sort(), 'every job that ended, and only those');
    for (const id of cancelled) assert.strictEqual(endedSeen.get(id), 'CANCELLED');
    for (const id of succeeded) assert.strictEqual(endedSeen.get(id), 'SUCCESS');
    assert.strictEqual(watcher.watched(client.baseUrl).length, 955, 'the rest are still watched');
  });

  it('reads History further back only while a watched job that left the Active list may lie there', async () => {
    const watchedJobs = sim.jobs.addMany(300, { status: 'QUEUED', title: 'Flood' });
    const { client } = await signedInClient(sim);
    const model = new JobsModel({ client: () => jobsModelClient(client), historyPageSize: () => 50, log: silentLogger });
    const { watcher } = watcherAt(Date.now());
    watcher.watch(client.baseUrl, watchedJobs.map((j) => ({ jobId: j.job_id, status: j.status })), { runId: 'run', when: 'all' });
    const readForWatcher = () => model.read((active, history) => watcher.needsMoreHistory(client.baseUrl, active, history));
    watcher.observe((await readForWatcher())!);
    for (const { job_id: id } of watchedJobs) sim.jobs.setStatus(id, 'CANCELLED');
    sim.clearRequestLog();
    const update = watcher.observe((await readForWatcher())!);
    const historyCalls = sim.requestLog.filter((r) => r.path.includes('/services/jobs/histories')).length;
    assert.strictEqual(historyCalls, 2, '300 jobs that ended at once lie on two History pages of 200');
    assert.strictEqual(update.ended.length, 300);
    assert.ok(update.ended.every((e) => e.status === 'CANCELLED'), 'each one\'s state seen in History');
    assert.strictEqual(update.notices.length, 1, 'the run told once');
    sim.clearRequestLog();
    await readForWatcher();
    assert.strictEqual(sim.requestLog.filter((r) => r.path.includes('/services/jobs/histories')).length, 1, 'nothing left to look for: one page');
  });
});

describe('JobWatcher (plain readings)', () => {
  it('ends a job when History shows it, with History\'s state and end time', () => {
    const { watcher } = watcherAt();
    watcher.watch(vaultUrl, [{ jobId: 1, title: 'Nightly Sync', status: 'RUNNING' }], { when: 'each' });
    assert.deepStrictEqual(watcher.observe(reading([job(1, 'Nightly Sync', 'RUNNING')])).ended, []);
    const update = watcher.observe(reading([], [job(1, 'Nightly Sync', 'ERRORS_ENCOUNTERED', { run_end_date: '2026-12-01T10:00:00.000Z' })]));
    assert.deepStrictEqual(update.ended.map((e) => [e.jobId, e.status, e.at]), [[1, 'ERRORS_ENCOUNTERED', '2026-12-01T10:00:00.000Z']]);
    assert.strictEqual(update.notices.length, 1);
    assert.strictEqual(update.notices[0].warning, true, 'errors encountered is a warning');
    assert.strictEqual(watcher.hasWatches(vaultUrl), false);
    assert.strictEqual(watcher.endedSinceLooked(vaultUrl), 1);
    watcher.markLooked(vaultUrl);
    assert.strictEqual(watcher.endedSinceLooked(vaultUrl), 0);
    assert.deepStrictEqual(watcher.recentlyEnded(vaultUrl).map((e) => e.jobId), [1], 'still listed as ended');
  });

  it('counts a job gone from both lists as ended only after three complete readings, and never from an incomplete one', () => {
    const { watcher } = watcherAt();
    watcher.watch(vaultUrl, [{ jobId: 7, status: 'QUEUED' }], { when: 'each' });
    for (let i = 0; i < 5; i++) assert.deepStrictEqual(watcher.observe(reading([], [], false)).ended, [], 'an incomplete listing proves no absence');
    assert.deepStrictEqual(watcher.observe({ vaultUrl, active: { vaultUrl, jobs: [], complete: true }, history: undefined }).ended, [], 'nor one without History');
    assert.deepStrictEqual(watcher.observe(reading([])).ended, []);
    assert.deepStrictEqual(watcher.observe(reading([])).ended, []);
    const update = watcher.observe(reading([]));
    assert.deepStrictEqual(update.ended.map((e) => [e.jobId, e.status]), [[7, undefined]], 'ended, in a state no reading showed');
  });

  it('tells a cancel run\'s jobs in one notice once all ended, with the ones a watchdog marked as stuck', () => {
    const { watcher, clock } = watcherAt(0, { cancelling: 10 });
    const ids = Array.from({ length: 40 }, (_, i) => 100 + i);
    watcher.watch(vaultUrl, ids.map((jobId) => ({ jobId, title: 'Bulk', status: 'CANCELLING' })), { runId: 'run-1', when: 'all' });
    // Half turn CANCELLED: nothing is told yet.
    let update = watcher.observe(reading(ids.slice(20).map((id) => job(id, 'Bulk', 'CANCELLING')), ids.slice(0, 20).map((id) => job(id, 'Bulk', 'CANCELLED'))));
    assert.strictEqual(update.ended.length, 20);
    assert.deepStrictEqual(update.notices, []);
    clock.now = 60_000;
    update = watcher.observe(reading(ids.slice(38).map((id) => job(id, 'Bulk', 'CANCELLING')), ids.slice(20, 38).map((id) => job(id, 'Bulk', 'CANCELLED'))));
    assert.deepStrictEqual(update.notices, [], 'two are still cancelling, not yet for 10 minutes');
    clock.now = 11 * 60_000;
    update = watcher.observe(reading(ids.slice(38).map((id) => job(id, 'Bulk', 'CANCELLING'))));
    assert.deepStrictEqual(update.alarms.map((a) => [a.jobId, a.kind, a.minutes]), [[138, 'cancelling', 10], [139, 'cancelling', 10]]);
    assert.strictEqual(update.notices.length, 1, 'one notice for the run and its stuck jobs');
    const [notice] = update.notices;
    assert.strictEqual(notice.ended.length, 38);
    assert.ok(notice.ended.every((e) => e.status === 'CANCELLED' && e.runId === 'run-1'));
    assert.deepStrictEqual(notice.stuck.map((s) => s.jobId), [138, 139]);
    assert.strictEqual(notice.warning, true);
    clock.now = 30 * 60_000;
    update = watcher.observe(reading(ids.slice(38).map((id) => job(id, 'Bulk', 'CANCELLING'))));
    assert.deepStrictEqual(update.alarms, [], 'each watchdog fires once per job');
    assert.deepStrictEqual(update.notices, []);
    update = watcher.observe(reading([], ids.slice(38).map((id) => job(id, 'Bulk', 'CANCELLED'))));
    assert.deepStrictEqual(update.notices.map((n) => n.ended.map((e) => e.jobId)), [[138, 139]], 'what ends after the run was told is told as it ends');
  });

  it('counts the queued watchdog from when the job was first seen queued, through QUEUEING to QUEUED', () => {
    const { watcher, clock } = watcherAt(0, { queued: 5, running: 30 });
    watcher.watch(vaultUrl, [{ jobId: 3, title: 'Export' }], { when: 'each' });
    watcher.observe(reading([job(3, 'Export', 'QUEUEING')]));
    clock.now = 3 * 60_000;
    assert.deepStrictEqual(watcher.observe(reading([job(3, 'Export', 'QUEUED')])).alarms, []);
    clock.now = 5 * 60_000 + 1;
    const update = watcher.observe(reading([job(3, 'Export', 'QUEUED')]));
    assert.deepStrictEqual(update.alarms.map((a) => [a.kind, a.status]), [['queued', 'QUEUED']]);
    assert.deepStrictEqual(update.notices.map((n) => n.stuck.length), [1], 'told at once for a job watched on its own');
    clock.now = 10 * 60_000;
    assert.deepStrictEqual(watcher.observe(reading([job(3, 'Export', 'RUNNING')])).alarms, [], 'RUNNING counts from when it started running');
    clock.now = 40 * 60_000 + 1;
    assert.deepStrictEqual(watcher.observe(reading([job(3, 'Export', 'RUNNING')])).alarms.map((a) => a.kind), ['running']);
  });

  it('counts CANCELLING from the cancel and RUNNING from the run\'s start as Vault dates them', () => {
    const start = Date.parse('2026-12-01T10:30:00.000Z');
    const { watcher } = watcherAt(start, { cancelling: 10, running: 60 });
    watcher.watch(vaultUrl, [{ jobId: 1, title: 'Stuck', status: 'CANCELLING' }, { jobId: 2, title: 'Long', status: 'RUNNING' }, { jobId: 3, title: 'Fresh', status: 'CANCELLING' }], { when: 'each' });
    const update = watcher.observe(reading([
      job(1, 'Stuck', 'CANCELLING', { modified_date: '2026-12-01T10:15:00.000Z' }),
      job(2, 'Long', 'RUNNING', { run_start_date: '2026-12-01T09:00:00.000Z' }),
      job(3, 'Fresh', 'CANCELLING', { modified_date: '2026-12-01T10:25:00.000Z' }),
    ]));
    assert.deepStrictEqual(update.alarms.map((a) => [a.jobId, a.kind]), [[1, 'cancelling'], [2, 'running']], 'the first reading fires for jobs stuck before they were watched');
    assert.deepStrictEqual(update.notices.map((n) => n.stuck.length), [2]);
  });

  it('keeps watches per Vault and survives a round trip through storage', () => {
    const { watcher, clock } = watcherAt(0, { cancelling: 1 });
    watcher.watch(vaultUrl, [{ jobId: 1, title: 'A', status: 'CANCELLING' }, { jobId: 2, title: 'B', status: 'CANCELLING' }], { runId: 'r', when: 'all' });
    watcher.watch('https://other.example.com', [{ jobId: 1, title: 'Other', status: 'RUNNING' }], { when: 'each' });
    watcher.observe(reading([job(2, 'B', 'CANCELLING')], [job(1, 'A', 'CANCELLED')]));
    const stored = JSON.parse(JSON.stringify(watcher.persist())) as ReturnType<JobWatcher['persist']>;
    const restored = new JobWatcher({ now: () => clock.now, watchdogs: () => ({ cancelling: 1, queued: 0, running: 0 }) }, stored);
    assert.deepStrictEqual(restored.watched(vaultUrl).map((w) => [w.jobId, w.runId, w.status]), [[2, 'r', 'CANCELLING']]);
    assert.deepStrictEqual(restored.watched('https://other.example.com').map((w) => w.title), ['Other']);
    assert.deepStrictEqual(restored.observe(reading([job(1, 'Other', 'RUNNING')])).ended, [], 'another Vault\'s job of the same ID is not this one');
    const update = restored.observe(reading([], [job(2, 'B', 'CANCELLED')]));
    assert.deepStrictEqual(update.notices.map((n) => n.ended.map((e) => e.jobId).sort()), [[1, 2]], 'the run is told once, whole, after the reload');
    assert.strictEqual(restored.unwatch('https://other.example.com', [1]).length, 1);
    assert.strictEqual(restored.hasWatches('https://other.example.com'), false);
  });
});
