// The simulator against the recorded real answers: for each endpoint, the simulator's answer must
// have the recorded answer's shape (keys, nesting and value types), or be identical where the
// recorded body holds no values of its own. Where it differs on purpose, the difference is named
// here, so the simulator cannot drift from real Vaults unnoticed.
import * as assert from 'assert';
import { startSimulator, type SimulatorOptions, type VaultSimulator } from '..';
import { recordedBody } from '../../replay/replayServer';

type Shape = string | Shape[] | { [key: string]: Shape };

/** Keys, nesting and value types; an array's shape is that of its first item. */
function shape(value: unknown): Shape {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
  }
  return value === null ? 'null' : typeof value;
}

const recorded = (file: string): Record<string, unknown> => JSON.parse(recordedBody(file).toString('utf8')) as Record<string, unknown>;

describe('simulator answers against recorded real answers', () => {
  let sim: VaultSimulator;
  let session: string;
  const v = 'v25.3';

  async function start(options: SimulatorOptions = {}): Promise<void> {
    sim = await startSimulator({ jobs: 50, statusCallIntervalMs: 1, ...options });
    session = sim.createSession();
  }
  afterEach(() => sim.close());

  async function call(method: string, path: string, body?: string, contentType?: string) {
    const response = await fetch(`${sim.url}${path}`, {
      method, body,
      headers: { Authorization: session, Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}) },
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
  }

  it('unknown path: the live answer, byte for byte, with HTTP 404', async () => {
    await start();
    const answer = await call('GET', `/api/${v}/services/jobs`);
    assert.strictEqual(answer.status, 404);
    assert.strictEqual(answer.text + '\n', recordedBody('live/malformed-url-jobs.json').toString('utf8'));
  });

  it('expired session: the live answer, byte for byte', async () => {
    await start();
    session = 'expired-session-0000';
    const answer = await call('POST', `/api/${v}/keep-alive`);
    assert.strictEqual(answer.text + '\n', recordedBody('live/invalid-session.json').toString('utf8'));
  });

  it('sign-in: the live shape, a 128-character upper-case hex session, numbers for IDs, https://<dns>/api', async () => {
    await start();
    const form = new URLSearchParams({ username: sim.username, password: sim.password });
    const answer = await call('POST', `/api/${v}/auth`, form.toString(), 'application/x-www-form-urlencoded');
    assert.deepStrictEqual(shape(answer.json), shape(recorded('live/auth-success.json')));
    assert.match(String(answer.json.sessionId), /^[0-9A-F]{128}$/);
    assert.deepStrictEqual((answer.json.vaultIds as { url: string }[]).map((vault) => /^https:\/\/[^/]+\/api$/.test(vault.url)), [true, true]);
  });

  it('sign-in without a password: the documented answer, identical', async () => {
    await start();
    const answer = await call('POST', `/api/${v}/auth`, new URLSearchParams({ username: sim.username }).toString(), 'application/x-www-form-urlencoded');
    assert.deepStrictEqual(answer.json, recorded('docs/auth-no-password.json'));
  });

  it('keep-alive and end session: the documented answers, identical', async () => {
    await start();
    assert.deepStrictEqual((await call('POST', `/api/${v}/keep-alive`)).json, recorded('docs/keep-alive.json'));
    assert.deepStrictEqual((await call('DELETE', `/api/${v}/session`)).json, recorded('docs/end-session.json'));
  });

  it('monitors and histories: the documented shapes, monitors oldest first, histories newest first', async () => {
    await start();
    const monitors = await call('GET', `/api/${v}/services/jobs/monitors?limit=2`);
    const docsMonitors = recorded('docs/monitors-total-3-two-jobs.json');
    // The docs' page is the last one; the simulator's first page of many adds next_page.
    const { next_page: nextPage, ...details } = monitors.json.responseDetails as Record<string, unknown>;
    assert.strictEqual(typeof nextPage, 'string');
    assert.deepStrictEqual(shape({ ...monitors.json, responseDetails: details }), shape(docsMonitors));
    const created = (monitors.json.jobs as { created_date: string }[]).map((j) => j.created_date);
    assert.deepStrictEqual(created, [...created].sort());
    const histories = await call('GET', `/api/${v}/services/jobs/histories?limit=2`);
    assert.deepStrictEqual(shape(histories.json), shape(recorded('docs/histories-page1.json')));
    const ended = (histories.json.jobs as { run_end_date: string }[]).map((j) => j.run_end_date);
    assert.deepStrictEqual(ended, [...ended].sort().reverse());
  });

  it('monitors with a total above its rows, as in the docs\' example, when told to', async () => {
    await start({ jobs: 0, monitorsTotalSurplus: 1 });
    sim.jobs.addMany(2, { status: 'SCHEDULED' });
    const monitors = await call('GET', `/api/${v}/services/jobs/monitors`);
    const docs = recorded('docs/monitors-total-3-two-jobs.json');
    assert.deepStrictEqual(monitors.json.responseDetails, docs.responseDetails);
    assert.deepStrictEqual(shape(monitors.json), shape(docs));
  });

  it('Job Status: the docs\' shape without method and responseMessage by default, with them when told to', async () => {
    await start();
    const id = sim.jobs.add({ status: 'SUCCESS' }).job_id;
    const docs = recorded('docs/job-status-success.json') as { responseMessage?: string; data: Record<string, unknown> };
    const { responseMessage: _message, ...docsWithoutMessage } = docs;
    const { method: _method, ...docsDataWithoutMethod } = docs.data;
    assert.deepStrictEqual(shape((await call('GET', `/api/${v}/services/jobs/${id}`)).json), shape({ ...docsWithoutMessage, data: docsDataWithoutMethod }));
    await sim.close();
    await start({ jobStatusMethodAndMessage: true });
    const again = sim.jobs.add({ status: 'SUCCESS' }).job_id;
    assert.deepStrictEqual(shape((await call('GET', `/api/${v}/services/jobs/${again}`)).json), shape(docs));
  });

  it('SDK tasks, Start Now and Cancel Job: the recorded shapes', async () => {
    await start();
    const sdk = sim.jobs.add({ status: 'SUCCESS', task_count: 1 }).job_id;
    assert.deepStrictEqual(shape((await call('GET', `/api/${v}/services/jobs/${sdk}/tasks`)).json), shape(recorded('docs/job-tasks.json')));
    const scheduled = sim.jobs.add({ status: 'SCHEDULED' }).job_id;
    const started = await call('POST', `/api/${v}/services/jobs/start_now/${scheduled}`);
    assert.deepStrictEqual(shape(started.json), shape(recorded('live/start-now.json')));
    assert.deepStrictEqual(Object.keys(started.json), Object.keys(recorded('live/start-now.json')), 'keys in the live order');
    const status = await call('GET', `/api/${v}/services/jobs/${scheduled}`);
    assert.strictEqual((status.json.data as { status: string }).status, 'QUEUEING', 'right after Start Now, as on a live Vault');
    const queued = sim.jobs.add({ status: 'QUEUED' }).job_id;
    const finished = sim.jobs.add({ status: 'SUCCESS' }).job_id;
    const cancelled = await call('POST', `/api/${v}/services/jobs/actions/cancel`, JSON.stringify([{ job_id: queued }, { job_id: finished }]), 'application/json');
    const docs = recorded('docs/cancel-mixed.json') as { data: unknown[] };
    assert.deepStrictEqual((cancelled.json.data as unknown[]).map(shape), docs.data.map(shape));
  });
});
