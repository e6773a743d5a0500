import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { VaultSimulator } from '../../simulator';
import type { GroupNode, JobNode } from '../../../src/ext/jobs/jobNodes';
import { answerDialog, configureVaults, extensionApi, logFiles, setSetting, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { screenshot, waitForWorkbenchText, workbenchUiUrl } from './workbench';

describe('Vaults, sign-in and the Jobs view', () => {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await vaultSimulator();
  });

  it('shows the signed-out welcome once a Vault is configured', async () => {
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    await waitFor('signed-out state', () => api.session.state === 'signedOut');
    if (workbenchUiUrl) {
      await vscode.commands.executeCommand('vaultJobs.jobs.focus');
      await waitForWorkbenchText('.part.sidebar', (t) => t.includes('You are signed out of the Vault'));
    }
  });

  it('reports a bad setting by name instead of failing', async () => {
    await configureVaults([{ name: vaultName, dns: sim.dns }, { name: 'Broken', dns: 'https://broken.example.com/ui' }], vaultName);
    if (workbenchUiUrl) {
      await waitForNotification(/vaultJobs\.vaults\[1\]\.dns/);
    }
    assert.strictEqual(api.session.vault?.name, vaultName, 'the good Vault is still usable');
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
  });

  it('refuses a wrong password with Vault\'s reason and stays signed out', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('vaultJobs.signIn', { username: sim.username, password: 'wrong-password', rememberPassword: false });
    assert.strictEqual(ok, false);
    assert.strictEqual(api.session.state, 'signedOut');
    if (workbenchUiUrl) await waitForNotification(/Could not sign in[\s\S]*(USERNAME_OR_PASSWORD_INCORRECT|password)/i);
  });

  it('signs in with an existing session ID, checked with Vault first', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('vaultJobs.signIn', { sessionId: 'not-a-live-session-id' });
    assert.strictEqual(ok, false, 'a dead session ID is refused');
    assert.strictEqual(api.session.state, 'signedOut');
    assert.ok(await vscode.commands.executeCommand<boolean>('vaultJobs.signIn', { sessionId: sim.createSession() }));
    assert.strictEqual(api.session.active?.session.kind, 'session');
    assert.strictEqual(api.session.active?.session.username, sim.username, 'the user comes from Vault');
  });

  it('signs in with user name and password and keeps the session only in SecretStorage', async () => {
    sim.clearRequestLog();
    const ok = await vscode.commands.executeCommand<boolean>('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: true });
    assert.strictEqual(ok, true);
    assert.strictEqual(api.session.state, 'signedIn');
    const session = api.session.active?.session;
    assert.ok(session && session.sessionId.length > 20);
    assert.strictEqual(session.username, sim.username);
    assert.ok(sim.requestLog.some((r) => r.method === 'POST' && /\/api\/v\d+\.\d\/auth$/.test(r.path)), 'Vault received the sign-in');
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('vaultJobs'));
    assert.ok(!settingsText.includes(session.sessionId) && !settingsText.includes(sim.password), 'no secret in settings');
    const account = api.session.account;
    assert.strictEqual(account?.account.label, `${sim.username} @ ${vaultName}`, 'the Vault account the Accounts menu lists');
    if (workbenchUiUrl) await waitForWorkbenchText('.part.statusbar', (t) => t.includes(`${vaultName} · ${sim.username}`));
  });

  it('keeps the session alive with Vault\'s keep-alive call', async () => {
    sim.clearRequestLog();
    assert.strictEqual(await api.session.keepAlive(), true);
    assert.ok(sim.requestLog.some((r) => r.method === 'POST' && /\/api\/v\d+\.\d\/keep-alive$/.test(r.path)), 'Vault received the keep-alive');
  });

  it('adds a Vault, makes it active, and selects the first one again', async () => {
    const added = await vscode.commands.executeCommand<{ name: string }>('vaultJobs.addVault', { name: 'Second Sandbox', dns: 'Second.VeevaVault.com', production: false });
    assert.strictEqual(added.name, 'Second Sandbox');
    const vaults = vscode.workspace.getConfiguration('vaultJobs').get<{ name: string; dns: string }[]>('vaults') ?? [];
    assert.deepStrictEqual(vaults.map((v) => [v.name, v.dns]), [[vaultName, sim.dns], ['Second Sandbox', 'second.veevavault.com']]);
    await waitFor('the new Vault to be active, signed out', () => (api.session.vault?.name === 'Second Sandbox' && api.session.state === 'signedOut') || undefined);
    assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.selectVault', vaultName), vaultName);
    await waitFor('the first Vault, still signed in', () => (api.session.vault?.name === vaultName && api.session.state === 'signedIn') || undefined);
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
  });

  it('lists every active job and the first page of history, with Load more', async () => {
    // Jobs cancelled by earlier tests move on while the list is read: a job active before and after the
    // listing must be listed, and a listed job must have been active at one of the two moments.
    const activeInSimulator = () => new Set(sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).map((j) => j.job_id));
    const before = activeInSimulator();
    await api.jobs.refresh();
    const [active, history] = await api.jobs.children() as GroupNode[];
    const activeJobs = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job');
    const after = activeInSimulator();
    const listed = activeJobs.map((n) => n.job.job_id);
    assert.strictEqual(new Set(listed).size, listed.length, 'no job listed twice');
    assert.deepStrictEqual([...before].filter((id) => after.has(id) && !listed.includes(id)), [], 'every job active throughout is listed');
    assert.deepStrictEqual(listed.filter((id) => !before.has(id) && !after.has(id)), [], 'every listed job was active');
    const historyNodes = await api.jobs.children(history);
    const more = historyNodes.at(-1);
    assert.strictEqual(more?.kind, 'loadMore', 'history ends with Load more');
    assert.strictEqual(historyNodes.length - 1, 50);
    await vscode.commands.executeCommand('vaultJobs.loadMoreHistory');
    const afterMore = await api.jobs.children(history);
    assert.strictEqual(afterMore.filter((n) => n.kind === 'job').length, 100);
    const item = await api.jobs.treeItem(activeJobs[0]);
    assert.match(String(item.contextValue), /^job/);
    assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.includes(String(activeJobs[0].job.job_id)));
  });

  it('renders the tree in the workbench (screenshot)', async function () {
    if (!workbenchUiUrl) return this.skip();
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    const [active] = await api.jobs.children() as GroupNode[];
    const [first] = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job');
    assert.ok(first);
    // The view is virtualised: History sits below the fold here, so only the top of the list is checked.
    const text = await waitForWorkbenchText('.part.sidebar', (t) => t.includes('Active') && t.includes(`${first.job.job_id}`));
    assert.match(text, /Queued · \d+/);
    const file = await screenshot('jobs-tree', '.monaco-workbench');
    assert.ok(fs.statSync(file).size > 10000);
  });

  it('filters by status and title, and says so in the view description', async () => {
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: ['QUEUED'], text: '' });
    const [active] = await api.jobs.children() as GroupNode[];
    const shown = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job');
    assert.ok(shown.length > 0 && shown.every((n) => n.job.status === 'QUEUED'));
    assert.match(api.jobs.view.description ?? '', /Filter: QUEUED/);
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    assert.doesNotMatch(api.jobs.view.description ?? '', /Filter/);
  });

  it('starts a scheduled job now, and shows a job\'s details as read-only JSON', async () => {
    const scheduled = sim.jobs.add({ status: 'SCHEDULED', title: 'Start Now Probe' });
    await api.jobs.refresh();
    const [active] = await api.jobs.children() as GroupNode[];
    const node = (await api.jobs.children(active)).find((n): n is JobNode => n.kind === 'job' && n.job.job_id === scheduled.job_id);
    assert.ok(node);
    assert.match(String((await api.jobs.treeItem(node)).contextValue), /startable/);
    const started = vscode.commands.executeCommand('vaultJobs.startJobNow', node);
    await answerDialog(/Start "Start Now Probe"/, 'Start Now');
    await started;
    assert.notStrictEqual(sim.jobs.get(scheduled.job_id)?.status, 'SCHEDULED');
    await vscode.commands.executeCommand('vaultJobs.showJobDetails', node);
    const editor = await waitFor('details editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'vault-job' ? vscode.window.activeTextEditor : undefined);
    const details = JSON.parse(editor.document.getText()) as { listed: { job_id: number }; status?: { id: number } };
    assert.strictEqual(details.listed.job_id, scheduled.job_id);
    assert.strictEqual(details.status?.id, scheduled.job_id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('auto-refreshes only while the view is visible (opt-in)', async function () {
    this.timeout(60000);
    const monitorCalls = () => sim.requestLog.filter((r) => r.method === 'GET' && r.path.includes('/services/jobs/monitors')).length;
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await waitFor('the view to be visible', () => api.jobs.view.visible || undefined);
    await setSetting('autoRefreshSeconds', 10);
    await setSetting('autoRefresh', true);
    try {
      const before = monitorCalls();
      await waitFor('an automatic refresh', () => monitorCalls() > before || undefined, 25000);
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor('the view to be hidden', () => !api.jobs.view.visible || undefined);
      const hidden = monitorCalls();
      await new Promise((resolve) => setTimeout(resolve, 12000));
      assert.strictEqual(monitorCalls(), hidden, 'no polling while the view is hidden');
    } finally {
      await setSetting('autoRefresh', undefined);
      await setSetting('autoRefreshSeconds', undefined);
    }
  });

  it('copies the selected jobs\' IDs', async () => {
    const [active] = await api.jobs.children() as GroupNode[];
    const nodes = (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job').slice(0, 3);
    await vscode.commands.executeCommand('vaultJobs.copyJobIds', nodes[0], nodes);
    assert.strictEqual(await vscode.env.clipboard.readText(), nodes.map((n) => n.job.job_id).join('\n'));
  });

  it('keeps no secret in the extension\'s logs', () => {
    const session = api.session.active?.session;
    assert.ok(session);
    const logs = logFiles(api.logDirectory);
    assert.ok(logs.length > 0, 'the output channel writes a log file');
    for (const file of logs) {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(!text.includes(session.sessionId), `${file} holds the session ID`);
      assert.ok(!text.includes(sim.password), `${file} holds the password`);
    }
  });
});
