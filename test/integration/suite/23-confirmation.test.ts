// The cancel confirmation as a person reads it in the workbench: every line whole at the default
// window size (measured on the rendered quick pick, not on what the extension asked VS Code to show),
// the safe choice first and highlighted, a single job named, a mixed selection of the Jobs view
// offering Cancel for its cancellable jobs, and IDs left out by choice not offered for retry.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import type { VaultSimulator } from '../../simulator';
import { cancelledInRequests, extensionApi, screenshotIfFailed, shownResults, signedInToSharedVault, vaultSimulator, waitFor, waitForNotification } from './harness';
import { click, clickMenuItem, clippedText, pressKey, quickInput, rightClick, screenshot, waitForWorkbenchText, workbenchText, workbenchUiUrl } from './workbench';

const sidebar = '.part.sidebar';
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;
const pickRow = (text: string) => `${quickInput} .monaco-list-row:has-text("${text}")`;
const endOf = (document: vscode.TextDocument) => document.lineAt(document.lineCount - 1).range.end;

describe('the cancel confirmation in the workbench', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // everything here is read and clicked in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signedInToSharedVault(api, sim, true);
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
    if (api) await vscode.commands.executeCommand('vaultJobs.clearFilter');
  });

  /** The confirmation once it shows `title`; asserts nothing of it is cut off and the safe choice is highlighted. */
  async function readConfirmation(title: RegExp): Promise<string> {
    const text = await waitForWorkbenchText(quickInput, (t) => title.test(t), 15000);
    assert.deepStrictEqual(await clippedText(quickInput), [], 'every line of the confirmation shows whole');
    assert.match(await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.trim() !== ''), /Don't cancel any jobs/, 'the safe choice is highlighted');
    return text;
  }

  it('shows every fact of a mixed file selection whole, the safe choice first; "only the eligible" leaves the rest out at the user\'s choice, with no Retry for them', async () => {
    const queued = sim.jobs.addMany(3, { status: 'QUEUED', title: '000 Readable queued' }).map((j) => j.job_id);
    const running = sim.jobs.addMany(2, { status: 'RUNNING', title: '000 Readable running' }).map((j) => j.job_id);
    const unknown = 987654320;
    const document = await vscode.workspace.openTextDocument({ language: 'csv', content: `job_id\n${[...queued, ...running, unknown, queued[0], 'abc'].join('\n')}\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), endOf(document));
    await waitFor('the new document in the active editor', () => vscode.window.activeTextEditor?.document === document || undefined);

    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    const shown = await readConfirmation(/Cancel 6 jobs on Test Sandbox\?/);
    const lines = shown.split('\n').map((line) => line.trim()).filter(Boolean);
    for (const fact of [
      `Vault: Test Sandbox (${sim.dns}).`,
      /^6 distinct job IDs from Untitled-\d+\.$/,
      '3 are scheduled/queued and will be cancelled.',
      '2 are running or finished and Vault will refuse them.',
      '1 is unknown to this Vault.',
      '1 duplicate will be sent once.',
      '1 selected value is not a job ID and will not be sent.',
      'Scheduled, queued and queueing jobs move to CANCELLING.',
      'This cannot be undone.',
    ]) assert.ok(lines.some((line) => (typeof fact === 'string' ? line === fact : fact.test(line))), `a line of its own reads "${String(fact)}":\n${shown}`);
    assert.match(shown, /Don't cancel any jobs[\s\S]*Cancel Only the 3 Eligible Jobs[\s\S]*Cancel 6 Jobs[\s\S]*3 are scheduled/, 'the safe choice first, the facts after the choices');
    await screenshot('cancel-confirmation', '.monaco-workbench');

    // A fact is no choice: clicking it leaves the question open and sends nothing.
    await click(pickRow('This cannot be undone.'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(await waitForWorkbenchText(quickInput, () => true), /Cancel 6 jobs on Test Sandbox/);
    assert.deepStrictEqual(cancelledInRequests(sim), []);

    await click(pickRow('Cancel Only the 3 Eligible Jobs'));
    const summary = await run;
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...queued].sort());
    assert.deepStrictEqual(summary.counts, { accepted: 3, notEligible: 0, invalidInput: 0, notSent: 3, unknown: 0, failed: 0 });
    const results = await waitFor('a result on every ID', () => { const found = shownResults(api, document); return found.length === 8 ? found : undefined; });
    const on = (id: number) => results.find((r) => r.text === String(id))?.message ?? '';
    assert.match(on(running[0]), /Not sent: left out at your choice: Vault showed it RUNNING/);
    assert.match(on(unknown), /left out at your choice: this Vault has no such job/);
    assert.strictEqual(results.find((r) => r.text === String(running[0]))?.code, 'LEFT_OUT');

    // The summary offers no Retry Failed: nothing failed, and the rest was left out on purpose.
    const notice = await waitForNotification(/Test Sandbox: 3 accepted, 3 not sent/);
    assert.match(notice, /Show Output/);
    assert.doesNotMatch(notice, /Retry Failed/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri,
      new vscode.Range(new vscode.Position(4, 0), new vscode.Position(4, 1)));
    assert.ok(!fixes.some((f) => /^Retry/.test(f.title)), fixes.map((f) => f.title).join(' | '));
  });

  it('names the one job of a single-job confirmation, title and ID, from the Jobs view\'s context menu', async () => {
    const [job] = sim.jobs.addMany(1, { status: 'QUEUED', title: '000 Named Nightly Export (EU)' });
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: '000 Named Nightly' });
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await waitForWorkbenchText(treeRow('000 Named Nightly Export (EU)'), (t) => t.includes(String(job.job_id)));

    const shown = await (async () => {
      for (let attempt = 1; ; attempt++) {
        await rightClick(treeRow('000 Named Nightly Export (EU)'));
        await clickMenuItem('Cancel Jobs');
        try {
          return await readConfirmation(/Cancel 1 job on Test Sandbox\?/);
        } catch (error) {
          if (attempt === 3) throw error;
          await pressKey('Escape');
        }
      }
    })();
    // A long line goes on in the row's second line: both show whole.
    assert.match(shown, new RegExp(`Job ${job.job_id}: 000 Named Nightly Export \\(EU\\), from the Jobs view \\(1\\s+selected\\)\\.`));
    await pressKey('Escape');
    await waitFor('the confirmation to close', async () => (await workbenchText(quickInput)).trim() === '' || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'Escape cancels nothing');
  });

  it('offers Cancel for the cancellable jobs of a mixed selection in the Jobs view, and sends only those', async () => {
    const queued = sim.jobs.addMany(2, { status: 'QUEUED', title: '000 Mixed selection' }).map((j) => j.job_id);
    const [running] = sim.jobs.addMany(1, { status: 'RUNNING', title: '000 Mixed selection' }).map((j) => j.job_id);
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: '000 Mixed selection' });
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    for (const id of [...queued, running]) await waitForWorkbenchText(treeRow(String(id)), (t) => t.includes(String(id)));

    // Click the first, Ctrl+click the others, right-click the running one: a person's mixed selection.
    await click(treeRow(String(queued[0])));
    await click(treeRow(String(queued[1])), ['Control']);
    await click(treeRow(String(running)), ['Control']);
    await waitFor('three rows selected', async () => (await waitForWorkbenchText(`${sidebar} .monaco-list-row.selected`, () => true)).split(String(running)).length > 1 || undefined);
    await rightClick(treeRow(String(running)));
    await clickMenuItem('Cancel the Cancellable Jobs of the Selection…');
    const shown = await readConfirmation(/Cancel 2 jobs on Test Sandbox\?/);
    assert.match(shown, /2 distinct job IDs from the Jobs view \(2 cancellable of 3 selected\)\./);
    await click(pickRow('Cancel 2 Jobs'));
    await waitFor('the cancel request', () => cancelledInRequests(sim).length > 0 || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...queued].sort(), 'the queued ones only');
    assert.strictEqual(sim.jobs.get(running)?.status, 'RUNNING');
    await waitForNotification(/Test Sandbox: 2 accepted/);
  });
});
