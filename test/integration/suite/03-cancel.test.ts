import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import { Redactor } from '../../../src/core/log';
import { RunStore } from '../../../src/core/runs';
import type { JobStatus, VaultSimulator } from '../../simulator';
import type { GroupNode, JobNode } from '../../../src/ext/jobs/jobNodes';
import { answerDialog, cancelledInRequests, clickNotificationButton, configureVaults, extensionApi, logFiles, setSetting, shownResults, signedInToSharedVault, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { pressKey, screenshot, typeText, waitForWorkbenchText, workbenchUiUrl, quickInput } from './workbench';

describe('cancelling jobs', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;
  let folder: string;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // confirmations are answered by clicking in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync('/tmp/vault-jobs-');
    await signedInToSharedVault(api, sim, true);
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  const newJobs = (count: number, status: JobStatus = 'QUEUED') =>
    Array.from({ length: count }, (_, i) => sim.jobs.add({ status, title: `Test ${status} ${i}` }).job_id);

  async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(file);
    return vscode.window.showTextDocument(document);
  }

  /** Starts a command that will ask for confirmation, confirms it by clicking, and returns its result. */
  async function runConfirmed(command: Thenable<CancelRunSummary | undefined>, distinct: number): Promise<CancelRunSummary> {
    await answerDialog(new RegExp(`Cancel ${distinct} jobs? on`), `Cancel ${distinct} Job${distinct === 1 ? '' : 's'}`);
    const summary = await command;
    assert.ok(summary, 'the run finished');
    return summary;
  }

  it('cancels the IDs selected in a CSV export and pins every outcome to its cell', async () => {
    const [a, b, c] = newJobs(3);
    const [running] = newJobs(1, 'RUNNING');
    const csv = `job_id,title,status\r\n${a},"Bulk, Export",QUEUED\r\n${b},Nightly Review,QUEUED\r\n${running},Running Job,RUNNING\r\n12.5,Typo,QUEUED\r\n${c},"Ünïcode ✓",QUEUED\r\n${a},Duplicate,QUEUED\r\n`;
    const editor = await openFile('export.csv', csv);
    const document = editor.document;
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(7, 0));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, editor.selection);
    assert.ok(actions.some((x) => x.title === 'Cancel 4 Vault jobs…'), actions.map((x) => x.title).join(' | '));

    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    const dialog = await waitForWorkbenchText(quickInput, (t) => /Cancel 4 jobs on Test Sandbox/.test(t));
    assert.match(dialog, /1 duplicate/);
    assert.match(dialog, /1 selected value is not a job ID/);
    await screenshot('cancel-confirmation');
    const summary = await runConfirmed(run, 4);

    assert.deepStrictEqual(cancelledInRequests(sim), [[a, b, running, c]], 'one request, each distinct ID once, in file order');
    assert.deepStrictEqual(summary.counts, { accepted: 3, notEligible: 1, invalidInput: 0, notSent: 0, unknown: 0, failed: 0 });
    assert.strictEqual(sim.jobs.get(a)?.status, 'CANCELLING');

    // Every occurrence has its result; only the two that need action are diagnostics (problems).
    const results = await waitFor('results', () => { const r = shownResults(api, document); return r.length === 6 ? r : undefined; });
    assert.deepStrictEqual(results.map((r) => [r.line, r.text, r.kind]), [
      [1, String(a), 'accepted'], [2, String(b), 'accepted'], [3, String(running), 'notEligible'], [4, '12.5', 'problem'], [5, String(c), 'accepted'], [6, String(a), 'accepted'],
    ]);
    assert.match(results[0].message, /cancel/i);
    assert.match(results[5].message, /same ID as line 2/);
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((x) => x.source === 'Vault Jobs');
    const at = (line: number) => diagnostics.find((d) => d.range.start.line === line);
    assert.deepStrictEqual(diagnostics.map((d) => d.range.start.line).sort(), [3, 4], 'no diagnostic for an accepted ID');
    assert.strictEqual(document.getText(at(3)?.range), String(running));
    assert.strictEqual(at(3)?.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(at(3)?.code, 'INVALID_DATA');
    assert.match(at(3)?.message ?? '', new RegExp(`Job \\[${running}\\] is not found in QUEUED or QUEUEING state`));
    assert.doesNotMatch(at(3)?.message ?? '', /INVALID_DATA/, 'the hover shows the code once, as the code');
    assert.strictEqual(document.getText(at(4)?.range), '12.5');
    assert.strictEqual(at(4)?.code, 'INVALID_JOB_ID');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitForWorkbenchText('.part.panel', (t) => t.includes(`Job [${running}] is not found`));
    await screenshot('csv-results');
  });

  it('moves results with edits above them and drops a result whose text changes', async () => {
    const [a, b] = newJobs(2);
    const editor = await openFile('edits.csv', `job_id\n${a}\n${b}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
    await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 2);
    const { document } = editor;
    const summary = (results: ReturnType<typeof shownResults>) => results.map((r) => [r.line, r.text]);
    await waitFor('two results', () => shownResults(api, document).length === 2 || undefined);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# exported today\n'));
    await waitFor('results moved down with the text', () => JSON.stringify(summary(shownResults(api, document))) === JSON.stringify([[2, String(a)], [3, String(b)]]) || undefined);
    await editor.edit((e) => e.replace(new vscode.Range(2, 0, 2, 1), '9'));
    await waitFor('the result whose text changed to go', () => JSON.stringify(summary(shownResults(api, document))) === JSON.stringify([[3, String(b)]]) || undefined);
    await vscode.commands.executeCommand('vaultJobs.clearResults');
    assert.deepStrictEqual(shownResults(api, document), []);
  });

  it('cancels exactly the job_id values of a saved monitors response', async () => {
    const ids = newJobs(3, 'SCHEDULED');
    const response = await api.session.active?.client.listMonitors({ status: 'scheduled', limit: 200 });
    assert.ok(response);
    const mine = response.jobs.filter((j) => ids.includes(j.job_id));
    const body = JSON.stringify({ responseStatus: 'SUCCESS', responseDetails: { total: mine.length, limit: 200, offset: 0 }, jobs: mine }, null, 2);
    const editor = await openFile('monitors.json', body);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 3);
    assert.deepStrictEqual([...cancelledInRequests(sim).flat()].sort(), [...ids].sort());
    assert.strictEqual(summary.counts.accepted, 3);
    const results = shownResults(api, editor.document);
    assert.deepStrictEqual(results.map((r) => Number(r.text)).sort(), [...ids].sort());
    assert.ok(results.every((r) => r.kind === 'accepted'));
  });

  it('cancels several jobs selected in the Jobs view', async () => {
    const ids = newJobs(3);
    await vscode.commands.executeCommand('vaultJobs.jobs.focus'); // cancelled jobs are followed while the view is visible
    await api.jobs.refresh();
    const [active] = await api.jobs.children() as GroupNode[];
    const nodes = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job' && ids.includes(n.job.job_id));
    assert.strictEqual(nodes.length, 3);
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelJobs', nodes[0], nodes), 3);
    assert.strictEqual(summary.counts.accepted, 3);
    assert.deepStrictEqual([...cancelledInRequests(sim).flat()].sort(), [...ids].sort());
    // Followed until Vault shows them CANCELLED.
    await waitFor('the view to show them cancelled', async () => {
      const shown = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job').map((n) => n.job.job_id);
      return ids.every((id) => !shown.includes(id)) || undefined;
    }, 20000);
  });

  it('asks for typed IDs from the palette and validates them', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const [a, b] = newJobs(2);
    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelJobs');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Job IDs to cancel'));
    await typeText(`${a}, 12x`);
    await waitForWorkbenchText(quickInput, (t) => /12x/.test(t) && /not a job ID/i.test(t));
    for (let i = 0; i < 3; i++) await pressKey('Backspace');
    await typeText(` ${b}`);
    await pressKey('Enter');
    const summary = await runConfirmed(run, 2);
    assert.strictEqual(summary.counts.accepted, 2);
    assert.deepStrictEqual(cancelledInRequests(sim), [[a, b]]);
  });

  it('stops sending when the user stops the run; unsent IDs end as "not sent" and can be retried', async () => {
    await setSetting('batchSize', 2);
    await setSetting('concurrency', 1);
    try {
      const ids = newJobs(8);
      sim.faults.set({ kind: 'latency', ms: 700, path: /actions\/cancel/ });
      const editor = await openFile('stop.csv', `job_id\n${ids.join('\n')}\n`);
      editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(9, 0));
      const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
      await answerDialog(/Cancel 8 jobs on/, 'Cancel 8 Jobs');
      await waitFor('the first request', () => cancelledInRequests(sim).length >= 1 || undefined);
      await clickNotificationButton('Cancel');
      const stoppedAt = sim.requestLog.length;
      const summary = await run;
      assert.ok(summary);
      assert.ok(summary.counts.notSent > 0, `some IDs were not sent: ${JSON.stringify(summary.counts)}`);
      assert.strictEqual(summary.counts.accepted + summary.counts.notSent, 8);
      const sent = cancelledInRequests(sim).flat();
      assert.strictEqual(sent.length, summary.counts.accepted, 'exactly the accepted IDs were sent');
      assert.ok(sim.requestLog.slice(stoppedAt).every((r) => !r.path.includes('actions/cancel') || sent.length <= 4), 'nothing new after the stop');
      const notSent = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'NOT_SENT');
      assert.strictEqual(notSent.length, summary.counts.notSent);

      sim.faults.clear();
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, notSent[0].range);
      const retry = fixes.find((f) => f.title.startsWith('Retry all'));
      assert.ok(retry?.command, 'a Retry quick fix on a not-sent result');
      const retried = vscode.commands.executeCommand<CancelRunSummary>(retry.command.command, ...(retry.command.arguments as unknown[]));
      await answerDialog(/Cancel \d+ jobs? on/, `Cancel ${summary.counts.notSent} Job${summary.counts.notSent === 1 ? '' : 's'}`);
      assert.strictEqual((await retried)?.counts.accepted, summary.counts.notSent);
    } finally {
      await setSetting('batchSize', undefined);
      await setSetting('concurrency', undefined);
    }
  });

  it('marks IDs failed with Vault\'s reason and sends them again from the summary\'s Retry Failed', async () => {
    const ids = newJobs(2);
    const editor = await openFile('failed.csv', `job_id\n${ids.join('\n')}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
    const fault = sim.faults.set({ kind: 'batchFailure', type: 'INSUFFICIENT_ACCESS', message: 'User [61234] not licensed for permission [VaultActions_API_Access]', path: /actions\/cancel/, times: 1 });
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 2);
    assert.strictEqual(fault.fired, 1);
    assert.strictEqual(summary.counts.failed, 2, JSON.stringify(summary.counts));
    const failed = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepStrictEqual(failed.map((d) => [d.severity, d.code]), [[vscode.DiagnosticSeverity.Error, 'INSUFFICIENT_ACCESS'], [vscode.DiagnosticSeverity.Error, 'INSUFFICIENT_ACCESS']]);
    assert.match(failed[0].message, /not licensed/);

    await waitForNotification(/Test Sandbox: 2 failed/);
    await clickNotificationButton('Retry Failed');
    await answerDialog(/Cancel 2 jobs on/, 'Cancel 2 Jobs');
    await waitFor('the retried IDs to be accepted', () => shownResults(api, editor.document).every((r) => r.kind === 'accepted') || undefined);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri), [], 'nothing left that needs action');
    assert.deepStrictEqual(cancelledInRequests(sim), [ids, ids], 'sent once, then once more on Retry Failed');
    assert.ok(ids.every((id) => sim.jobs.get(id)?.status === 'CANCELLING'));
  });

  it('Retry on the Cancel Results view\'s failed group sends those IDs again, through the confirmation', async () => {
    const ids = newJobs(3);
    const editor = await openFile('retry-group.csv', `job_id\n${ids.join('\n')}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(4, 0));
    sim.faults.set({ kind: 'batchFailure', type: 'INSUFFICIENT_ACCESS', message: 'not licensed', path: /actions\/cancel/, times: 1 });
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 3);
    assert.strictEqual(summary.counts.failed, 3);
    const failedGroup = api.cancel.resultRows().find((g) => g.type === 'resultGroup' && g.kind === 'failed');
    assert.ok(failedGroup && api.cancel.resultItem(failedGroup).contextValue === 'resultGroup.retryable');
    const retried = vscode.commands.executeCommand('vaultJobs.retryResultGroup', failedGroup);
    await answerDialog(/Cancel 3 jobs on/, 'Cancel 3 Jobs');
    await retried;
    await waitFor('the retried IDs to be accepted', () => shownResults(api, editor.document).every((r) => r.kind === 'accepted') || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [ids, ids], 'sent once, then once more from the group');
  });

  it('shows an unknown fate as such, never as failed, and its Verify quick fix settles it with Vault', async () => {
    const ids = newJobs(2);
    const editor = await openFile('unknown.csv', `job_id\n${ids.join('\n')}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
    // Vault cancels, its answers are lost, and every status or list read fails too.
    sim.faults.set({ kind: 'dropAfterApply', path: /actions\/cancel/ });
    sim.faults.set({ kind: 'proxy502', path: /services\/jobs\/\d+$|jobs\/(monitors|histories)/ });
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 2);
    assert.deepStrictEqual(summary.counts, { accepted: 0, notEligible: 0, invalidInput: 0, notSent: 0, unknown: 2, failed: 0 });
    assert.ok(ids.every((id) => ['CANCELLING', 'CANCELLED'].includes(sim.jobs.get(id)?.status ?? '')), 'the simulator did cancel them');
    const unknown = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepStrictEqual(unknown.map((d) => [editor.document.getText(d.range), d.severity, d.code]), ids.map((id) => [String(id), vscode.DiagnosticSeverity.Warning, 'UNKNOWN']));
    assert.match(unknown[0].message, /^Job \d+: Unknown: sent, but whether Vault cancelled it is not known: .*its status could not be checked.* — Verify checks it with Vault$/);
    await waitForNotification(/Test Sandbox: 2 of unknown fate\./);

    sim.faults.clear();
    sim.clearRequestLog();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, unknown[0].range);
    const verify = actions.find((action) => action.title === `Verify job ${ids[0]} with Vault`);
    assert.ok(verify?.command, actions.map((action) => action.title).join(' | '));
    assert.ok(!actions.some((action) => action.title.startsWith('Retry')), 'an unknown fate is never offered for a plain resend');
    await vscode.commands.executeCommand(verify.command.command, ...((verify.command.arguments ?? []) as unknown[]));
    const settled = await waitFor('the verified result', () => {
      const [first] = shownResults(api, editor.document);
      return first?.kind === 'accepted' ? first : undefined;
    });
    assert.match(settled.message, new RegExp(`^Job ${ids[0]}: Cancel(ling|led) \\(confirmed by a status check\\)$`));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri).map((d) => [editor.document.getText(d.range), d.code]), [[String(ids[1]), 'UNKNOWN']],
      'the other ID was not part of that quick fix');
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'verifying sends no cancel');

    // Verify on the Cancel Results view's group of unknown fate settles the other one.
    const unknownGroup = api.cancel.resultRows().find((g) => g.type === 'resultGroup' && g.kind === 'unknown');
    assert.ok(unknownGroup && api.cancel.resultItem(unknownGroup).contextValue === 'resultGroup.unknown');
    await vscode.commands.executeCommand('vaultJobs.verifyResultGroup', unknownGroup);
    await waitFor('the group verified', () => shownResults(api, editor.document).every((r) => r.kind === 'accepted') || undefined);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri), []);
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'verifying sends no cancel');

    // The run's record says what the checks found: its report and counts, still a finished run.
    assert.ok(summary.runId, 'the run was recorded');
    const store = new RunStore(api.runs.directory, new Redactor());
    const run = store.load(summary.runId);
    assert.deepStrictEqual([run?.state, ids.map((id) => run?.ids.get(id)?.fate)], ['finished', ['accepted', 'accepted']]);
    const listed = (await store.list()).find((r) => r.header.runId === summary.runId);
    assert.deepStrictEqual([listed?.state, listed?.counts.accepted, listed?.counts.unknown], ['finished', 2, 0]);
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'a finished run checked later is not offered as stopped');
  });

  it('after Verify, tells the jobs this run cancelled from those Vault shows cancelled before it', async () => {
    const [queued] = newJobs(1);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const [before] = sim.jobs.addMany(1, { status: 'CANCELLED', modified_date: tenMinutesAgo, run_end_date: tenMinutesAgo }).map((job) => job.job_id);
    const editor = await openFile('cancelled-before.csv', `job_id\n${queued}\n${before}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
    // Vault acts on both (cancels one, refuses the other), and every answer, status and list read is lost.
    sim.faults.set({ kind: 'dropAfterApply', path: /actions\/cancel/ });
    sim.faults.set({ kind: 'proxy502', path: /services\/jobs\/\d+$|jobs\/(monitors|histories)/ });
    const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 2);
    assert.strictEqual(summary.counts.unknown, 2);
    sim.faults.clear();
    await vscode.commands.executeCommand('vaultJobs.verifyUnknown', [queued, before]);
    await waitForNotification(/Test Sandbox: checked 2 jobs of unknown fate: 1 accepted, 1 already cancelled before this run\./);
    assert.deepStrictEqual(shownResults(api, editor.document).map((r) => r.kind), ['accepted', 'notEligible']);
  });

  it('renews an expired session with the stored password and loses nothing', async () => {
    await setSetting('batchSize', 2);
    try {
      const ids = newJobs(6);
      const editor = await openFile('expiry.csv', `job_id\n${ids.join('\n')}\n`);
      editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(7, 0));
      sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 1, path: /actions\/cancel/, times: 1 });
      const summary = await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 6);
      assert.strictEqual(summary.counts.accepted, 6, JSON.stringify(summary.counts));
      assert.ok(sim.requestLog.some((r) => r.path.endsWith('/auth')), 'signed in again');
      assert.strictEqual(api.session.state, 'signedIn');
    } finally {
      await setSetting('batchSize', undefined);
    }
  });

  it('asks for the password when the session expires and none is stored, then goes on', async () => {
    assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    await setSetting('batchSize', 2);
    try {
      const ids = newJobs(4);
      const editor = await openFile('expiry-prompt.csv', `job_id\n${ids.join('\n')}\n`);
      editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(5, 0));
      sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 1, path: /actions\/cancel/, times: 1 });
      const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
      await answerDialog(/Cancel 4 jobs on/, 'Cancel 4 Jobs');
      await waitForWorkbenchText(quickInput, (t) => t.includes('Your Vault session expired'));
      await typeText(sim.password);
      await pressKey('Enter');
      const summary = await run;
      assert.strictEqual(summary?.counts.accepted, 4, JSON.stringify(summary?.counts));
      assert.deepStrictEqual(cancelledInRequests(sim).flat().filter((id, i, all) => all.indexOf(id) === i).sort(), [...ids].sort());
    } finally {
      await setSetting('batchSize', undefined);
    }
  });

  it('records each run in the output channel: the Vault, every ID\'s outcome, the API budget', async () => {
    const [a] = newJobs(1);
    const [done] = newJobs(1, 'SUCCESS');
    const editor = await openFile('logged.csv', `job_id\n${a}\n${done}\n`);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(3, 0));
    await runConfirmed(vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds'), 2);
    const session = api.session.active?.session;
    assert.ok(session);
    const log = await waitFor('the run in the log file', () => {
      const text = logFiles(api.logDirectory).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      return text.includes(`job ${done}: Not eligible`) ? text : undefined;
    });
    assert.match(log, new RegExp(`cancelling 2 job ID\\(s\\) from logged\\.csv on ${vaultName}`));
    assert.match(log, new RegExp(`job ${a}: Cancel`));
    assert.match(log, /API budget \d+ of \d+ calls left/);
    assert.ok(!log.includes(session.sessionId) && !log.includes(sim.password), 'no secret in the log');
  });

  it('says plainly, naming the setting, that an API version before v25.3 cannot cancel, and sends nothing', async () => {
    await configureVaults([{ name: vaultName, dns: sim.dns, apiVersion: 'v25.2' }], vaultName);
    try {
      await waitFor('the older API version', () => api.session.active?.client.apiVersion === 'v25.2' || undefined);
      const [a] = newJobs(1);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const run = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelJobs');
      await waitForWorkbenchText(quickInput, (t) => t.includes('Job IDs to cancel'));
      await typeText(String(a));
      await pressKey('Enter');
      assert.strictEqual(await run, undefined, 'no run');
      await waitForNotification(/needs Vault API v25\.3 or later[\s\S]*vaultJobs\.vaults/);
      assert.deepStrictEqual(cancelledInRequests(sim), [], 'nothing was sent');
    } finally {
      await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    }
  });

  it('asks for a production Vault\'s name before cancelling on it', async () => {
    await configureVaults([{ name: vaultName, dns: sim.dns }, { name: 'Test Production', dns: sim.dns, production: true }], 'Test Production');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the production Vault to be active', () => api.session.active?.vault.name === 'Test Production' || undefined);
    try {
      const [a] = newJobs(1);
      const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelJobs', undefined);
      await waitForWorkbenchText(quickInput, (t) => t.includes('Job IDs to cancel'));
      await typeText(String(a));
      await pressKey('Enter');
      const dialog = await answerDialog(/PRODUCTION Vault Test Production/, 'Cancel 1 Job');
      assert.match(dialog, /PRODUCTION/);
      await waitForWorkbenchText(quickInput, (t) => t.includes('Type the Vault\'s name'));
      assert.strictEqual(cancelledInRequests(sim).length, 0, 'nothing sent before the name is typed');
      await typeText('Test Prod');
      await waitForWorkbenchText(quickInput, (t) => t.includes('Type Test Production exactly'));
      await typeText('uction');
      await pressKey('Enter');
      const summary = await run;
      assert.strictEqual(summary?.counts.accepted, 1, JSON.stringify(summary?.counts));
      assert.deepStrictEqual(cancelledInRequests(sim), [[a]]);
    } finally {
      await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    }
  });
});
