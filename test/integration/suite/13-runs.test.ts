// Run records in the extension host: a run that another process left stopped mid-way (killed while
// its requests were in flight) is offered; Show Report opens its CSV report from the extension's
// storage and offers the run again; Dismiss closes it for good; what Verify finds is written into the
// run's record, which the next offer then reads.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Redactor } from '../../../src/core/log';
import { RunStore } from '../../../src/core/runs';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { VaultSimulator } from '../../simulator';
import { clickNotificationButton, extensionApi, signedInToSharedVault, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { pressKey, quickInput, waitForWorkbenchText, workbenchUiUrl } from './workbench';

describe('cancel runs kept by the extension', () => {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // the offer is answered by clicking in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signedInToSharedVault(api, sim, false);
  });

  beforeEach(async () => {
    sim.faults.clear();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  /** A journalled run in another process (test/unit/runs/crashChild), killed once `sends` requests are journalled. */
  async function runKilledMidWay(ids: number[], sends: number): Promise<string> {
    const before = new Set(fs.existsSync(api.runs.directory) ? fs.readdirSync(api.runs.directory) : []);
    sim.faults.set({ kind: 'latency', ms: 400, path: /actions\/cancel/ });
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'unit', 'runs', 'crashChild.js'), sim.dns, api.runs.directory, ids.join(',')], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', SIM_SESSION: sim.createSession() }, stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const journal = await waitFor('the child\'s journal', () => fs.existsSync(api.runs.directory) ? fs.readdirSync(api.runs.directory).find((name) => name.endsWith('.jsonl') && !before.has(name)) : undefined);
    await waitFor(`${sends} requests in the journal`, () => (fs.readFileSync(path.join(api.runs.directory, journal), 'utf8').match(/"t":"send"/g) ?? []).length >= sends || undefined);
    child.kill('SIGKILL');
    assert.strictEqual(await exited, 'SIGKILL');
    return journal;
  }

  it('offers a run that stopped mid-way; Show Report opens its CSV from the extension\'s storage and asks again; Dismiss closes it', async () => {
    const ids = sim.jobs.addMany(30, { status: 'QUEUED' }).map((job) => job.job_id);
    const journal = await runKilledMidWay(ids, 2);
    const store = new RunStore(api.runs.directory, new Redactor());
    const [stopped] = await store.stoppedRuns();
    assert.ok(stopped && journal.includes(stopped.header.runId), 'the killed run is stopped');
    const { accepted, notSent, unknown } = stopped.counts;
    assert.ok(notSent > 0 && unknown > 0, JSON.stringify(stopped.counts));

    const offered = api.cancel.offerStoppedRuns();
    // The counts that are not 0, adding up to the run's IDs.
    const counts = ([[accepted, 'accepted'], [notSent, 'not sent'], [unknown, 'of unknown fate']] as const).filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`).join(', ');
    assert.strictEqual(accepted + notSent + unknown, ids.length);
    const notice = new RegExp(`The last cancel run on ${sim.dns.replace(/\./g, '\\.')} stopped before it finished .*: ${counts} \\(${ids.length} in all\\)`);
    await waitForNotification(notice);
    await clickNotificationButton('Show Report');
    const editor = await waitFor('the report', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.fsPath.startsWith(api.runs.reportDirectory + path.sep) ? active : undefined;
    });
    const rows = editor.document.getText().trim().split('\n');
    assert.strictEqual(rows[0], 'job_id,outcome,vault_message,sent_at,vault,user,action,title,source,final_state,final_at');
    assert.deepStrictEqual(rows.slice(1).map((row) => Number(row.split(',')[0])), ids, 'a row per ID, in the run\'s order');
    assert.strictEqual(rows.filter((row) => row.split(',')[1] === 'notSent').length, notSent);

    await waitForNotification(notice); // offered again: reading the report decides nothing
    await clickNotificationButton('Dismiss');
    await offered;
    assert.strictEqual(store.load(stopped.header.runId)?.state, 'closed');
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'a dismissed run is not offered again');
    assert.ok(ids.slice(-1).every((id) => sim.jobs.get(id)?.status === 'QUEUED'), 'nothing unsent was sent');
  });

  it('sends nothing for a stopped run another window dealt with after this one offered it', async () => {
    const ids = sim.jobs.addMany(30, { status: 'QUEUED' }).map((job) => job.job_id);
    await runKilledMidWay(ids, 1);
    const store = new RunStore(api.runs.directory, new Redactor());
    const [stopped] = await store.stoppedRuns();
    assert.ok(stopped, 'the killed run is stopped');
    const offered = api.cancel.offerStoppedRuns();
    await waitForNotification(/The last cancel run on .* stopped/);
    store.close(stopped.header.runId, 'resumed'); // what the other window's resume writes
    sim.clearRequestLog();
    await clickNotificationButton('Verify and Resume');
    await offered;
    await waitForNotification(/was already resumed or dismissed, in another window/);
    assert.deepStrictEqual(sim.requestLog.filter((r) => r.method === 'POST'), [], 'nothing sent');
  });

  it('offers the run again when Verify and Resume cannot go on: the run was on another Vault than the active one', async () => {
    // A journal as a crashed window on another Vault leaves it: a start, one request sent, no answer, its process gone.
    const child = spawn(process.execPath, ['-e', ''], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    const startedAt = new Date().toISOString();
    const runId = 'a1b2c3d4-0000-4000-8000-000000000001';
    fs.mkdirSync(api.runs.directory, { recursive: true });
    fs.writeFileSync(path.join(api.runs.directory, `${startedAt.replace(/[:.]/g, '-')}_${runId}.jsonl`), [
      { t: 'start', v: 1, runId, startedAt, vault: { dns: 'other-vault.veevavault.example', name: 'Other Vault' }, user: {}, source: 'typed', ids: [101, 102], pid: child.pid },
      { t: 'send', seq: 1, at: startedAt, ids: [101] },
    ].map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    sim.clearRequestLog();
    const offered = api.cancel.offerStoppedRuns();
    const notice = /The last cancel run on Other Vault \(other-vault\.veevavault\.example\) stopped before it finished .*: 1 not sent, 1 of unknown fate \(2 in all\)/;
    await waitForNotification(notice);
    await clickNotificationButton('Verify and Resume');
    await waitForNotification(new RegExp(`The stopped run was on Other Vault .*, and the active Vault is ${vaultName}`));
    await waitForNotification(notice); // asked again, since nothing was decided
    await clickNotificationButton('Dismiss');
    await offered;
    assert.strictEqual(new RunStore(api.runs.directory, new Redactor()).load(runId)?.state, 'closed');
    assert.deepStrictEqual(sim.requestLog.filter((r) => r.method === 'POST'), [], 'nothing sent');
  });
  it('writes what Verify found into the stopped run\'s record, and offers it again as the record then reads when the resume is declined', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const [accepted, queued, unsent] = sim.jobs.addMany(3, { status: 'QUEUED' }).map((job) => job.job_id);
    const [cancelledBefore] = sim.jobs.addMany(1, { status: 'CANCELLED', modified_date: tenMinutesAgo, run_end_date: tenMinutesAgo }).map((job) => job.job_id);
    // A journal as a crashed window leaves it: one request sent, no answer, its process gone.
    const child = spawn(process.execPath, ['-e', ''], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const runId = 'a1b2c3d4-0000-4000-8000-000000000002';
    const ids = [accepted, cancelledBefore, queued, unsent];
    fs.mkdirSync(api.runs.directory, { recursive: true });
    fs.writeFileSync(path.join(api.runs.directory, `${startedAt.replace(/[:.]/g, '-')}_${runId}.jsonl`), [
      { t: 'start', v: 1, runId, startedAt, vault: { dns: sim.dns, name: vaultName }, user: {}, source: 'typed', ids, pid: child.pid },
      { t: 'send', seq: 1, at: startedAt, ids: ids.slice(0, 3) },
    ].map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    sim.jobs.setStatus(accepted, 'CANCELLED'); // what the request did before the window died
    const offered = api.cancel.offerStoppedRuns();
    await waitForNotification(/stopped before it finished .*: 1 not sent, 3 of unknown fate \(4 in all\)/);
    await clickNotificationButton('Verify and Resume');
    await waitForWorkbenchText(quickInput, (text) => new RegExp(`Cancel 2 jobs on ${vaultName}`).test(text));
    await pressKey('Escape');
    // Declined: nothing sent, and the run is offered again with what the check found.
    await waitForNotification(/stopped before it finished .*: 1 accepted, 1 already cancelled before this run, 1 not sent, 1 failed \(4 in all\)/);
    await clickNotificationButton('Dismiss');
    await offered;
    const run = new RunStore(api.runs.directory, new Redactor()).load(runId);
    assert.deepStrictEqual(ids.map((id) => [run?.ids.get(id)?.fate, run?.ids.get(id)?.cancelledBefore ?? false]),
      [['accepted', false], ['refused', true], ['failed', false], ['notSent', false]]);
    assert.match(run?.ids.get(cancelledBefore)?.message ?? '', /^already cancelled before this run: Vault shows it CANCELLED since /);
    assert.strictEqual(sim.jobs.get(queued)?.status, 'QUEUED', 'the declined resume sent nothing');
  });
});
