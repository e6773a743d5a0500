// Names and words as a person reads them in the workbench: the Vault named on the Active row, History
// counted under a filter, a failed result's hover naming Vault's error once, one word for a job Vault
// would not cancel (results, runs list, report), the file a run came from, a report that cannot be
// edited, readable titles of the documents Export and Cancel Jobs Matching make, and the progress
// notification saying that its Cancel button stops sending.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import type { VaultSimulator } from '../../simulator';
import { extensionApi, screenshotIfFailed, signedInToSharedVault, vaultName, vaultSimulator, waitForNotification } from './harness';
import { click, pressKey, quickInput, typeText, waitForWorkbenchText, workbenchText, workbenchUiUrl } from './workbench';

const sidebar = '.part.sidebar';
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;
const toolbarButton = (title: string) => `${sidebar} .action-label[aria-label^="${title}"]`;
const activeTab = '.part.editor .tabs-container .tab.active';
/** A tab's text without its white space: VS Code 1.139 renders a name's extension on a line of its own. */
const squash = (text: string) => text.replace(/\s+/g, '');

/** Picks `choice` in the confirmation by keys (a row's hover can cover the next row for a mouse). */
async function confirmByKeys(shows: RegExp, choice: string): Promise<void> {
  await waitForWorkbenchText(quickInput, (t) => shows.test(t));
  for (let moves = 0; !(await workbenchText(`${quickInput} .monaco-list-row.focused`)).includes(choice); moves++) {
    assert.ok(moves < 5, `no choice "${choice}" in the confirmation`);
    await pressKey('ArrowDown');
  }
  await pressKey('Enter');
}

describe('names and words in the workbench', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;
  let folder: string;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // everything here is read from the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signedInToSharedVault(api, sim, false);
    await vscode.workspace.getConfiguration('workbench').update('view.alwaysShowHeaderActions', true, vscode.ConfigurationTarget.Global);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-words-'));
  });

  beforeEach(async () => {
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  after(async () => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    if (!api) return;
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names the Vault on the Active row, and counts History under a filter as loaded of all in Vault', async () => {
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await waitForWorkbenchText(treeRow('Active'), (t) => new RegExp(`Active\\s*\\d+ · ${vaultName}`).test(t));

    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: ['SUCCESS'], text: 'no title holds this' });
    const history = await waitForWorkbenchText(treeRow('History'), (t) => /History\s*0 of \d+ loaded \([\d,]+ in Vault\)/.test(t));
    const [, loaded, inVault] = /0 of (\d+) loaded \(([\d,]+) in Vault\)/.exec(history) ?? [];
    assert.ok(Number(inVault.replace(/,/g, '')) >= Number(loaded), history);
  });

  it('a failed result names Vault\'s error once on hover; a job Vault would not cancel is "not eligible" in the runs list and the report, which names its file and cannot be edited', async () => {
    const [refused] = sim.jobs.addMany(1, { status: 'RUNNING', title: '000 Words running' }).map((j) => j.job_id);
    const [failing] = sim.jobs.addMany(1, { status: 'QUEUED', title: '000 Words queued' }).map((j) => j.job_id);
    const file = path.join(folder, 'words-probe.csv');
    fs.writeFileSync(file, `job_id\n${refused}\n${failing}\n`);
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    await vscode.workspace.getConfiguration('vaultJobs').update('batchSize', 1, vscode.ConfigurationTarget.Global);
    // The second request fails as a whole, as Vault answers a request it will not act on.
    sim.faults.set({ kind: 'batchFailure', type: 'OPERATION_NOT_ALLOWED', message: 'Not allowed right now', path: /actions\/cancel/, skip: 1, times: 1 });
    try {
      editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
      const finished = new Promise<CancelRunSummary>((resolve) => api.cancel.onDidFinish(resolve));
      void vscode.commands.executeCommand('vaultJobs.cancelSelectedIds');
      await confirmByKeys(/Cancel 2 jobs on Test Sandbox/, 'Cancel 2 Jobs');
      const summary = await finished;
      assert.deepStrictEqual([summary.counts.notEligible, summary.counts.failed], [1, 1], JSON.stringify(summary.counts));
    } finally {
      await vscode.workspace.getConfiguration('vaultJobs').update('batchSize', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForNotification(/Test Sandbox: .*1 not eligible/);

    // The hover of the failed ID, as the mouse would show it.
    editor.selection = new vscode.Selection(new vscode.Position(2, 1), new vscode.Position(2, 1));
    await vscode.commands.executeCommand('editor.action.showHover');
    const hover = await waitForWorkbenchText('.monaco-hover', (t) => t.includes(`Job ${failing}: Failed`));
    assert.strictEqual(hover.match(/OPERATION_NOT_ALLOWED/g)?.length, 1, hover);
    assert.match(hover, /Not allowed right now/);
    await pressKey('Escape');

    const shown = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.showCancelRuns');
    const runs = await waitForWorkbenchText(quickInput, (t) => t.includes('from words-probe.csv'));
    assert.match(runs, /1 not eligible, 1 failed/);
    assert.ok(!/refused/.test(runs), runs);
    await click('.quick-input-list .monaco-list-row:has-text("from words-probe.csv")');
    const report = await shown;
    assert.ok(report);
    const before = report.document.getText();
    assert.deepStrictEqual(before.trim().split('\n').slice(1).map((row) => row.split(',').slice(0, 2)), [[String(refused), 'notEligible'], [String(failing), 'failed']]);
    // A person types into it: nothing changes.
    await click('.part.editor .monaco-editor .view-lines');
    await typeText('typed');
    await waitForWorkbenchText('.part.editor', (t) => /read-only/i.test(t)).catch(() => undefined);
    assert.strictEqual(report.document.getText(), before, 'the report is read-only');
    assert.strictEqual(report.document.isDirty, false);
  });

  it('titles the documents Export and Cancel Jobs Matching make by what they hold and the Vault', async () => {
    sim.jobs.addMany(2, { status: 'SCHEDULED', title: '000 Words export' });
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await click(toolbarButton('Export Jobs…'));
    await waitForWorkbenchText(quickInput, (t) => t.includes('JSON'));
    await click(`${quickInput} .monaco-list-row:has-text("CSV")`);
    await waitForWorkbenchText(activeTab, (t) => squash(t).includes(squash(`Jobs – ${vaultName}.csv`)));
    assert.ok(vscode.window.activeTextEditor?.document.isUntitled);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^job_id,title,status/);

    const review = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.cancelJobsMatching', { statuses: ['SCHEDULED'], title: '000 Words export' });
    assert.ok(review?.document.isUntitled);
    await waitForWorkbenchText(activeTab, (t) => squash(t).includes(squash(`Jobs to cancel – ${vaultName}.csv`)));
    assert.strictEqual(review.selections.length, 2, 'the matches\' IDs are selected');
    // A second export of the same kind gets a name of its own.
    await click(toolbarButton('Export Jobs…'));
    await waitForWorkbenchText(quickInput, (t) => t.includes('JSON'));
    await click(`${quickInput} .monaco-list-row:has-text("CSV")`);
    await waitForWorkbenchText(activeTab, (t) => squash(t).includes(squash(`Jobs – ${vaultName} (2).csv`)));
  });

  it('the progress notification says its Cancel button stops sending and cancels no job', async () => {
    const ids = sim.jobs.addMany(3, { status: 'QUEUED', title: '000 Words progress' }).map((j) => j.job_id);
    sim.faults.set({ kind: 'latency', ms: 4000, path: /actions\/cancel/ });
    const finished = new Promise<CancelRunSummary>((resolve) => api.cancel.onDidFinish(resolve));
    void vscode.commands.executeCommand('vaultJobs.cancelJobs');
    await waitForWorkbenchText(quickInput, (t) => /Job IDs to cancel/.test(t));
    await typeText(ids.join(', '));
    await pressKey('Enter');
    await confirmByKeys(/Cancel 3 jobs on Test Sandbox/, 'Cancel 3 Jobs');
    const shown = await waitForNotification(/Cancelling 3 jobs on Test Sandbox/);
    assert.match(shown, /The Cancel button here stops sending; it does not cancel jobs\./);
    assert.ok((await workbenchText('.notifications-center')).length > 0);
    assert.strictEqual((await finished).counts.accepted, 3);
  });
});
