// Watching jobs to their end in the workbench, with the simulator as the Vault: a cancel from a CSV
// with the Jobs view closed, a watched RUNNING job that ends, a CANCELLING job a watchdog marks,
// and watches kept in the extension's storage.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import type { GroupNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { answerDialog, extensionApi, logFiles, screenshotIfFailed, setSetting, shownResults, signedInToSharedVault, vaultSimulator, waitFor } from './harness';
import { clickMenuItem, rightClick, screenshot, waitForWorkbenchText, workbenchText, workbenchUiUrl } from './workbench';

const sidebar = '.part.sidebar';
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;

/** The notification centre's text (every notification, toasts hidden while tests run). */
async function notificationsText(): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    return await workbenchText('.notifications-center');
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** How many notifications the extension showed whose text matches (its log has a line for each). */
function toldInLog(api: VaultJobsApi, pattern: RegExp): number {
  const log = logFiles(api.logDirectory).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  return occurrences(log, new RegExp(`told: ${pattern.source}`));
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watching jobs to their end', function () {
  this.timeout(120_000);
  let api: VaultJobsApi;
  let sim: VaultSimulator;
  let folder: string;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // notifications and rows are read from the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync('/tmp/vault-jobs-');
    await signedInToSharedVault(api, sim, true);
  });

  beforeEach(async () => {
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  it('follows a cancel from a CSV to its end with the Jobs view closed: every result Cancelled, one notification, final states in the report', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the Jobs view to be hidden', () => !api.jobs.view.visible || undefined);
    const ids = Array.from({ length: 7 }, (_, i) => sim.jobs.add({ status: 'QUEUED', title: `Watched export ${i}` }).job_id);
    const file = path.join(folder, 'watch-cancel.csv');
    fs.writeFileSync(file, `job_id,title\n${ids.map((id, i) => `${id},Watched export ${i}`).join('\n')}\n`);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(ids.length + 1, 0));

    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    await answerDialog(/Cancel 7 jobs on/, 'Cancel 7 Jobs');
    const summary = await run;
    assert.ok(summary?.runId, 'the run was recorded');
    assert.strictEqual(summary.counts.accepted, 7);

    // The simulator turns them CANCELLED after 1.5 s; the watch reads every 5 s while they show CANCELLING.
    const told = /7 cancelled/;
    await waitFor('every result to read Cancelled', () => {
      const results = shownResults(api, editor.document);
      return results.length === 7 && results.every((r) => r.kind === 'accepted' && r.code === 'CANCELLED') || undefined;
    }, 30_000);
    await waitFor('the notification', async () => told.test(await notificationsText()) || undefined, 30_000);
    assert.strictEqual(api.jobs.view.visible, false, 'the Jobs view stayed closed');
    await sleep(11_000); // two more reading intervals: nothing more is told of this run
    await waitFor('the notification in the log', () => toldInLog(api, told) > 0 || undefined);
    assert.strictEqual(toldInLog(api, told), 1, 'one notification');

    const report = await api.runs.showReport(summary.runId);
    assert.ok(report);
    const rows = report.document.getText().trim().split('\n');
    assert.strictEqual(rows[0], 'job_id,outcome,vault_message,sent_at,vault,user,action,title,source,final_state,final_at');
    for (const id of ids) assert.match(rows.find((row) => row.startsWith(`${id},`)) ?? '', /,accepted,.*,CANCELLED,\d{4}-\d\d-\d\dT/, `job ${id}'s final state`);
  });

  it('tells when a watched RUNNING job that was watched from its row finishes', async () => {
    const title = 'Quarterly Catalog Rebuild';
    const id = sim.jobs.add({ status: 'RUNNING', title }).job_id;
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await api.jobs.refresh();
    // Only its row, as a person would find it among hundreds.
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: title });
    try {
      await waitForWorkbenchText(sidebar, (t) => t.includes(title));
      await rightClick(treeRow(title));
      await clickMenuItem('Watch');
      const [, , watched] = await api.jobs.children() as GroupNode[];
      assert.ok(watched, 'the Watched section shows');
      await waitFor('the job in the Watched section', async () => (await api.jobs.children(watched)).some((node) => 'jobId' in node && node.jobId === id) || undefined);
      await waitForWorkbenchText(sidebar, (t) => /Watched[\s\S]*Quarterly Catalog Rebuild/.test(t));
      sim.jobs.setStatus(id, 'ERRORS_ENCOUNTERED');
      // A running job is read again within 30 s.
      await waitFor('the notification', async () => /Quarterly Catalog Rebuild finished: Errors encountered/.test(await notificationsText()) || undefined, 45_000);
      await screenshot('watch-finished');
      await api.jobs.refresh(); // one more reading: nothing more to tell
      await waitFor('the notification in the log', () => toldInLog(api, /Quarterly Catalog Rebuild finished/) > 0 || undefined);
      await sleep(1000);
      assert.strictEqual(toldInLog(api, /Quarterly Catalog Rebuild finished/), 1, 'one notification');
    } finally {
      await vscode.commands.executeCommand('vaultJobs.stopWatchingJobs', { ids: [id] });
      await vscode.commands.executeCommand('vaultJobs.clearFilter');
    }
  });

  it('fires the CANCELLING watchdog once per job, with a notification and a mark on its row', async () => {
    const title = 'Stuck Bulk Delete';
    const job = sim.jobs.add({ status: 'CANCELLING', title, modified_date: new Date(Date.now() - 15 * 60_000).toISOString() });
    sim.jobs.hold(job.job_id); // Vault never finishes this cancel
    await setSetting('watchdogCancellingMinutes', 10);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.watchJobs', { ids: [job.job_id] }), 1);
      // Read now, as a Refresh does: with the thousands of active jobs earlier suites left, the paced
      // reading may be half a minute away.
      await api.jobs.refresh();
      const told = /Stuck Bulk Delete \(\d+\) is still cancelling after 10 minutes/;
      await waitFor('the watchdog\'s notification', async () => told.test(await notificationsText()) || undefined, 30_000);
      await vscode.commands.executeCommand('vaultJobs.showWatchedJobs');
      await waitForWorkbenchText(sidebar, (t) => /Stuck Bulk Delete[\s\S]*stuck: Cancelling/.test(t));
      await screenshot('watch-watchdog');
      // Two more readings of the job, still CANCELLING (a Refresh reads for the watches too).
      await api.jobs.refresh();
      await api.jobs.refresh();
      await sleep(1000);
      const fired = new RegExp(`watched job ${job.job_id} \\(Stuck Bulk Delete\\) is still CANCELLING after 10 minutes`, 'g');
      const log = logFiles(api.logDirectory).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      assert.strictEqual(log.match(fired)?.length, 1, 'the watchdog fired once');
      await waitFor('the notification in the log', () => toldInLog(api, told) > 0 || undefined);
      assert.strictEqual(toldInLog(api, told), 1, 'and said so once');
    } finally {
      await vscode.commands.executeCommand('vaultJobs.stopWatchingJobs', { ids: [job.job_id] });
      sim.jobs.setStatus(job.job_id, 'CANCELLED');
      await setSetting('watchdogCancellingMinutes', undefined);
    }
  });
});
