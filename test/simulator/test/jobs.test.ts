import * as assert from 'assert';
import { exampleJobs } from '..';
import { call, useSimulator, v } from './helpers';

describe('simulator: job status, tasks and start now', () => {
  const ctx = useSimulator({ jobs: 100, statusCallIntervalMs: 10_000, startNowQueueingMs: 500, startNowQueueMs: 1000, startNowRunMs: 4000 }, true);
  const get = (path: string) => call(ctx.sim, 'GET', path, { auth: ctx.session });
  const post = (path: string) => call(ctx.sim, 'POST', path, { auth: ctx.session });

  it('answers Job Status as live Vaults do: id (not job_id), links and dates, no method and no responseMessage', async () => {
    const answer = await get(`/api/${v}/services/jobs/${exampleJobs.notCancellable}`);
    const job = ctx.sim.jobs.get(exampleJobs.notCancellable);
    assert.deepStrictEqual(answer.json, {
      responseStatus: 'SUCCESS',
      data: {
        id: exampleJobs.notCancellable, status: 'SUCCESS',
        links: [{ rel: 'self', href: `/api/${v}/services/jobs/${exampleJobs.notCancellable}`, method: 'GET', accept: 'application/json' }],
        created_by: job?.created_by, created_date: job?.created_date, run_start_date: job?.run_start_date, run_end_date: job?.run_end_date,
      },
    });
    const active = await get(`/api/${v}/services/jobs/${exampleJobs.cancellable}`);
    assert.strictEqual(active.json.data.status, 'QUEUED');
    assert.strictEqual(active.json.data.run_end_date, undefined);
  });

  it('adds method and responseMessage when told to, as the docs\' example has them', async () => {
    const { startSimulator } = await import('../../simulator');
    const sim = await startSimulator({ jobs: 10, jobStatusMethodAndMessage: true });
    try {
      const answer = await call(sim, 'GET', `/api/${v}/services/jobs/${exampleJobs.notCancellable}`, { auth: sim.createSession() });
      assert.strictEqual(answer.json.responseMessage, 'OK');
      assert.strictEqual(answer.json.data.method, sim.jobs.get(exampleJobs.notCancellable)?.method);
    } finally {
      await sim.close();
    }
  });

  it('allows one status call per job per interval, on the clock', async () => {
    const { clock } = ctx;
    const path = `/api/${v}/services/jobs/${exampleJobs.cancellable}`;
    assert.strictEqual((await get(path)).json.responseStatus, 'SUCCESS');
    const limited = await get(path);
    assert.strictEqual(limited.json.responseStatus, 'FAILURE');
    assert.strictEqual(limited.json.errors[0].type, 'API_LIMIT_EXCEEDED');
    // Another job is not limited by the first.
    assert.strictEqual((await get(`/api/${v}/services/jobs/${exampleJobs.notCancellable}`)).json.responseStatus, 'SUCCESS');
    clock.advance(9_999);
    assert.strictEqual((await get(path)).json.errors[0].type, 'API_LIMIT_EXCEEDED');
    clock.advance(1);
    assert.strictEqual((await get(path)).json.responseStatus, 'SUCCESS');
  });

  it('answers INVALID_DATA for unknown job IDs', async () => {
    for (const id of ['999', 'abc']) {
      assert.strictEqual((await get(`/api/${v}/services/jobs/${id}`)).json.errors[0].type, 'INVALID_DATA', id);
      assert.strictEqual((await get(`/api/${v}/services/jobs/${id}/tasks`)).json.errors[0].type, 'INVALID_DATA', id);
      assert.strictEqual((await post(`/api/${v}/services/jobs/start_now/${id}`)).json.errors[0].type, 'INVALID_DATA', id);
    }
  });

  it('lists the tasks of SDK jobs, paged, and refuses other jobs', async () => {
    const sdk = ctx.sim.jobs.add({ title: 'SDK: Sync CRM Accounts', status: 'SUCCESS', task_count: 3 });
    const answer = await get(`/api/${v}/services/jobs/${sdk.job_id}/tasks?limit=2`);
    assert.deepStrictEqual(answer.json, {
      responseStatus: 'SUCCESS',
      url: `/api/${v}/services/jobs/${sdk.job_id}/tasks?limit=2&offset=0`,
      responseDetails: { total: 3, limit: 2, offset: 0, next_page: `/api/${v}/services/jobs/${sdk.job_id}/tasks?limit=2&offset=2` },
      job_id: sdk.job_id,
      tasks: [{ id: 'Task1', state: 'SUCCESS' }, { id: 'Task2', state: 'SUCCESS' }],
    });
    const plain = ctx.sim.jobs.add({ status: 'SUCCESS' });
    assert.strictEqual((await get(`/api/${v}/services/jobs/${plain.job_id}/tasks`)).json.errors[0].type, 'INVALID_DATA');
  });

  it('starts a SCHEDULED job, which is QUEUEING at once (as on a live Vault), then queued, runs and succeeds on the clock', async () => {
    const { sim, clock } = ctx;
    const job = sim.jobs.add({ status: 'SCHEDULED', run_start_date: new Date(clock.now() + 86_400_000).toISOString() });
    const answer = await post(`/api/${v}/services/jobs/start_now/${job.job_id}`);
    assert.deepStrictEqual(answer.json, { responseStatus: 'SUCCESS', url: `/api/${v}/services/jobs/${job.job_id}`, job_id: job.job_id });
    assert.strictEqual((await get(`/api/${v}/services/jobs/${job.job_id}`)).json.data.status, 'QUEUEING');
    clock.advance(500);
    assert.strictEqual(sim.jobs.get(job.job_id)?.status, 'QUEUED');
    clock.advance(1000);
    assert.strictEqual(sim.jobs.get(job.job_id)?.status, 'RUNNING');
    assert.strictEqual(sim.jobs.get(job.job_id)?.run_start_date, new Date(clock.now()).toISOString());
    clock.advance(4000);
    assert.strictEqual(sim.jobs.get(job.job_id)?.status, 'SUCCESS');
    const histories = await get(`/api/${v}/services/jobs/histories?limit=1`);
    assert.strictEqual(histories.json.jobs[0].job_id, job.job_id);
  });

  it('refuses to start a job that is not SCHEDULED', async () => {
    const answer = await post(`/api/${v}/services/jobs/start_now/${exampleJobs.cancellable}`);
    assert.strictEqual(answer.json.errors[0].type, 'OPERATION_NOT_ALLOWED');
    assert.strictEqual(ctx.sim.jobs.get(exampleJobs.cancellable)?.status, 'QUEUED');
  });

  it('stops the start-now run when the job is cancelled while queued', async () => {
    const { sim, clock } = ctx;
    const job = sim.jobs.add({ status: 'SCHEDULED' });
    await post(`/api/${v}/services/jobs/start_now/${job.job_id}`);
    assert.strictEqual(sim.jobs.cancel(job.job_id), 'cancelling');
    clock.advance(10_000);
    assert.strictEqual(sim.jobs.get(job.job_id)?.status, 'CANCELLED');
  });
});
