import * as assert from 'assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startSimulator } from '..';
import { parseCliArgs, parseFault } from '../cliArgs';
import { faultProfiles } from '../faultProfiles';

describe('simulator: command line', () => {
  it('parses options and faults', () => {
    const config = parseCliArgs(['--port', '9000', '--user', 'me@x.com', '--password', 'pw', '--jobs', '50', '--latency', '50',
      '--cancellable', 'scheduled,running', '--fault', 'dropAfterApply:cancel:1', '--fault', 'latency:monitors::800']);
    assert.strictEqual(config.options.port, 9000);
    assert.strictEqual(config.options.username, 'me@x.com');
    assert.strictEqual(config.options.jobs, 50);
    assert.strictEqual(config.options.latencyMs, 50);
    assert.deepStrictEqual(config.options.cancellableStates, ['SCHEDULED', 'RUNNING']);
    assert.deepStrictEqual(config.faults, [
      { kind: 'dropAfterApply', path: /cancel/, times: 1 },
      { kind: 'latency', ms: 800, path: /monitors/ },
    ]);
    assert.deepStrictEqual(parseCliArgs([]).options.port, 8787);
    assert.deepStrictEqual(parseCliArgs([]).options.jobs, 2000);
  });

  it('reads each fault kind\'s value and refuses bad specs', () => {
    assert.deepStrictEqual(parseFault('expireSessionAfterCalls:::5'), { kind: 'expireSessionAfterCalls', calls: 5 });
    assert.deepStrictEqual(parseFault('shortData:cancel::2'), { kind: 'shortData', drop: 2, path: /cancel/ });
    assert.deepStrictEqual(parseFault('batchFailure:::RACE_CONDITION'), { kind: 'batchFailure', type: 'RACE_CONDITION' });
    assert.deepStrictEqual(parseFault('noAnswer:cancel::applied'), { kind: 'noAnswer', applied: true, path: /cancel/ });
    assert.deepStrictEqual(parseFault('proxy502'), { kind: 'proxy502', applied: false });
    assert.deepStrictEqual(parseFault('moveActiveList:monitors::20'), { kind: 'moveActiveList', finish: 20, path: /monitors/ });
    assert.throws(() => parseFault('explode'), /unknown fault kind/);
    assert.throws(() => parseFault('latency'), /VALUE/);
    assert.throws(() => parseFault('dropBeforeApply::once'), /TIMES/);
    assert.throws(() => parseCliArgs(['--jobs', 'many']), /--jobs/);
    assert.throws(() => parseCliArgs(['--bogus']));
  });

  it('switches on a named fault profile, with any --fault, and refuses an unknown one', () => {
    const config = parseCliArgs(['--fault-profile', 'refuse-first-cancel', '--fault', 'latency:monitors::800']);
    assert.deepStrictEqual(config.faults.map((f) => f.kind), ['batchFailure', 'latency']);
    assert.deepStrictEqual(config.faults[0], faultProfiles['refuse-first-cancel'].faults[0]);
    assert.throws(() => parseCliArgs(['--fault-profile', 'toString']), /unknown fault profile "toString" \(known: refuse-first-cancel, moving-active-list, expiring-session\)/);
  });

  it('refuses the first cancel request under refuse-first-cancel with its message, then accepts the same IDs', async () => {
    const sim = await startSimulator({ jobs: 50 });
    try {
      for (const fault of faultProfiles['refuse-first-cancel'].faults) sim.faults.set(fault);
      const queued = sim.jobs.all().filter((job) => job.status === 'QUEUED').map((job) => job.job_id).slice(0, 2);
      assert.strictEqual(queued.length, 2, 'the seed has queued jobs');
      const session = sim.createSession();
      const cancel = async () => {
        const response = await fetch(`${sim.url}/api/v26.1/services/jobs/actions/cancel`, {
          method: 'POST', headers: { Authorization: session, 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(queued.map((id) => ({ job_id: id }))),
        });
        return (await response.json()) as { responseStatus: string; errors?: { type: string; message: string }[]; data?: { responseStatus: string }[] };
      };
      const refused = await cancel();
      assert.strictEqual(refused.responseStatus, 'FAILURE');
      assert.strictEqual(refused.errors?.[0]?.type, 'OPERATION_NOT_ALLOWED');
      assert.match(refused.errors?.[0]?.message ?? '', /refuse-first-cancel/);
      assert.deepStrictEqual(queued.map((id) => sim.jobs.get(id)?.status), ['QUEUED', 'QUEUED'], 'nothing applied');
      const accepted = await cancel();
      assert.strictEqual(accepted.responseStatus, 'SUCCESS');
      assert.deepStrictEqual(accepted.data?.map((item) => item.responseStatus), ['SUCCESS', 'SUCCESS']);
    } finally {
      await sim.close();
    }
  });

  it('prints the URL and credentials, serves, and stops cleanly on SIGINT', async function () {
    this.timeout(10_000);
    const cli = path.join(__dirname, '..', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--jobs', '30', '--user', 'demo@example.com', '--password', 'pw1', '--latency', '5'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!output.includes('Ctrl-C')) {
      if (child.exitCode !== null) assert.fail(`the simulator exited early: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    assert.match(output, /user name:\s+demo@example\.com/);
    assert.match(output, /password:\s+pw1/);
    const auth = await fetch(`${url}/api/v26.1/auth`, { method: 'POST', body: new URLSearchParams({ username: 'demo@example.com', password: 'pw1' }) });
    const { sessionId } = (await auth.json()) as { sessionId: string };
    const monitors = await fetch(`${url}/api/v26.1/services/jobs/monitors`, { headers: { Authorization: sessionId } });
    assert.strictEqual(((await monitors.json()) as { responseStatus: string }).responseStatus, 'SUCCESS');
    child.kill('SIGINT');
    assert.strictEqual(await exited, 0);
    assert.match(output, /stopped/);
  });

  it('explains its flags with --help', async () => {
    const cli = path.join(__dirname, '..', 'cli.js');
    const child = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.strictEqual(code, 0);
    for (const flag of ['--port', '--user', '--password', '--jobs', '--seed', '--latency', '--fault', 'dropAfterApply']) assert.ok(output.includes(flag), flag);
  });
});
