import * as assert from 'assert';
import { exampleJobs, startSimulator } from '..';
import { call, cancelJson, useSimulator, v } from './helpers';

const cancelPath = /actions\/cancel/;

/** A request that must get no Vault answer: it rejects (socket destroyed) or times out. */
async function assertNoAnswer(request: Promise<unknown>): Promise<void> {
  await assert.rejects(request);
}

describe('simulator: fault injection', () => {
  const ctx = useSimulator({ jobs: 50 }, true);
  const cancelExample = (signal?: AbortSignal) =>
    fetch(`${ctx.sim.url}/api/${v}/services/jobs/actions/cancel`, {
      method: 'POST', signal, headers: { Authorization: ctx.session, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ job_id: exampleJobs.cancellable }]),
    });
  const exampleStatus = () => ctx.sim.jobs.get(exampleJobs.cancellable)?.status;

  it('adds latency where it is scoped, as many times as asked', async () => {
    const { sim, session } = ctx;
    const fault = sim.faults.set({ kind: 'latency', ms: 60, path: /monitors/, times: 1 });
    const started = Date.now();
    await call(sim, 'GET', `/api/${v}/services/jobs/monitors`, { auth: session });
    assert.ok(Date.now() - started >= 55, 'the first matching call was delayed');
    await call(sim, 'GET', `/api/${v}/services/jobs/monitors`, { auth: session });
    await call(sim, 'GET', `/api/${v}/services/jobs/histories`, { auth: session });
    assert.strictEqual(fault.fired, 1);
  });

  it('moves the Active list right after a page is answered: running jobs at its front finish, new ones queue at its end', async () => {
    const { sim, session } = ctx;
    sim.jobs.addMany(3, { status: 'RUNNING' });
    const running = sim.jobs.activeByCreated().filter((j) => j.status === 'RUNNING').map((j) => j.job_id);
    const page = async (offset: number) => (await call(sim, 'GET', `/api/${v}/services/jobs/monitors?limit=2&offset=${offset}`, { auth: session })).json as { jobs: { job_id: number }[]; responseDetails: { total: number } };
    const before = sim.jobs.activeByCreated();
    const fault = sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 2, queue: 5, times: 1 });
    const first = await page(0);
    assert.strictEqual(first.responseDetails.total, before.length, 'the page that triggers the move is answered as the list stood');
    assert.strictEqual(fault.fired, 1);
    assert.deepStrictEqual(running.map((id) => sim.jobs.get(id)?.status), running.map((_, i) => (i < 2 ? 'SUCCESS' : 'RUNNING')));
    const after = sim.jobs.activeByCreated();
    assert.strictEqual((await page(0)).responseDetails.total, before.length - 2 + 5);
    assert.deepStrictEqual(after.slice(-5).map((j) => j.status), Array(5).fill('QUEUED'));
    assert.ok(after.slice(-5).every((j) => !before.includes(j)), 'the queued ones are new, at the end');
  });

  it('ends the session after the given number of calls', async () => {
    const { sim, session } = ctx;
    sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 2, times: 1 });
    const me = () => call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session });
    assert.strictEqual((await me()).json.responseStatus, 'SUCCESS');
    assert.strictEqual((await me()).json.responseStatus, 'SUCCESS');
    assert.strictEqual((await me()).json.errors[0].type, 'INVALID_SESSION_ID');
    const next = sim.createSession();
    for (let i = 0; i < 3; i++) {
      assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: next })).json.responseStatus, 'SUCCESS');
    }
  });

  it('drops the connection before applying: no answer and nothing cancelled', async () => {
    ctx.sim.faults.set({ kind: 'dropBeforeApply', path: cancelPath, times: 1 });
    await assertNoAnswer(cancelExample());
    assert.strictEqual(exampleStatus(), 'QUEUED');
    assert.strictEqual(ctx.sim.requestLog.at(-1)?.path, `/api/${v}/services/jobs/actions/cancel`);
    assert.strictEqual((await cancelJson(ctx.sim, ctx.session, [exampleJobs.cancellable])).json.data[0].responseStatus, 'SUCCESS');
  });

  it('drops the connection after applying: no answer, yet the job is cancelling and a retry fails', async () => {
    ctx.sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
    await assertNoAnswer(cancelExample());
    assert.strictEqual(exampleStatus(), 'CANCELLING');
    const retry = await cancelJson(ctx.sim, ctx.session, [exampleJobs.cancellable]);
    assert.strictEqual(retry.json.data[0].errors?.type, 'INVALID_DATA');
  });

  it('answers HTTP 502 with an HTML body like a proxy, before or after applying', async () => {
    const { sim } = ctx;
    sim.faults.set({ kind: 'proxy502', path: cancelPath, times: 1 });
    const before = await cancelExample();
    assert.strictEqual(before.status, 502);
    assert.match(before.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await before.text(), /502 Bad Gateway/);
    assert.strictEqual(before.headers.get('x-vaultapi-executionid'), null);
    assert.strictEqual(exampleStatus(), 'QUEUED');
    sim.faults.set({ kind: 'proxy502', path: cancelPath, applied: true, times: 1 });
    assert.strictEqual((await cancelExample()).status, 502);
    assert.strictEqual(exampleStatus(), 'CANCELLING');
  });

  it('answers HTTP 200 with a body that is not JSON', async () => {
    const { sim, session } = ctx;
    sim.faults.set({ kind: 'nonJson', times: 1 });
    const garbage = await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session });
    assert.strictEqual(garbage.status, 200);
    assert.throws(() => JSON.parse(garbage.text) as unknown);
    sim.faults.set({ kind: 'nonJson', body: '{"responseStatus":"SUCC', times: 1 });
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session })).text, '{"responseStatus":"SUCC');
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session })).json.responseStatus, 'SUCCESS');
  });

  it('never answers, before or after applying', async () => {
    const { sim } = ctx;
    sim.faults.set({ kind: 'noAnswer', path: cancelPath, times: 1 });
    await assertNoAnswer(cancelExample(AbortSignal.timeout(150)));
    assert.strictEqual(exampleStatus(), 'QUEUED');
    sim.faults.set({ kind: 'noAnswer', path: cancelPath, applied: true, times: 1 });
    await assertNoAnswer(cancelExample(AbortSignal.timeout(150)));
    assert.strictEqual(exampleStatus(), 'CANCELLING');
  });

  it('lets the first `skip` matching requests through, then fires', async () => {
    const { sim, session } = ctx;
    const [first, second, third] = sim.jobs.addMany(3, { status: 'QUEUED' }).map((job) => job.job_id);
    const fault = sim.faults.set({ kind: 'noAnswer', path: cancelPath, applied: true, skip: 1, times: 1 });
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session })).json.responseStatus, 'SUCCESS', 'other paths do not count');
    assert.strictEqual((await cancelJson(sim, session, [first])).json.data[0].responseStatus, 'SUCCESS');
    assert.strictEqual(fault.fired, 0);
    const held = fetch(`${sim.url}/api/${v}/services/jobs/actions/cancel`, {
      method: 'POST', signal: AbortSignal.timeout(150), headers: { Authorization: session, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ job_id: second }]),
    });
    await assertNoAnswer(held);
    assert.strictEqual(sim.jobs.get(second)?.status, 'CANCELLING', 'the held request was applied');
    assert.strictEqual((await cancelJson(sim, session, [third])).json.data[0].responseStatus, 'SUCCESS', 'spent after `times`');
    assert.strictEqual(fault.fired, 1);
  });

  it('applies every cancel item but leaves the last ones out of a short data array', async () => {
    const { sim, session } = ctx;
    const ids = sim.jobs.addMany(4, { status: 'QUEUED' }).map((job) => job.job_id);
    sim.faults.set({ kind: 'shortData', times: 1 });
    const short = await cancelJson(sim, session, ids.slice(0, 2));
    assert.deepStrictEqual(short.json.data, [{ responseStatus: 'SUCCESS', data: { id: ids[0] } }]);
    sim.faults.set({ kind: 'shortData', drop: 2, times: 1 });
    assert.strictEqual((await cancelJson(sim, session, ids.slice(2))).json.data.length, 0);
    assert.ok(ids.every((id) => sim.jobs.get(id)?.status === 'CANCELLING'));
  });

  it('fails a whole cancel batch without applying any of it', async () => {
    const { sim, session } = ctx;
    sim.faults.set({ kind: 'batchFailure', times: 1 });
    const answer = await cancelJson(sim, session, [exampleJobs.cancellable]);
    assert.strictEqual(answer.json.responseStatus, 'FAILURE');
    assert.strictEqual(answer.json.errors[0].type, 'UNEXPECTED_ERROR');
    assert.strictEqual(answer.headers.get('x-vaultapi-status'), 'FAILURE');
    assert.strictEqual(exampleStatus(), 'QUEUED');
    sim.faults.set({ kind: 'batchFailure', type: 'OPERATION_IN_PROGRESS', times: 1 });
    assert.strictEqual((await cancelJson(sim, session, [exampleJobs.cancellable])).json.errors[0].type, 'OPERATION_IN_PROGRESS');
  });

  it('switches faults off with clear, per fault, per kind or all, and scopes them by method', async () => {
    const { sim, session } = ctx;
    const me = () => call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session });
    const one = sim.faults.set({ kind: 'nonJson' });
    assert.strictEqual((await me()).json.responseStatus, undefined);
    one.clear();
    assert.strictEqual((await me()).json.responseStatus, 'SUCCESS');
    sim.faults.set({ kind: 'proxy502' });
    sim.faults.set({ kind: 'nonJson' });
    sim.faults.clear('proxy502');
    assert.strictEqual((await me()).status, 200);
    assert.strictEqual(sim.faults.list().length, 1);
    sim.faults.clear();
    assert.strictEqual((await me()).json.responseStatus, 'SUCCESS');
    sim.faults.set({ kind: 'proxy502', method: 'POST' });
    assert.strictEqual((await me()).status, 200);
    assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: session })).status, 502);
    assert.throws(() => sim.faults.set({ kind: 'nope' } as never), /unknown fault kind/);
  });
});

describe('simulator: close', () => {
  it('releases connections held by noAnswer', async () => {
    const sim = await startSimulator({ jobs: 0 });
    sim.faults.set({ kind: 'noAnswer' });
    const pending = call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: sim.createSession() });
    while (sim.requestLog.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await sim.close();
    await assert.rejects(pending);
  });

  it('cuts a delayed answer short', async () => {
    const sim = await startSimulator({ jobs: 0, latencyMs: 60_000 });
    const pending = call(sim, 'GET', `/api/${v}/objects/users/me`);
    while (sim.requestLog.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await sim.close();
    await assert.rejects(pending);
  });
});
