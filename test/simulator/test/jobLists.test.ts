import * as assert from 'assert';
import { activeStatuses, terminalStatuses } from '..';
import { call, useSimulator, v, type Answer, type ListedJob } from './helpers';

describe('simulator: job monitors and histories', () => {
  const ctx = useSimulator({ jobs: 500 });
  const get = (path: string): Promise<Answer> => call(ctx.sim, 'GET', path, { auth: ctx.session });

  /** Follows next_page from `first` and returns every job seen. */
  async function walk(first: string): Promise<ListedJob[]> {
    const seen: ListedJob[] = [];
    for (let path: string | undefined = first; path; ) {
      const answer = await get(path);
      assert.strictEqual(answer.json.responseStatus, 'SUCCESS', answer.text);
      seen.push(...(answer.json.jobs));
      path = answer.json.responseDetails.next_page;
    }
    return seen;
  }

  it('answers monitors in the documented shape, active jobs only, oldest created first (as the docs and live Vaults)', async () => {
    const answer = await get(`/api/${v}/services/jobs/monitors?limit=5`);
    assert.strictEqual(answer.json.responseMessage, 'OK');
    assert.strictEqual(answer.json.url, `/api/${v}/services/jobs/monitors?limit=5&offset=0`);
    const total = ctx.sim.jobs.all().filter((j) => (activeStatuses as readonly string[]).includes(j.status)).length;
    assert.deepStrictEqual(answer.json.responseDetails, { total, limit: 5, offset: 0, next_page: `/api/${v}/services/jobs/monitors?limit=5&offset=5` });
    const jobs = answer.json.jobs;
    assert.strictEqual(jobs.length, 5);
    for (const job of jobs) {
      assert.deepStrictEqual(Object.keys(job).sort(),
        ['created_by', 'created_date', 'job_id', 'modified_by', 'modified_date', 'run_start_date', 'status', 'title']);
      assert.ok(Object.values(job).every((value) => value !== null && value !== undefined));
      assert.match(job.created_date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    assert.deepStrictEqual(jobs.map((j) => j.created_date), jobs.map((j) => j.created_date).sort());
  });

  it('can claim more monitors in total than it lists, without a next_page (the docs\' example)', async () => {
    const { startSimulator } = await import('../../simulator');
    const sim = await startSimulator({ jobs: 0, monitorsTotalSurplus: 1 });
    try {
      sim.jobs.add({ status: 'SCHEDULED' });
      sim.jobs.add({ status: 'SCHEDULED' });
      const answer = await call(sim, 'GET', `/api/${v}/services/jobs/monitors`, { auth: sim.createSession() });
      assert.deepStrictEqual(answer.json.responseDetails, { total: 3, limit: 50, offset: 0 });
      assert.strictEqual(answer.json.jobs.length, 2);
      const histories = await call(sim, 'GET', `/api/${v}/services/jobs/histories`, { auth: sim.createSession() });
      assert.strictEqual(histories.json.responseDetails.total, 0, 'histories are not affected');
    } finally {
      await sim.close();
    }
  });

  it('walks every active job exactly once by following next_page', async () => {
    const seen = await walk(`/api/${v}/services/jobs/monitors?limit=7`);
    const expected = ctx.sim.jobs.all().filter((j) => (activeStatuses as readonly string[]).includes(j.status)).map((j) => j.job_id);
    assert.deepStrictEqual(seen.map((j) => j.job_id).sort(), expected.sort());
    assert.ok(seen.every((j) => (activeStatuses as readonly string[]).includes(j.status)));
  });

  it('walks every terminal job exactly once in histories, latest finished first, with run_end_date', async () => {
    const seen = await walk(`/api/${v}/services/jobs/histories?limit=200`);
    const expected = ctx.sim.jobs.all().filter((j) => (terminalStatuses as readonly string[]).includes(j.status));
    assert.strictEqual(seen.length, expected.length);
    assert.strictEqual(new Set(seen.map((j) => j.job_id)).size, seen.length);
    const ends = seen.map((j) => j.run_end_date ?? '');
    assert.ok(ends.every((end) => end !== ''));
    assert.deepStrictEqual(ends, [...ends].sort().reverse());
  });

  it('links previous_page past the first row and keeps the filters in both links', async () => {
    const answer = await get(`/api/${v}/services/jobs/histories?status=SUCCESS&limit=10&offset=10`);
    const details = answer.json.responseDetails;
    assert.strictEqual(details.offset, 10);
    assert.strictEqual(details.previous_page, `/api/${v}/services/jobs/histories?status=SUCCESS&limit=10&offset=0`);
    assert.strictEqual(details.next_page, `/api/${v}/services/jobs/histories?status=SUCCESS&limit=10&offset=20`);
    const first = await get(`/api/${v}/services/jobs/histories`);
    assert.strictEqual(first.json.responseDetails.limit, 50);
    assert.strictEqual(first.json.responseDetails.previous_page, undefined);
  });

  it('leaves out next_page on the last page and answers an empty page past the end', async () => {
    const total = (await get(`/api/${v}/services/jobs/monitors?limit=1`)).json.responseDetails.total;
    const last = await get(`/api/${v}/services/jobs/monitors?limit=10&offset=${total - 1}`);
    assert.strictEqual(last.json.jobs.length, 1);
    assert.strictEqual(last.json.responseDetails.next_page, undefined);
    const beyond = await get(`/api/${v}/services/jobs/monitors?offset=${total + 5}`);
    assert.strictEqual(beyond.json.responseStatus, 'SUCCESS');
    assert.deepStrictEqual(beyond.json.jobs, []);
  });

  it('filters by status, case-insensitively, and refuses unknown values', async () => {
    const running = await walk(`/api/${v}/services/jobs/monitors?status=Running&limit=200`);
    assert.ok(running.length > 0 && running.every((j) => j.status === 'RUNNING'));
    const queued = await walk(`/api/${v}/services/jobs/monitors?status=queued&limit=200`);
    assert.ok(queued.some((j) => j.status === 'QUEUED'));
    assert.ok(queued.every((j) => j.status === 'QUEUED' || j.status === 'QUEUEING'));
    for (const status of ['success', 'errors_encountered', 'failed_to_run', 'missed_schedule', 'timeout', 'completed_due_to_inactivity', 'cancelled']) {
      const answer = await get(`/api/${v}/services/jobs/histories?status=${status}&limit=200`);
      assert.strictEqual(answer.json.responseStatus, 'SUCCESS', status);
      assert.ok((answer.json.jobs).every((j) => j.status === status.toUpperCase()), status);
    }
    assert.strictEqual((await get(`/api/${v}/services/jobs/monitors?status=success`)).json.errors[0].type, 'INVALID_DATA');
    assert.strictEqual((await get(`/api/${v}/services/jobs/histories?status=running`)).json.errors[0].type, 'INVALID_DATA');
  });

  it('filters monitors on creation time and histories on finish time, in the exact date format only', async () => {
    const all = await walk(`/api/${v}/services/jobs/monitors?limit=200`);
    const pivot = all[Math.floor(all.length / 2)].created_date.slice(0, 19) + 'Z';
    const since = await walk(`/api/${v}/services/jobs/monitors?start_date=${pivot}&limit=200`);
    assert.ok(since.length > 0 && since.length < all.length);
    assert.ok(since.every((j) => j.created_date >= pivot.replace('Z', '.000Z')));
    const histories = await walk(`/api/${v}/services/jobs/histories?end_date=${pivot}&limit=200`);
    assert.ok(histories.every((j) => (j.run_end_date ?? '') <= pivot.replace('Z', '.999Z')));
    for (const bad of ['2026-03-01', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00', 'yesterday']) {
      const answer = await get(`/api/${v}/services/jobs/monitors?start_date=${bad}`);
      assert.strictEqual(answer.json.errors[0].type, 'INVALID_DATA', bad);
    }
  });

  it('refuses limits outside 1 to 200 and offsets that are not counts', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=ten', 'offset=-1', 'offset=x']) {
      const answer = await get(`/api/${v}/services/jobs/histories?${query}`);
      assert.strictEqual(answer.json.responseStatus, 'FAILURE', query);
      assert.strictEqual(answer.json.errors[0].type, 'INVALID_DATA', query);
    }
    assert.strictEqual((await get(`/api/${v}/services/jobs/histories?limit=200`)).json.jobs.length, 200);
  });
});
