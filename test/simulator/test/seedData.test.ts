import * as assert from 'assert';
import { activeStatuses, exampleJobs, JobStore, ManualClock, terminalStatuses } from '..';
import { seedJobs } from '../seedData';

const rules = { cancellableStates: ['QUEUED'], cancelDelayMs: 1000, startNowQueueingMs: 1000, startNowQueueMs: 1000, startNowRunMs: 1000, defaultUserId: 61234 };
const seeded = (count: number, seed: number) => {
  const clock = new ManualClock();
  const store = new JobStore(clock, rules);
  seedJobs(store, count, seed, clock.now());
  return { store, clock };
};

describe('simulator: seeded data', () => {
  it('is the same for the same seed and different for another', () => {
    assert.deepStrictEqual(seeded(300, 7).store.all(), seeded(300, 7).store.all());
    assert.notDeepStrictEqual(seeded(300, 7).store.all(), seeded(300, 8).store.all());
  });

  it('has every status, the example jobs, unique IDs in the 1,000,000 range and Vault-style dates', () => {
    const { store, clock } = seeded(200, 1);
    const jobs = store.all();
    assert.strictEqual(jobs.length, 200);
    assert.deepStrictEqual(new Set(jobs.map((j) => j.status)), new Set([...activeStatuses, ...terminalStatuses]));
    assert.strictEqual(store.get(exampleJobs.cancellable)?.status, 'QUEUED');
    assert.strictEqual(store.get(exampleJobs.notCancellable)?.status, 'SUCCESS');
    assert.strictEqual(new Set(jobs.map((j) => j.job_id)).size, 200);
    assert.ok(jobs.every((j) => j.job_id >= 1_000_000 && j.job_id < 2_000_000));
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    assert.ok(jobs.every((j) => iso.test(j.created_date) && iso.test(j.modified_date) && iso.test(j.run_start_date)));
    const now = new Date(clock.now()).toISOString();
    assert.ok(jobs.filter((j) => j.status === 'SCHEDULED').every((j) => j.run_start_date > now), 'scheduled runs lie ahead');
    assert.ok(jobs.filter((j) => j.run_end_date).every((j) => (j.run_end_date ?? '') <= now && j.run_start_date <= (j.run_end_date ?? '')));
    assert.ok(jobs.some((j) => j.title.startsWith('SDK: ') && j.task_count > 0));
  });

  it('seeds and extends to tens of thousands of jobs', () => {
    const { store } = seeded(20_000, 3);
    const added = store.addMany(30_000, { status: 'QUEUED' });
    assert.strictEqual(store.size, 50_000);
    assert.strictEqual(new Set(added.map((j) => j.job_id)).size, 30_000);
    assert.ok(added.every((j) => store.get(j.job_id)?.status === 'QUEUED'));
  });

  it('can start empty', () => {
    assert.strictEqual(seeded(0, 1).store.size, 0);
  });
});

describe('simulator: ManualClock', () => {
  it('moves only when advanced, and wakes sleepers in order', async () => {
    const clock = new ManualClock(1000);
    const woke: number[] = [];
    const a = clock.sleep(500).then(() => woke.push(500));
    const b = clock.sleep(200).then(() => woke.push(200));
    clock.advance(199);
    await Promise.resolve();
    assert.deepStrictEqual(woke, []);
    clock.advance(400);
    await Promise.all([a, b]);
    assert.deepStrictEqual(woke, [200, 500]);
    assert.strictEqual(clock.now(), 1599);
    assert.throws(() => clock.advance(-1));
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(sleeping, /stop/);
  });
});
