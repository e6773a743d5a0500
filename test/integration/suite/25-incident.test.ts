// An incident as an admin meets it, in the workbench: thousands of queued instances of one job, a
// listing that takes seconds, and clicks on rows and groups while it is in flight. Each click acts on
// what was clicked, and a small cancel is confirmed without reading every Active page.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { JobSetNode } from '../../../src/ext/jobs/jobNodes';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { answerDialog, cancelledInRequests, configureVaults, extensionApi, setSetting, vaultName, vaultSimulator, waitFor } from './harness';
import { clickMenuItem, pressKey, quickInput, rightClick, screenshot, typeText, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const vault = 'Incident Sandbox';
const sidebar = '.part.sidebar';
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an incident in the workbench: a flooded queue and a slow listing', function () {
  this.timeout(180000);
  let api: VaultJobsApi;
  let sim: VaultSimulator;
  let rowJob: number;
  let groupJobs: number[];

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // every case clicks in the workbench
    api = await extensionApi();
    sim = await startSimulator({ jobs: 40, seed: 20, cancelDelayMs: 1500, burstLimit: 100000 });
    sim.jobs.addMany(3000, { status: 'QUEUED', title: 'Flooded Import' });
    rowJob = sim.jobs.add({ status: 'QUEUED', title: 'Incident Row Job' }).job_id;
    groupJobs = sim.jobs.addMany(4, { status: 'QUEUED', title: 'Incident Cleanup' }).map((job) => job.job_id);
    await setSetting('autoRefresh', false);
    await configureVaults([{ name: vault, dns: sim.dns }], vault);
    await waitFor('the Vault', () => api.session.vault?.name === vault || undefined);
    assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    // The view lists all 3,000+ active jobs; the filter keeps this case's rows on screen.
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: 'Incident' });
    await api.jobs.refresh();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    sim?.faults.clear();
    if (this.currentTest?.state === 'failed') {
      console.log(`    screenshot: ${await screenshot(`failed-${this.currentTest.title.slice(0, 40)}`)}`);
      await pressKey('Escape'); // a context menu left open would take the next case's keys
    }
  });

  after(async () => {
    if (!api) return;
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    await setSetting('autoRefresh', undefined);
    // The suites after this one work on the shared Vault, signed in.
    const shared = await vaultSimulator();
    await configureVaults([{ name: vaultName, dns: shared.dns }], vaultName);
    await waitFor('the shared Vault', () => api.session.vault?.name === vaultName || undefined);
    await vscode.commands.executeCommand('vaultJobs.signIn', { username: shared.username, password: shared.password, rememberPassword: false });
    await sim.close();
  });

  /** Starts a refresh whose Active listing takes seconds (18 pages of 600 ms), and waits until it is reading. */
  async function slowRefresh(): Promise<{ done: Thenable<unknown>; landed: () => boolean }> {
    sim.faults.set({ kind: 'latency', ms: 600, path: /monitors/ });
    sim.clearRequestLog();
    let landed = false;
    const done = vscode.commands.executeCommand('vaultJobs.refreshJobs').then(() => { landed = true; });
    await waitFor('the listing to start', () => sim.requestLog.some((r) => r.path.includes('/monitors')) || undefined);
    return { done, landed: () => landed };
  }

  it('Cancel on a job row while a slow listing is in flight confirms exactly that job', async () => {
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    await waitForWorkbenchText(sidebar, (t) => t.includes(String(rowJob)));
    const refreshing = await slowRefresh();
    await rightClick(treeRow(String(rowJob)));
    await clickMenuItem('Cancel Jobs');
    const shown = await waitForWorkbenchText(quickInput, (t) => /Cancel 1 job on/i.test(t) || /Job IDs to cancel/.test(t), 20000);
    assert.doesNotMatch(shown, /Job IDs to cancel/, 'it asked for IDs instead of confirming the row clicked');
    assert.match(shown, new RegExp(`Cancel 1 job on ${vault}`));
    assert.ok(!refreshing.landed(), 'the confirmation showed while the listing was still in flight');
    await pressKey('Escape');
    await refreshing.done;
    assert.deepStrictEqual(cancelledInRequests(sim), []);
  });

  it('Cancel Cancellable Jobs on a group while a slow listing is in flight cancels exactly its members', async () => {
    await vscode.commands.executeCommand('vaultJobs.groupJobsByTitle');
    // The group's row, not a job row of the same title: its description counts the queued members.
    const groupRow = `${treeRow('Incident Cleanup')}:has-text("4 queued")`;
    await waitForWorkbenchText(groupRow, (t) => t.includes('Incident Cleanup'));
    const refreshing = await slowRefresh();
    await rightClick(groupRow);
    await clickMenuItem('Cancel Cancellable Jobs…');
    await waitForWorkbenchText(quickInput, (t) => /Cancel 4 jobs on/i.test(t), 20000);
    assert.ok(!refreshing.landed(), 'the confirmation showed while the listing was still in flight');
    await answerDialog(/Cancel 4 jobs on/i, 'Cancel 4 Jobs');
    await waitFor('the cancel request', () => cancelledInRequests(sim).length > 0 || undefined, 30000);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...groupJobs].sort());
    await refreshing.done;
  });

  it('a group of thousands shows its first 100 rows and says how many more it holds; its cancel covers them all', async () => {
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('vaultJobs.groupJobsByTitle');
    const [active] = await api.jobs.children();
    const flood = (await api.jobs.children(active)).find((n): n is JobSetNode => n.kind === 'jobSet' && n.set.label === 'Flooded Import');
    assert.ok(flood, 'the flooded group');
    const rows = await api.jobs.children(flood);
    assert.deepStrictEqual([rows.filter((n) => n.kind === 'job').length, rows.length], [100, 101]);
    const note = rows[100];
    assert.ok(note.kind === 'message' && /^2,?900 more in this group: its Cancel and Export act on all 3,?000/.test(note.message), note.kind === 'message' ? note.message : note.kind);
    assert.strictEqual(flood.set.cancellableIds.length, 3000);
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: 'Incident' });
  });

  it('a three-ID confirmation with thousands of active jobs reads no Active page: a Job Status call per ID', async () => {
    const ids = sim.jobs.addMany(3, { status: 'QUEUED', title: 'Incident Typed' }).map((job) => job.job_id);
    // Nothing recent to lean on: the last listing is older than the few seconds a small check trusts.
    await sleep(10_500);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // no file selection: the palette command asks for IDs
    const asking = vscode.commands.executeCommand('vaultJobs.cancelJobs');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Job IDs to cancel'));
    sim.clearRequestLog();
    await typeText(ids.join(', '));
    await pressKey('Enter');
    const shown = await waitForWorkbenchText(quickInput, (t) => /Cancel 3 jobs on/i.test(t), 20000);
    const calls = sim.requestLog.map((r) => r.path);
    assert.match(shown, /3 are scheduled\/queued/);
    assert.deepStrictEqual(calls.filter((p) => p.includes('/monitors')), [], 'no Active page read for three IDs');
    assert.ok(calls.length <= 3, `at most a call per ID: ${calls.join(', ')}`);
    await pressKey('Escape');
    await asking;
    assert.deepStrictEqual(cancelledInRequests(sim), []);
  });
});
