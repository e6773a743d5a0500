// The safe choice by default when a schedule floods the queue, clicked and typed in the workbench: a
// title group's cancel sends its queued members and keeps its scheduled ones unless chosen, and
// Cancel Jobs Matching picks queued and queueing by default, offers the Active list's titles with
// their counts, and says how many jobs match under which titles before the review opens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { GroupNode, JobsNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { cancelledInRequests, extensionApi, screenshotIfFailed, signedInToSharedVault, vaultSimulator, waitFor, waitForNotification } from './harness';
import { click, clickMenuItem, clippedText, pressKey, quickInput, rightClick, screenshot, typeText, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const sidebar = '.part.sidebar';
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;

describe('safe defaults for a flood of queued jobs, in the workbench', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // everything here is clicked and typed in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signedInToSharedVault(api, sim, true);
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
    if (!api) return;
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
  });

  async function activeChildren(): Promise<JobsNode[]> {
    const [active] = await api.jobs.children() as GroupNode[];
    return api.jobs.children(active);
  }

  it('a title group with queued and scheduled members cancels only the queued ones by default; its row shows the counts whole', async () => {
    const title = '000 Flood';
    const queued = [...sim.jobs.addMany(5, { status: 'QUEUED', title }), ...sim.jobs.addMany(1, { status: 'QUEUEING', title })].map((j) => j.job_id);
    const scheduled = sim.jobs.addMany(2, { status: 'SCHEDULED', title }).map((j) => j.job_id);
    sim.jobs.addMany(1, { status: 'RUNNING', title });
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: title });
    await vscode.commands.executeCommand('vaultJobs.groupJobsByTitle');
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await waitFor('the title group', async () => (await activeChildren()).some((n) => n.kind === 'jobSet' && n.set.label === title) || undefined);

    // At the default sidebar width the row reads whole: the title, then queued and scheduled counts.
    const row = await waitForWorkbenchText(treeRow(title), (t) => t.includes('6 queued'));
    assert.match(row, /000 Flood\s*6 queued · 2 sched\.$/m);
    assert.deepStrictEqual(await clippedText(treeRow(title)), [], 'the group row is not cut');

    let shown = '';
    for (let attempt = 1; !shown; attempt++) {
      await rightClick(treeRow(title));
      await clickMenuItem('Cancel Cancellable Jobs…');
      try {
        shown = await waitForWorkbenchText(quickInput, (t) => /Cancel 6 jobs on Test Sandbox\?/.test(t), 5000);
      } catch (error) {
        if (attempt === 3) throw error;
        await pressKey('Escape');
      }
    }
    assert.deepStrictEqual(await clippedText(quickInput), []);
    assert.match(shown, /Don't cancel any jobs[\s\S]*Cancel the 6 Queued Jobs[\s\S]*Cancel the 6 Queued and the 2 Scheduled/);
    assert.match(shown, /6 are scheduled\/queued and will be cancelled\./);
    assert.match(shown, /2 more are scheduled: they stay unless you choose to cancel them too/);
    await screenshot('cancel-group-queued-only', '.monaco-workbench');

    // By keys: one down from the safe choice is the default cancel, the queued ones.
    await pressKey('ArrowDown');
    await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.includes('Cancel the 6 Queued Jobs'));
    await pressKey('Enter');
    await waitFor('the cancel request', () => cancelledInRequests(sim).length > 0 || undefined);
    await waitForNotification(/Test Sandbox: 6 accepted/);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...queued].sort(), 'queued and queueing only');
    for (const id of scheduled) assert.strictEqual(sim.jobs.get(id)?.status, 'SCHEDULED', 'the schedule stays');
  });

  it('Cancel Jobs Matching… picks queued and queueing by default, offers the exact title with its counts, and says how many match before the review', async () => {
    const title = '000 Nightly flood';
    const queued = sim.jobs.addMany(4, { status: 'QUEUED', title }).map((j) => j.job_id);
    sim.jobs.addMany(2, { status: 'SCHEDULED', title }); // future runs of the schedule: not by default
    const namesake = sim.jobs.addMany(3, { status: 'QUEUED', title: `${title} (EU)` }).map((j) => j.job_id);
    await api.jobs.refresh();

    // Exact title, picked from the list by clicks.
    const exact = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.cancelJobsMatching');
    await waitForWorkbenchText(quickInput, (t) => t.includes('statuses'));
    await pressKey('Enter'); // the defaults
    const titles = await waitForWorkbenchText(quickInput, (t) => t.includes(`${title} (EU)`));
    assert.match(titles, new RegExp(`${title}\\s*4 queued`), 'the title with its count of queued jobs; the scheduled ones are not among the chosen statuses');
    assert.match(titles, new RegExp(`${title} \\(EU\\)\\s*3 queued`));
    await typeText(title);
    await click(`${quickInput} .monaco-list-row:has-text("${title}"):not(:has-text("(EU)"))`);
    for (const step of ['created on or after', 'created before', 'created by user ID']) {
      await waitForWorkbenchText(quickInput, (t) => t.includes(step));
      await pressKey('Enter');
    }
    const matches = await waitForWorkbenchText(quickInput, (t) => /4 of \d+ active jobs of Test Sandbox match/.test(t));
    assert.match(matches, /Every match has the title you picked\./);
    assert.deepStrictEqual(await clippedText(quickInput), []);
    await pressKey('Enter'); // Review
    const editor = await exact;
    assert.ok(editor, 'the review document opened');
    assert.deepStrictEqual(editor.selections.map((s) => Number(editor.document.getText(s))).sort(), [...queued].sort(), 'the exact title\'s queued jobs, not the namesake\'s, not the scheduled ones');

    // A typed text catches the namesake too: the titles and their counts show before the review, and Escape stops.
    const typed = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.cancelJobsMatching');
    await waitForWorkbenchText(quickInput, (t) => t.includes('statuses'));
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Type a text the title contains'));
    await click(`${quickInput} .monaco-list-row:has-text("Type a text the title contains")`);
    await waitForWorkbenchText(quickInput, (t) => t.includes('title contains'));
    await typeText(title);
    await pressKey('Enter');
    for (const step of ['created on or after', 'created before', 'created by user ID']) {
      await waitForWorkbenchText(quickInput, (t) => t.includes(step));
      await pressKey('Enter');
    }
    const both = await waitForWorkbenchText(quickInput, (t) => /7 of \d+ active jobs of Test Sandbox match/.test(t));
    assert.match(both, /The matches have 2 titles, with how many of each:/);
    assert.match(both, new RegExp(`4 × ${title}(\\n|$)`));
    assert.match(both, new RegExp(`3 × ${title} \\(EU\\)`));
    assert.deepStrictEqual(await clippedText(quickInput), []);
    await screenshot('cancel-matching-titles', quickInput);
    await pressKey('Escape');
    assert.strictEqual(await typed, undefined, 'nothing opened');
    assert.ok(namesake.every((id) => sim.jobs.get(id)?.status === 'QUEUED'));
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'nothing cancelled');
  });
});
