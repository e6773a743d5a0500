// Claims on a stopped run across processes: of two windows that resume the same run at once, one
// resumes and the other sends nothing; a claim whose owner died is taken over, by one of several.
import * as assert from 'assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { once } from 'events';
import { RunClaims } from '../../../src/core/runs/claim';
import { systemProbe, type ProcessIdentity } from '../../../src/core/runs/owner';
import { RunStore } from '../../../src/core/runs/store';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { tempDirectory } from './helpers';

const cancelPath = /actions\/cancel/;
const runId = '6f1c2b9e-0000-4000-8000-00000000c1a1';

/** The lines a child writes, as they come. */
function lines(child: ChildProcessWithoutNullStreams): { next(): Promise<string>; stderr(): string } {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else queue.push(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', () => {
    for (const waiter of waiting.splice(0)) waiter(`exited: ${stderr}`);
  });
  return {
    next: () => (queue.length ? Promise.resolve(queue.shift() ?? '') : new Promise((resolve) => waiting.push(resolve))),
    stderr: () => stderr,
  };
}

describe('claims on a stopped run', () => {
  let temp: ReturnType<typeof tempDirectory>;
  const children: ChildProcessWithoutNullStreams[] = [];
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    temp.remove();
  });

  function holdClaim(): Promise<{ child: ChildProcessWithoutNullStreams; said: string }> {
    const child = spawn(process.execPath, [path.join(__dirname, 'holdClaimChild.js'), temp.dir, runId]);
    children.push(child);
    return lines(child).next().then((said) => ({ child, said }));
  }

  it('is held by one process at a time, and by no other offer in the same one', async () => {
    const holder = await holdClaim();
    assert.strictEqual(holder.said, 'claimed');
    const here = new RunClaims(temp.dir, systemProbe);
    assert.strictEqual(here.claim(runId), undefined, 'held by the other process');
    assert.strictEqual((await holdClaim()).said, 'busy');
    holder.child.kill('SIGKILL');
    await once(holder.child, 'exit');
    // Its owner is gone: taken over, and the dead one's file removed.
    const claim = here.claim(runId);
    assert.ok(claim);
    assert.deepStrictEqual(fs.readdirSync(temp.dir), [`${runId}.2.claim`]);
    assert.strictEqual(here.claim(runId), undefined, 'another offer in this process waits too');
    assert.strictEqual((await holdClaim()).said, 'busy');
    claim.release();
    assert.deepStrictEqual(fs.readdirSync(temp.dir), []);
    assert.strictEqual((await holdClaim()).said, 'claimed');
  });

  it('of several processes taking over a dead owner\'s claim at once, exactly one wins', async () => {
    const dead: ProcessIdentity = { pid: 999_999_999 };
    fs.writeFileSync(path.join(temp.dir, `${runId}.1.claim`), JSON.stringify({ owner: dead }));
    const said = await Promise.all(Array.from({ length: 4 }, () => holdClaim().then((c) => c.said)));
    assert.deepStrictEqual(said.sort(), ['busy', 'busy', 'busy', 'claimed']);
    assert.deepStrictEqual(fs.readdirSync(temp.dir), [`${runId}.2.claim`]);
  });

  it('an empty claim is one being written, until it is old enough to be abandoned', () => {
    const claims = new RunClaims(temp.dir, { self: () => systemProbe.self(), isAlive: () => false });
    const file = path.join(temp.dir, `${runId}.1.claim`);
    fs.writeFileSync(file, '');
    assert.strictEqual(claims.claim(runId), undefined);
    const longAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(file, longAgo, longAgo);
    assert.ok(claims.claim(runId));
    assert.throws(() => claims.claim('../elsewhere'), /not a run ID/);
  });

  describe('two windows resuming the same stopped run', () => {
    let sim: VaultSimulator;
    afterEach(async () => sim?.close());

    it('one resumes it and the other sends nothing, so no accepted ID is sent twice', async function () {
      this.timeout(60_000);
      sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 0, cancelDelayMs: 60_000 });
      const { redactor } = await signedInClient(sim);
      const ids = sim.jobs.addMany(60, { status: 'QUEUED' }).map((j) => j.job_id);
      // The stopped run: killed after a few requests (test/unit/runs/crashChild).
      sim.faults.set({ kind: 'latency', ms: 100, path: cancelPath });
      const crashed = spawn(process.execPath, [path.join(__dirname, 'crashChild.js'), sim.dns, temp.dir, ids.join(',')], { env: { ...process.env, SIM_SESSION: sim.createSession() } });
      children.push(crashed);
      const journalled = () => fs.readdirSync(temp.dir).filter((n) => n.endsWith('.jsonl')).flatMap((n) => fs.readFileSync(path.join(temp.dir, n), 'utf8').match(/"t":"send"/g) ?? []).length;
      while (journalled() < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      crashed.kill('SIGKILL');
      await once(crashed, 'exit');
      sim.faults.clear();
      const sentBefore = sim.requestLog.filter((r) => cancelPath.test(r.path)).length;

      const windows = [0, 1].map(() => {
        const child = spawn(process.execPath, [path.join(__dirname, 'resumeChild.js'), sim.dns, temp.dir, '300'], { env: { ...process.env, SIM_SESSION: sim.createSession() } });
        children.push(child);
        return { child, out: lines(child) };
      });
      for (const { out } of windows) assert.strictEqual(await out.next(), 'ready', windows.map((w) => w.out.stderr()).join('\n'));
      // Both found the run stopped; both act on it now.
      for (const { child } of windows) child.stdin.write('go\n');
      const said = await Promise.all(windows.map(({ out }) => out.next()));
      assert.deepStrictEqual(said.map((s) => s.split(' ')[0]).sort(), ['busy', 'resumed'], said.join(' | '));

      const requests = sim.requestLog.filter((r) => cancelPath.test(r.path)).map((r) => (JSON.parse(r.body) as { job_id: number }[]).map((i) => i.job_id));
      const times = new Map<number, number>();
      for (const id of requests.flat()) times.set(id, (times.get(id) ?? 0) + 1);
      assert.deepStrictEqual([...times].filter(([, n]) => n > 1), [], 'no ID was sent twice');
      assert.ok(requests.length > sentBefore, 'the resume sent the rest');
      assert.deepStrictEqual(ids.filter((id) => !/^CANCELL/.test(sim.jobs.get(id)?.status ?? '')), [], 'every job is cancelled');
      assert.deepStrictEqual(await new RunStore(temp.dir, redactor).stoppedRuns(), []);
    });
  });
});
