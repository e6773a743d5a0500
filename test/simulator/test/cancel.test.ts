import * as assert from 'assert';
import { exampleJobs } from '..';
import { call, cancelJson, useSimulator, v } from './helpers';

const notEligible = (id: number) => ({
  responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: `Job [${id}] is not found in QUEUED or QUEUEING state` },
});

describe('simulator: cancel jobs', () => {
  const ctx = useSimulator({ jobs: 200, cancelDelayMs: 3000 }, true);

  it('answers the documented example: the eligible job succeeds, the other fails, in request order', async () => {
    const { sim, session } = ctx;
    const answer = await cancelJson(sim, session, [exampleJobs.cancellable, exampleJobs.notCancellable]);
    assert.deepStrictEqual(answer.json, {
      responseStatus: 'SUCCESS',
      data: [{ responseStatus: 'SUCCESS', data: { id: exampleJobs.cancellable } }, notEligible(exampleJobs.notCancellable)],
    });
    const reversed = await cancelJson(sim, session, [exampleJobs.notCancellable, exampleJobs.cancellable]);
    assert.deepStrictEqual(reversed.json.data, [notEligible(exampleJobs.notCancellable), notEligible(exampleJobs.cancellable)]);
  });

  it('moves a cancelled job to CANCELLING, then to CANCELLED once the delay has passed on the clock', async () => {
    const { sim, session, clock } = ctx;
    await cancelJson(sim, session, [exampleJobs.cancellable]);
    assert.strictEqual(sim.jobs.get(exampleJobs.cancellable)?.status, 'CANCELLING');
    const monitors = await call(sim, 'GET', `/api/${v}/services/jobs/monitors?limit=200`, { auth: session });
    assert.ok(monitors.json.jobs.some((j: { job_id: number; status: string }) => j.job_id === exampleJobs.cancellable && j.status === 'CANCELLING'));
    clock.advance(2999);
    assert.strictEqual(sim.jobs.get(exampleJobs.cancellable)?.status, 'CANCELLING');
    clock.advance(1);
    const job = sim.jobs.get(exampleJobs.cancellable);
    assert.strictEqual(job?.status, 'CANCELLED');
    assert.strictEqual(job?.run_end_date, new Date(clock.now()).toISOString());
    const histories = await call(sim, 'GET', `/api/${v}/services/jobs/histories?status=cancelled&limit=5`, { auth: session });
    const listed = histories.json.jobs.find((j: { job_id: number }) => j.job_id === exampleJobs.cancellable);
    assert.strictEqual(listed?.run_end_date, job?.run_end_date);
  });

  it('cancels SCHEDULED, QUEUEING and QUEUED jobs by default, and nothing else', async () => {
    const { sim, session } = ctx;
    const statuses = ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING', 'SUCCESS', 'CANCELLED', 'ERRORS_ENCOUNTERED'] as const;
    const ids = statuses.map((status) => sim.jobs.add({ status }).job_id);
    const answer = await cancelJson(sim, session, ids);
    assert.deepStrictEqual(answer.json.data.map((item) => item.responseStatus),
      ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE']);
  });

  it('answers a repeat, an unknown ID and a duplicate in one request with the same item FAILURE', async () => {
    const { sim, session } = ctx;
    const id = sim.jobs.add({ status: 'QUEUED' }).job_id;
    assert.strictEqual((await cancelJson(sim, session, [id])).json.data[0].responseStatus, 'SUCCESS');
    assert.deepStrictEqual((await cancelJson(sim, session, [id])).json.data, [notEligible(id)]);
    const other = sim.jobs.add({ status: 'SCHEDULED' }).job_id;
    assert.deepStrictEqual((await cancelJson(sim, session, [other, other, 999])).json.data,
      [{ responseStatus: 'SUCCESS', data: { id: other } }, notEligible(other), notEligible(999)]);
  });

  it('answers items whose job_id is not an integer with their own INVALID_DATA', async () => {
    const { sim, session } = ctx;
    const body = JSON.stringify([{ job_id: 'abc' }, { job_id: 1.5 }, { id: 5 }, 7, { job_id: String(exampleJobs.cancellable) }]);
    const answer = await call(sim, 'POST', `/api/${v}/services/jobs/actions/cancel`, { auth: session, contentType: 'application/json', body });
    const data = answer.json.data as { responseStatus: string; errors?: { type: string; message: string } }[];
    assert.strictEqual(data.length, 5);
    for (const item of data.slice(0, 4)) {
      assert.strictEqual(item.responseStatus, 'FAILURE');
      assert.strictEqual(item.errors?.type, 'INVALID_DATA');
      assert.doesNotMatch(item.errors?.message ?? '', /QUEUED/);
    }
    assert.deepStrictEqual(data[4], { responseStatus: 'SUCCESS', data: { id: exampleJobs.cancellable } });
  });

  it('takes a text/csv body with a job_id header row', async () => {
    const { sim, session } = ctx;
    const scheduled = sim.jobs.add({ status: 'SCHEDULED' }).job_id;
    const body = `\uFEFFtitle,job_id\r\n"x",${exampleJobs.notCancellable}\r\n\r\ny,${scheduled}\r\n`;
    const answer = await call(sim, 'POST', `/api/${v}/services/jobs/actions/cancel`, { auth: session, contentType: 'text/csv', body });
    assert.deepStrictEqual(answer.json.data, [notEligible(exampleJobs.notCancellable), { responseStatus: 'SUCCESS', data: { id: scheduled } }]);
    const headless = await call(sim, 'POST', `/api/${v}/services/jobs/actions/cancel`, { auth: session, contentType: 'text/csv', body: `${scheduled}\n` });
    assert.strictEqual(headless.json.responseStatus, 'FAILURE');
  });

  it('fails the whole request for an empty, unparsable, oversized or wrongly typed body, applying nothing', async () => {
    const { sim, session } = ctx;
    const post = (body: string, contentType = 'application/json') =>
      call(sim, 'POST', `/api/${v}/services/jobs/actions/cancel`, { auth: session, contentType, body });
    const cases: [string, string, string?][] = [
      ['', 'PARAMETER_REQUIRED'],
      ['[]', 'PARAMETER_REQUIRED'],
      ['[{"job_id":1046892}', 'INVALID_DATA'],
      ['{"job_id":1046892}', 'INVALID_DATA'],
      ['<jobs/>', 'INVALID_DATA', 'application/xml'],
      [JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ job_id: exampleJobs.cancellable + i }))), 'INVALID_DATA'],
    ];
    for (const [body, type, contentType] of cases) {
      const answer = await post(body, contentType);
      assert.strictEqual(answer.json.responseStatus, 'FAILURE', body.slice(0, 30));
      assert.strictEqual(answer.json.errors[0].type, type, body.slice(0, 30));
      assert.strictEqual(answer.json.data, undefined);
    }
    assert.strictEqual(sim.jobs.get(exampleJobs.cancellable)?.status, 'QUEUED');
  });

  it('answers 500 items one for one, in request order', async () => {
    const { sim, session } = ctx;
    const jobs = sim.jobs.addMany(500, { status: 'QUEUED' });
    const ids = jobs.map((job) => job.job_id).reverse();
    const answer = await cancelJson(sim, session, ids);
    assert.deepStrictEqual(answer.json.data.map((item) => item.data?.id), ids);
  });

  it('is not available before API v25.3', async () => {
    const { sim, session } = ctx;
    const old = await cancelJson(sim, session, [exampleJobs.cancellable], 'v25.2');
    assert.strictEqual(old.json.errors[0].type, 'METHOD_NOT_SUPPORTED');
    assert.strictEqual(sim.jobs.get(exampleJobs.cancellable)?.status, 'QUEUED');
    assert.strictEqual((await cancelJson(sim, session, [exampleJobs.cancellable], 'v25.3')).json.data[0].responseStatus, 'SUCCESS');
  });

  it('needs a valid session', async () => {
    const { sim } = ctx;
    assert.strictEqual((await cancelJson(sim, 'nope', [exampleJobs.cancellable])).json.errors[0].type, 'INVALID_SESSION_ID');
    assert.strictEqual(sim.jobs.get(exampleJobs.cancellable)?.status, 'QUEUED');
  });
});

describe('simulator: configurable cancel rules', () => {
  const ctx = useSimulator({ jobs: 0, cancellableStates: ['RUNNING'], minCancelVersion: 'v26.1' }, true);

  it('cancels the states it is told to, from the version it is told to', async () => {
    const { sim, session } = ctx;
    const running = sim.jobs.add({ status: 'RUNNING' }).job_id;
    const queued = sim.jobs.add({ status: 'QUEUED' }).job_id;
    assert.strictEqual((await cancelJson(sim, session, [running], 'v25.3')).json.errors[0].type, 'METHOD_NOT_SUPPORTED');
    const answer = await cancelJson(sim, session, [running, queued]);
    assert.deepStrictEqual(answer.json.data, [{ responseStatus: 'SUCCESS', data: { id: running } }, notEligible(queued)]);
  });
});

describe('simulator: cancel answers naming another job', () => {
  const ctx = useSimulator({ jobs: 0, cancelAnswerIdOffset: 21_152 }, true);

  it('answers SUCCESS items with a data.id that was not requested, as the docs\' example does, and still cancels the requested job', async () => {
    const { sim, session } = ctx;
    const queued = sim.jobs.add({ status: 'QUEUED' }).job_id;
    const answer = await cancelJson(sim, session, [queued]);
    assert.deepStrictEqual(answer.json.data, [{ responseStatus: 'SUCCESS', data: { id: queued + 21_152 } }]);
    assert.strictEqual(sim.jobs.get(queued)?.status, 'CANCELLING');
  });
});
