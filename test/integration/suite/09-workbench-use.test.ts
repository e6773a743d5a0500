// The extension used as a person uses it in the workbench: clicks on the real tree and toolbar, keys
// pressed on the real quick pick, a real cursor in a real editor. Each case is something a first
// session with the extension once found broken.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import type { GroupNode, JobNode } from '../../../src/ext/jobs/jobNodes';
import type { JobStatus, VaultSimulator } from '../../simulator';
import { commandIds } from '../../../src/ext/names';
import { answerDialog, cancelledInRequests, configureVaults, extensionApi, shownResults, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { click, clickMenuItem, pressKey, quickInput, screenshot, typeText, waitForWorkbenchText, workbenchText, workbenchUiUrl } from './workbench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in the workbench, as a person uses it', function () {
  this.timeout(120000);
  let api: VaultJobsApi;
  let sim: VaultSimulator;
  let folder: string;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // every case clicks or types in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync('/tmp/vault-jobs-');
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    await waitFor('the Vault', () => api.session.vault?.name === vaultName || undefined);
    if (api.session.state !== 'signedIn') {
      assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    }
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    // A case that failed half-way must not leave its prompt in the way of the next one.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  const newJobs = (count: number, status: JobStatus = 'QUEUED') =>
    Array.from({ length: count }, (_, i) => sim.jobs.add({ status, title: `Workbench ${status} ${i}` }).job_id);

  async function activeNodes(ids?: readonly number[]): Promise<JobNode[]> {
    await api.jobs.refresh();
    const [active] = await api.jobs.children() as GroupNode[];
    return (await api.jobs.children(active)).filter((n): n is JobNode => n.kind === 'job' && (!ids || ids.includes(n.job.job_id)));
  }

  async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  }

  /** Runs `command` and, while it waits for an answer, dismisses whatever it asks (Escape on prompts, notifications closed). */
  async function runDismissingPrompts(command: () => Thenable<unknown>): Promise<string> {
    let outcome: string | undefined;
    const done = Promise.resolve().then(command).then(() => { outcome = 'ok'; }, (error: unknown) => { outcome = `failed: ${String(error)}`; });
    for (let round = 0; round < 60 && outcome === undefined; round++) {
      await Promise.race([done, sleep(300)]);
      if (outcome !== undefined) break;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    return outcome ?? 'still waiting after every prompt was dismissed';
  }

  it('History keeps what Load more fetched across a refresh', async () => {
    const historyJobs = async () => {
      const [, history] = await api.jobs.children() as GroupNode[];
      return (await api.jobs.children(history)).filter((n) => n.kind === 'job').length;
    };
    await api.jobs.refresh();
    const before = await historyJobs(); // earlier cases may have loaded more already
    assert.ok(before >= 50 && before < 300, String(before));
    await vscode.commands.executeCommand('vaultJobs.loadMoreHistory');
    assert.strictEqual(await historyJobs(), before + 50);
    await vscode.commands.executeCommand('vaultJobs.refreshJobs');
    assert.strictEqual(await historyJobs(), before + 50, 'a refresh fetched every loaded page again');
    const [a] = newJobs(1);
    const [node] = await activeNodes([a]);
    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelJobs', node);
    await answerDialog(/Cancel 1 job on Test Sandbox/, 'Cancel 1 Job');
    assert.strictEqual((await run)?.counts.accepted, 1);
    assert.strictEqual(await historyJobs(), before + 50, 'and so did the refresh after a cancel');
  });

  it('Filter in the view\'s toolbar asks for the filter while a job row is selected', async () => {
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    // The first job the view shows, so its row is on screen without scrolling.
    const id = (await activeNodes())[0].job.job_id;
    const row = `.part.sidebar .monaco-list-row:has-text("${id}")`;
    await waitForWorkbenchText('.part.sidebar', (t) => t.includes(String(id)));
    await click(row);
    await waitForWorkbenchText(`${row}.selected`, (t) => t.includes(String(id)));
    await click('.part.sidebar .action-label[aria-label^="Filter Jobs"]');
    const prompt = await waitForWorkbenchText(quickInput, (t) => t.includes('Filter jobs (1/2)'));
    assert.match(prompt, /QUEUED/);
    await screenshot('filter-with-row-selected');
    await pressKey('Escape');
    const notifications = await notificationTexts();
    assert.doesNotMatch(notifications, /Cannot read properties|failed/i);
  });

  it('every command takes whatever VS Code may pass it (tree items, URIs, nothing, strangers) and ignores what it does not understand', async () => {
    const [id] = newJobs(1);
    const [node] = await activeNodes([id]);
    const [group] = await api.jobs.children() as GroupNode[];
    const file = path.join(folder, 'arguments.csv');
    fs.writeFileSync(file, `job_id\n${id}\n`);
    const foreign: [string, unknown[]][] = [
      ['nothing', []], ['a job row', [node, [node]]], ['a group row', [group, [group]]], ['a file URI', [vscode.Uri.file(file)]],
      ['a number', [42]], ['an unknown object', [{ unexpected: true }]], ['a string and a number', ['x', 7]],
    ];
    const failures: string[] = [];
    // Sign Out is run last: whatever it is given, it signs out of the active Vault.
    const ids = Object.values(commandIds).filter((command) => command !== commandIds.signOut);
    for (const command of [...ids, commandIds.signOut]) {
      for (const [kind, args] of foreign) {
        if (command === commandIds.signOut && api.session.state !== 'signedIn') break;
        const outcome = await runDismissingPrompts(() => vscode.commands.executeCommand(command, ...args));
        if (outcome !== 'ok') failures.push(`${command} with ${kind}: ${outcome}`);
      }
    }
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'no cancel was confirmed, so none was sent');
    assert.strictEqual(sim.jobs.get(id)?.status, 'QUEUED');
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: '' }); // its own argument: used
    assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
  });

  it('Enter on the cancel confirmation keeps the jobs; cancelling takes a move to the cancel item', async () => {
    const ids = newJobs(2);
    const nodes = await activeNodes(ids);
    const declined = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelJobs', nodes[0], nodes);
    await waitForWorkbenchText(quickInput, (t) => /Cancel 2 jobs on Test Sandbox/.test(t));
    const highlighted = await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.trim() !== '');
    assert.match(highlighted, /Don't cancel any jobs/, 'the safe item is the default');
    await pressKey('Enter');
    assert.strictEqual(await declined, undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'one Enter sent nothing');
    assert.deepStrictEqual(ids.map((id) => sim.jobs.get(id)?.status), ['QUEUED', 'QUEUED']);

    const confirmed = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelJobs', nodes[0], nodes);
    await waitForWorkbenchText(quickInput, (t) => /Cancel 2 jobs on Test Sandbox/.test(t));
    await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.includes("Don't cancel any jobs"));
    // A key pressed while the list is still taking focus can be lost: a person presses it again.
    for (let attempt = 1; ; attempt++) {
      await pressKey('ArrowDown');
      try {
        await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.includes('Cancel 2 Jobs'), 3000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await pressKey('Enter');
    assert.strictEqual((await confirmed)?.counts.accepted, 2);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...ids].sort());
  });

  it('a cursor on a job ID, with nothing selected, offers it in the light bulb, the context menu and the palette', async () => {
    const [a, b, c] = newJobs(3);
    const editor = await openFile('cursor.csv', `job_id,title\n${a},first\n${b},second\n${c},third\n`);
    const placeCursor = async (line: number) => {
      editor.selection = new vscode.Selection(line, 2, line, 2);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      assert.ok(editor.selection.isEmpty);
    };

    await placeCursor(1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
    assert.ok(actions.some((x) => x.title === `Cancel Vault job ${a}…`), actions.map((x) => x.title).join(' | '));
    await pressKey('Control+.');
    // The menu opens with the first action focused; Enter applies it (a click would hit the menu's pointer guard).
    await waitForWorkbenchText('.action-widget .monaco-list-row.focused', (t) => t.includes(`Cancel Vault job ${a}`));
    await pressKey('Enter');
    await answerDialog(/Cancel 1 job on Test Sandbox/, 'Cancel 1 Job');
    await waitFor('the cancel of the ID under the cursor', () => cancelledInRequests(sim).length === 1 || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [[a]]);

    sim.clearRequestLog();
    await placeCursor(2);
    await pressKey('Shift+F10');
    await clickMenuItem('Cancel Selected Job IDs');
    await answerDialog(/Cancel 1 job on Test Sandbox/, 'Cancel 1 Job');
    await waitFor('the cancel from the context menu', () => cancelledInRequests(sim).length === 1 || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [[b]]);

    sim.clearRequestLog();
    await placeCursor(3);
    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelJobs');
    const dialog = await answerDialog(/Cancel 1 job on Test Sandbox/, 'Cancel 1 Job');
    assert.match(dialog, /cursor\.csv/, 'the confirmation names the file');
    assert.strictEqual((await run)?.counts.accepted, 1);
    assert.deepStrictEqual(cancelledInRequests(sim), [[c]]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a drag across part of a title in a CSV row offers that row\'s job, though the selected text has no digit', async () => {
    const [a] = newJobs(1);
    const editor = await openFile('title-drag.csv', `job_id,title\n${a},Nightly export of documents\n`);
    const titleStart = editor.document.getText().indexOf('export');
    editor.selection = new vscode.Selection(editor.document.positionAt(titleStart), editor.document.positionAt(titleStart + 'export of'.length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
    assert.deepStrictEqual(actions.map((x) => x.title).filter((title) => title.startsWith('Cancel')), [`Cancel Vault job ${a}…`]);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri), [], 'no warning on text nobody meant as an ID');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('in JSON, a cursor anywhere in a job object stands for its job_id, in a small file at once and in a large one once it is indexed', async () => {
    const [a] = newJobs(1);
    const job = (id: number) => `    {"title": "Export ${id}", "created_by": 61610, "job_id": ${id}, "status": "QUEUED"}`;
    const actionsAt = async (editor: vscode.TextEditor, text: string) => {
      const offset = editor.document.getText().indexOf(text);
      editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
      return actions.map((x) => x.title).filter((title) => title.startsWith('Cancel'));
    };
    const small = await openFile('cursor.json', `{\n  "data": [\n${job(a)}\n  ]\n}\n`);
    assert.deepStrictEqual(await actionsAt(small, `Export ${a}`), [`Cancel Vault job ${a}…`], 'the cursor on the title, inside the job object');
    assert.deepStrictEqual(await actionsAt(small, '61610'), [`Cancel Vault job ${a}…`], 'the cursor on created_by means its job, never user 61610');

    const filler = Array.from({ length: 4000 }, (_, i) => job(2000000 + i));
    const large = await openFile('cursor-large.json', `{\n  "data": [\n${[...filler, job(a)].join(',\n')}\n  ]\n}\n`);
    assert.ok(large.document.getText().length > 256 * 1024);
    // A large file is indexed in the background, after the first cursor asks: the light bulb comes then.
    await waitFor('the light bulb at a cursor in a large JSON file', async () => (await actionsAt(large, `Export ${a}`)).length > 0 || undefined);
    assert.deepStrictEqual(await actionsAt(large, `61610, "job_id": ${a}`), [`Cancel Vault job ${a}…`], 'the cursor on created_by means its job, in a large file too');
    // Typing in a title moves the index along: the next cursor is answered at once.
    await large.edit((e) => e.insert(large.document.positionAt(large.document.getText().indexOf(`Export ${a}`)), 'Nightly '));
    assert.deepStrictEqual(await actionsAt(large, `Nightly Export ${a}`), [`Cancel Vault job ${a}…`], 'after typing in a title');
    await large.document.save();
    const run = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelSelectedIds');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Cancel 1 job on Test Sandbox') && t.includes('cursor-large.json'));
    await pressKey('Escape');
    assert.strictEqual(await run, undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('results turn from CANCELLING to CANCELLED as the view follows the jobs', async () => {
    const [a, b] = newJobs(2);
    const editor = await openFile('follow.csv', `job_id\n${a}\n${b}\n`);
    await vscode.commands.executeCommand('vaultJobs.jobs.focus'); // the view follows cancelled jobs while it is visible
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    await answerDialog(/Cancel 2 jobs on Test Sandbox/, 'Cancel 2 Jobs');
    assert.strictEqual((await run)?.counts.accepted, 2);
    const codes = () => shownResults(api, editor.document).map((r) => r.code);
    assert.deepStrictEqual(codes(), ['CANCELLING', 'CANCELLING']);
    await waitFor('the results to say CANCELLED', () => codes().every((code) => code === 'CANCELLED') || undefined, 30000);
    assert.deepStrictEqual(shownResults(api, editor.document).map((r) => r.message), [`Job ${a}: Cancelled`, `Job ${b}: Cancelled`]);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(editor.document.uri), [], 'accepted IDs are no problems');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the active filter and the Vault while the view is alone in its container', async () => {
    api.cancel.clearResults(); // with results, the Cancel Results view shares the container
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: ['QUEUED'], text: '' });
    const sidebar = await waitForWorkbenchText('.part.sidebar', (t) => t.includes('Filter: QUEUED. Only matching jobs are shown.'));
    assert.match(sidebar, new RegExp(`Vault Jobs: ${vaultName}`, 'i'), 'the Vault in the title');
    await screenshot('filtered-view', '.part.sidebar');
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await waitForWorkbenchText('.part.sidebar', (t) => !t.includes('Only matching jobs are shown'));
  });

  it('Add Vault in a workspace that lists its own Vaults adds it there, where it takes effect, and says so', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true, 'the main suite runs in a trusted workspace');
    const configuration = () => vscode.workspace.getConfiguration('vaultJobs');
    await configuration().update('vaults', [{ name: 'Workspace Sandbox', dns: sim.dns }], vscode.ConfigurationTarget.Workspace);
    await configuration().update('activeVault', 'Workspace Sandbox', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the workspace\'s Vault', () => api.session.vault?.name === 'Workspace Sandbox' || undefined);
      const added = await vscode.commands.executeCommand<{ name: string } | undefined>('vaultJobs.addVault', { name: 'Added Sandbox', dns: 'added.veevavault.com', production: false });
      assert.strictEqual(added?.name, 'Added Sandbox');
      const vaults = configuration().inspect<{ name: string }[]>('vaults');
      assert.deepStrictEqual(vaults?.workspaceValue?.map((v) => v.name), ['Workspace Sandbox', 'Added Sandbox']);
      assert.deepStrictEqual(vaults?.globalValue?.map((v) => v.name), [vaultName], 'the user\'s list is untouched');
      await waitFor('the added Vault to be active', () => (api.session.vault?.name === 'Added Sandbox' && api.session.state === 'signedOut') || undefined);
      assert.strictEqual(configuration().inspect('activeVault')?.workspaceValue, 'Added Sandbox');
      await waitForNotification(/Added Sandbox to this workspace's settings/);
      const again = await vscode.commands.executeCommand('vaultJobs.addVault', { name: 'Added Sandbox', dns: 'other.veevavault.com', production: false });
      assert.strictEqual(again, undefined, 'a second Vault of the same name is refused');
      const broken = await vscode.commands.executeCommand('vaultJobs.addVault', { name: 'Broken', dns: 'https://broken.example.com/ui', production: false });
      assert.strictEqual(broken, undefined, 'a host that is no DNS is refused');
      assert.strictEqual(configuration().inspect<unknown[]>('vaults')?.workspaceValue?.length, 2);
    } finally {
      await configuration().update('vaults', undefined, vscode.ConfigurationTarget.Workspace);
      await configuration().update('activeVault', undefined, vscode.ConfigurationTarget.Workspace);
      await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    }
    await waitFor('the suite\'s Vault, signed in', () => (api.session.vault?.name === vaultName && api.session.state === 'signedIn') || undefined);
  });

  it('asks to store the password only after Vault accepted it, and offers Try Again after a refusal', async () => {
    await vscode.commands.executeCommand('vaultJobs.signOut');
    assert.strictEqual(api.session.state, 'signedOut');
    const refused = await vscode.commands.executeCommand<boolean>('vaultJobs.signIn', { username: sim.username, password: 'wrong-password' });
    assert.strictEqual(refused, false);
    assert.doesNotMatch(await workbenchText(quickInput), /Sign in again automatically/, 'nothing asked about storing a refused password');
    await vscode.commands.executeCommand('notifications.showList');
    await click('.notifications-center .monaco-button:has-text("Try Again")');
    await waitForWorkbenchText(quickInput, (t) => t.includes(`Sign in to ${vaultName} as ${sim.username}`));
    await typeText(sim.password);
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Sign in again automatically?'));
    assert.strictEqual(api.session.state, 'signedIn', 'asked once signed in');
    await pressKey('Enter'); // the first answer: don't store it
    await waitForNotification(new RegExp(`Signed in to ${vaultName}`));
  });

  it('the Accounts menu offers to sign in while signed out', async () => {
    await vscode.commands.executeCommand('vaultJobs.signOut');
    await waitFor('signed out', () => api.session.state === 'signedOut' || undefined);
    // The badge of a sign-in request covers the icon: it is what a person clicks.
    await click('.part.activitybar .badge[aria-label="Accounts - Sign in requested"]');
    const menu = await waitForWorkbenchText('.monaco-menu', (t) => /Sign in with Veeva Vault/i.test(t));
    await screenshot('accounts-signed-out');
    await pressKey('Escape');
    assert.match(menu, /Sign in with Veeva Vault/i);
    assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
  });

  async function notificationTexts(): Promise<string> {
    await vscode.commands.executeCommand('notifications.showList');
    try {
      return await workbenchText('.notifications-center');
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
    }
  }
});
