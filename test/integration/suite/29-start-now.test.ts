// Start Now as a person uses it in the workbench: the confirmation names each job and the scheduled run
// it skips, Enter keeps the jobs as they are, several selected jobs are started in one confirmation with
// an outcome each, a production Vault asks for its name, and every start is recorded and listed in
// Show Job Actions with its CSV report.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { StartNowSummary } from '../../../src/ext/cancel/startNow';
import type { GroupNode, JobNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { answerDialog, configureVaults, extensionApi, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { clippedText, pressKey, quickInput, screenshot, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const focusedRow = `${quickInput} .monaco-list-row.focused`;

/** Vault's ISO date as the confirmation shows it: local "2026-12-24 23:00". */
function localMinute(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

describe('Start Now in the workbench', function () {
  this.timeout(120000);
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // every case reads or presses keys on the real quick pick
    api = await extensionApi();
    sim = await vaultSimulator();
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    await waitFor('the Vault', () => api.session.vault?.name === vaultName || undefined);
    if (api.session.state !== 'signedIn') {
      assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    }
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  const startsSent = () => sim.requestLog.filter((r) => r.method === 'POST' && r.path.includes('/services/jobs/start_now/'))
    .map((r) => Number(/start_now\/(\d+)/.exec(r.path)?.[1]));

  async function activeNodes(ids: readonly number[]): Promise<JobNode[]> {
    await api.jobs.refresh();
    const [active] = await api.jobs.children() as GroupNode[];
    const nodes = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job' && ids.includes(n.job.job_id));
    assert.strictEqual(nodes.length, ids.length, 'every job is listed');
    return ids.map((id) => nodes.find((n) => n.job.job_id === id)!);
  }

  /** Moves the quick pick's highlight down to the row that contains `label`; a key pressed while the list takes focus can be lost, so it is pressed again. */
  async function moveTo(label: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await pressKey('ArrowDown');
      try {
        await waitForWorkbenchText(focusedRow, (t) => t.includes(label), 3000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  it('Enter on the confirmation starts nothing; the confirmation names the job and the scheduled run it skips', async () => {
    const planned = '2026-12-24T23:00:00.000Z';
    const job = sim.jobs.add({ status: 'SCHEDULED', title: 'Nightly Product Catalog Sync', run_start_date: planned });
    const nodes = await activeNodes([job.job_id]);
    const declined = vscode.commands.executeCommand<StartNowSummary | undefined>('vaultJobs.startJobNow', nodes[0], nodes);
    const shown = await waitForWorkbenchText(quickInput, (t) => t.includes('Skips the run planned for'));
    assert.ok(shown.includes(`Start "Nightly Product Catalog Sync" (job ${job.job_id}) now on ${vaultName}`), shown);
    assert.ok(shown.includes(`Skips the run planned for ${localMinute(planned)} · job ${job.job_id}`), shown);
    assert.match(shown, /Vault runs it at once and skips its scheduled run of this interval/);
    const highlighted = await waitForWorkbenchText(focusedRow, (t) => t.trim() !== '');
    assert.match(highlighted, /Don't start any jobs/, 'the safe item is the default');
    assert.deepStrictEqual(await clippedText(quickInput), [], 'every line of the confirmation shows whole');
    await screenshot('start-now-confirmation', '.monaco-workbench');
    await pressKey('Enter');
    assert.strictEqual(await declined, undefined);
    assert.deepStrictEqual(startsSent(), [], 'one Enter sent nothing');
    assert.strictEqual(sim.jobs.get(job.job_id)?.status, 'SCHEDULED');
  });

  it('starts several selected jobs in one confirmation, each with its own outcome, recorded and listed in Show Job Actions', async () => {
    const a = sim.jobs.add({ status: 'SCHEDULED', title: 'Start Probe A' }).job_id;
    const b = sim.jobs.add({ status: 'SCHEDULED', title: 'Start Probe B' }).job_id;
    const queued = sim.jobs.add({ status: 'QUEUED', title: 'Start Probe Queued' }).job_id;
    const nodes = await activeNodes([a, b, queued]);
    const run = vscode.commands.executeCommand<StartNowSummary | undefined>('vaultJobs.startJobNow', nodes[0], nodes);
    const shown = await waitForWorkbenchText(quickInput, (t) => t.includes(`Start 2 scheduled jobs now on ${vaultName}`));
    assert.match(shown, /Start Probe A[\s\S]*Start Probe B/, 'each job is named');
    assert.match(shown, /1 selected job is not scheduled and is not started/);
    assert.deepStrictEqual(await clippedText(quickInput), [], 'every line shows whole');
    // Before the confirmation, another admin started B: Vault refuses to start it again.
    sim.jobs.setStatus(b, 'QUEUED');
    await waitForWorkbenchText(focusedRow, (t) => t.includes("Don't start any jobs"));
    await moveTo('Start 2 Jobs Now');
    await pressKey('Enter');
    const summary = await run;
    assert.ok(summary);
    assert.deepStrictEqual([a, b].map((id) => summary.outcomes.get(id)?.fate), ['accepted', 'refused']);
    assert.strictEqual(summary.outcomes.has(queued), false, 'a job that is not scheduled is not sent');
    assert.deepStrictEqual(startsSent(), [a, b], 'one request per job, in order');
    assert.notStrictEqual(sim.jobs.get(a)?.status, 'SCHEDULED');
    await waitForNotification(/Start Now on Test Sandbox: 1 started, 1 refused by Vault/);

    const report = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.showCancelRuns');
    const list = await waitForWorkbenchText(quickInput, (t) => t.includes('Job actions'));
    assert.match(list, /Start Now · /, 'the run is listed as a Start Now');
    await pressKey('Enter'); // newest first: this run
    const editor = await report;
    assert.ok(editor);
    const rows = editor.document.getText().trim().split('\n').map((line) => line.split(','));
    const action = rows[0].indexOf('action');
    assert.strictEqual(action, 6, rows[0].join(','));
    assert.deepStrictEqual(rows.slice(1).map((row) => [Number(row[0]), row[1], row[action]]), [[a, 'accepted', 'start now'], [b, 'notEligible', 'start now']]);
    assert.match(rows[2][2], new RegExp(`Job \\[${b}\\] is not in SCHEDULED state`), "Vault's own reason");
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("on a production Vault asks for the Vault's name before starting", async () => {
    await configureVaults([{ name: vaultName, dns: sim.dns }, { name: 'Test Production', dns: sim.dns, production: true }], 'Test Production');
    await waitFor('the production Vault to be active', () => api.session.active?.vault.name === 'Test Production' || undefined);
    try {
      const job = sim.jobs.add({ status: 'SCHEDULED', title: 'Production Start Probe' }).job_id;
      const nodes = await activeNodes([job]);
      const run = vscode.commands.executeCommand<StartNowSummary | undefined>('vaultJobs.startJobNow', nodes[0], nodes);
      await answerDialog(/now on PRODUCTION Vault Test Production/, 'Start Now');
      await waitForWorkbenchText(quickInput, (t) => t.includes('Type the Vault\'s name, Test Production, to start 1 job now'));
      assert.deepStrictEqual(startsSent(), [], 'nothing sent before the name is typed');
      await pressKey('Escape');
      assert.strictEqual(await run, undefined);
      assert.deepStrictEqual(startsSent(), []);
      assert.strictEqual(sim.jobs.get(job)?.status, 'SCHEDULED');
    } finally {
      await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    }
  });
});
