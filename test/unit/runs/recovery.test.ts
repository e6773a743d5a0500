// Journalled runs against the simulator: a run killed mid-way is recovered without cancelling any ID
// twice, and at every point a crash could cut the journal, the resume plan holds no accepted ID.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cancelJobs } from '../../../src/core/cancel';
import { Redactor } from '../../../src/core/log';
import { analyzeJournal, describeStoppedRun, planResume } from '../../../src/core/runs/analysis';
import { readJournal } from '../../../src/core/runs/journal';
import { verifyAndPlanResume } from '../../../src/core/runs/recovery';
import { RunStore } from '../../../src/core/runs/store';
import type { VaultClient } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { sampleRun, tempDirectory } from './helpers';

const cancelPath = /actions\/cancel/;

describe('cancel run recovery against the simulator', () => {
  let sim: VaultSimulator;
  let client: VaultClient;
  let redactor: Redactor;
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 0, cancelDelayMs: 60_000 });
    ({ client, redactor } = await signedInClient(sim));
    temp = tempDirectory();
  });
  afterEach(async () => {
    await sim.close();
    temp.remove();
  });

  it('a finished journalled run agrees with the engine, and no cut of its journal plans to resend an accepted ID', async () => {
    const ids = sim.jobs.addMany(30, { status: 'QUEUED' }).map((j) => j.job_id);
    sim.jobs.setStatus(ids[3], 'RUNNING');
    // One request applied without an answer, one answered with an item missing: the engine verifies and resends.
    sim.faults.set({ kind: 'dropAfterApply', path: cancelPath, times: 1 });
    sim.faults.set({ kind: 'shortData', drop: 2, path: cancelPath, times: 1 });
    const store = new RunStore(temp.dir, redactor);
    const journal = store.begin({ ...sampleRun, ids });
    const result = await cancelJobs(client, ids, { batchSize: 7, concurrency: 2, backoffBaseMs: 5, random: () => 0.5, observer: journal.observer() });
    journal.finish(result);
    journal.close();

    const text = fs.readFileSync(journal.file, 'utf8');
    const run = analyzeJournal(readJournal(text));
    assert.ok(run);
    assert.strictEqual(run.state, 'finished');
    for (const [id, outcome] of result.outcomes) {
      assert.strictEqual(run.ids.get(id)?.fate, { accepted: 'accepted', notEligible: 'refused', invalidInput: 'invalid', notSent: 'notSent', unknown: 'unknown', failed: 'failed' }[outcome.kind], String(id));
    }
    assert.strictEqual(run.ids.get(ids[3])?.fate, 'refused');
    assert.match(run.ids.get(ids[3])?.message ?? '', /not found in QUEUED or QUEUEING state/);

    // Every place a crash could cut the file, byte by byte.
    let cuts = 0;
    for (let end = 0; end <= text.length; end++) {
      const partial = readJournal(text.slice(0, end));
      const cutRun = analyzeJournal(partial);
      if (!cutRun) continue;
      cuts++;
      const acceptedSoFar = new Set(partial.entries.flatMap((e) => (e.t === 'answer' ? e.items.filter((i) => i.ok).map((i) => i.id) : [])));
      const sentSoFar = new Set(partial.entries.flatMap((e) => (e.t === 'send' ? e.ids : [])));
      // Even a status that looks cancellable (a stale list) must not resend what the journal shows accepted.
      const plan = planResume(cutRun, new Map(ids.map((id) => [id, 'QUEUED'])));
      for (const id of plan.send) assert.ok(!acceptedSoFar.has(id), `cut at ${end}: ${id} was accepted but is planned again`);
      for (const id of ids) if (!sentSoFar.has(id) && cutRun.state !== 'finished') assert.strictEqual(cutRun.ids.get(id)?.fate, 'notSent', `cut at ${end}: ${id}`);
    }
    assert.ok(cuts > text.length / 2, `${cuts} cuts analysed`);
  });

  it('a run killed mid-way is offered, verified, and resumed without cancelling any ID twice', async function () {
    this.timeout(30_000);
    const ids = sim.jobs.addMany(100, { status: 'QUEUED' }).map((j) => j.job_id);
    // Slow answers, so the kill lands while requests are in flight.
    sim.faults.set({ kind: 'latency', ms: 150, path: cancelPath });
    const child = spawn(process.execPath, [path.join(__dirname, 'crashChild.js'), sim.dns, temp.dir, ids.join(',')], {
      env: { ...process.env, SIM_SESSION: sim.createSession() }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const sends = () => fs.readdirSync(temp.dir).flatMap((name) => fs.readFileSync(path.join(temp.dir, name), 'utf8').match(/"t":"send"/g) ?? []).length;
    while (sends() < 4) {
      if (child.exitCode !== null) assert.fail(`the child ended before it could be killed: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    assert.strictEqual(await exited, 'SIGKILL');
    // Requests the child had sent are still held by the simulator's latency, and Vault applies a request
    // it received whoever waits for the answer: the check below runs once they have been applied.
    while (sim.requestLog.some((r) => cancelPath.test(r.path) && r.auth === undefined)) await new Promise((resolve) => setTimeout(resolve, 10));

    const store = new RunStore(temp.dir, redactor);
    const [stopped] = await store.stoppedRuns();
    assert.ok(stopped, 'the killed run is offered');
    const { accepted, notSent, unknown } = stopped.counts;
    assert.strictEqual(accepted + notSent + unknown, 100);
    assert.ok(accepted >= 30 && unknown >= 10 && notSent > 0, JSON.stringify(stopped.counts));
    for (const [id, state] of stopped.ids) {
      if (state.fate === 'accepted') assert.match(sim.jobs.get(id)?.status ?? '', /^CANCELL/, `${id} was journalled accepted`);
    }

    sim.faults.clear();
    const plan = await verifyAndPlanResume(client, stopped);
    assert.deepStrictEqual(plan.unknown, []);
    assert.strictEqual(plan.send.filter((id) => stopped.ids.get(id)?.fate === 'accepted').length, 0);
    // What Vault had accepted (CANCELLING for a minute here) is exactly what the plan leaves out.
    assert.deepStrictEqual(plan.send, ids.filter((id) => sim.jobs.get(id)?.status === 'QUEUED'));
    const resume = store.begin({ ...stopped.header, source: 'resume', resumes: stopped.header.runId, ids: plan.send });
    const result = await cancelJobs(client, plan.send, { observer: resume.observer() });
    resume.finish(result);
    resume.close();
    store.close(stopped.header.runId, 'resumed', resume.runId);

    assert.deepStrictEqual(ids.filter((id) => !/^CANCELL/.test(sim.jobs.get(id)?.status ?? '')), [], 'every job is cancelled');
    assert.deepStrictEqual([...result.outcomes.values()].filter((o) => o.kind !== 'accepted'), [], 'Vault refused none of the resent IDs');
    assert.deepStrictEqual(await store.stoppedRuns(), []);
    assert.deepStrictEqual((await store.list()).map((r) => [r.header.source, r.state]), [['resume', 'finished'], ['file', 'closed']]);
  });

  it('a run whose journal stops being written mid-way is offered as incomplete, and Verify and Resume resends none of its accepted IDs', async function () {
    if (process.platform === 'win32') this.skip(); // the shell's file-size limit makes the disk refuse the journal
    this.timeout(30_000);
    const ids = sim.jobs.addMany(559, { status: 'QUEUED' }).map((j) => j.job_id);
    // A run in another process whose files may not grow past 8 KiB (16 blocks of 512 bytes, POSIX's
    // unit): its journal's writes fail (EFBIG) a few lines in, as on a full disk, and the run goes on to its end unrecorded.
    const child = spawn('/bin/sh', ['-c', 'ulimit -f 16 && exec "$0" "$@"', process.execPath, path.join(__dirname, 'crashChild.js'), sim.dns, temp.dir, ids.join(',')], {
      env: { ...process.env, SIM_SESSION: sim.createSession() }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.strictEqual(code, 0, stderr);
    const accepted = ids.filter((id) => /^CANCELL/.test(sim.jobs.get(id)?.status ?? ''));
    assert.strictEqual(accepted.length, 559, 'the run went on to cancel every job');
    const [journal] = fs.readdirSync(temp.dir).filter((name) => name.endsWith('.jsonl'));
    const sentInJournal = readJournal(fs.readFileSync(path.join(temp.dir, journal), 'utf8')).entries.flatMap((e) => (e.t === 'send' ? e.ids : []));
    assert.ok(sentInJournal.length < 100, `the journal stopped early: ${sentInJournal.length} IDs journalled as sent`);

    const store = new RunStore(temp.dir, redactor);
    const [stopped] = await store.stoppedRuns();
    assert.ok(stopped, 'the run is offered as stopped');
    assert.strictEqual(stopped.incomplete, true);
    assert.strictEqual(stopped.counts.notSent, 0, JSON.stringify(stopped.counts));
    assert.match(describeStoppedRun(stopped), /Its record is incomplete/);
    const plan = await verifyAndPlanResume(client, stopped);
    assert.deepStrictEqual(plan.send, [], 'no accepted ID is planned to be sent again');
    assert.deepStrictEqual([plan.settled.size, plan.unknown.length], [559 - stopped.counts.accepted, 0]);
  });
});
