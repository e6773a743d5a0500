// The Command Palette shows a command only where it can work, and a command that fails anyway says so
// once, under its title, with Show Output, and logs why: never VS Code's generic "command failed".
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Redactor } from '../../../src/core/log';
import { RunStore } from '../../../src/core/runs';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { GroupNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { configureVaults, extensionApi, logFiles, vaultName, vaultSimulator, waitFor, waitForNotification } from './harness';
import { documentWith, spanOfText } from './fakes';
import { pressKey, quickInput, waitForWorkbenchText, workbenchUiUrl } from './workbench';

/**
 * The palette's entries for `filter` (opened with the filter already in, so no keystroke can get
 * lost), read once the list shows `until` or says that no command matches.
 */
async function paletteEntries(filter: string, until: string): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.quickOpen', `>${filter}`);
  try {
    return await waitForWorkbenchText(`${quickInput} .quick-input-list`, (t) => t.includes(until) || /No matching commands|similar commands/i.test(t));
  } finally {
    await pressKey('Escape');
  }
}

describe('the palette and failing commands', () => {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  async function signIn(): Promise<void> {
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    if (api.session.state !== 'signedIn') {
      assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    }
  }

  /** Every line the extension's log files hold. */
  const logText = () => logFiles(api.logDirectory).map((file) => fs.readFileSync(file, 'utf8')).join('\n');

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // what the user sees is read from the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signIn();
  });

  beforeEach(async () => {
    sim.faults.clear();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    sim?.faults.clear();
    if (api) await signIn();
  });

  it('Load More History that fails says so under its title, with Show Output, and logs why', async () => {
    await api.jobs.refresh();
    const [, history] = await api.jobs.children() as GroupNode[];
    assert.strictEqual((await api.jobs.children(history)).at(-1)?.kind, 'loadMore');
    // Every later history page answers with what no Vault sends (retries included).
    sim.faults.set({ kind: 'nonJson', path: /histories\?.*offset=[1-9]/, body: '<html>maintenance</html>' });
    await assert.doesNotReject(Promise.resolve(vscode.commands.executeCommand('vaultJobs.loadMoreHistory')));
    const shown = await waitForNotification(/Vault: Load More History failed: /);
    assert.match(shown, /Show Output/);
    await waitFor('the failure in the log', () => /\[command\] vaultJobs\.loadMoreHistory failed: /.test(logText()) || undefined);
  });

  it('Show Job Actions that fails to write the report says so too', async () => {
    const store = new RunStore(api.runs.directory, new Redactor());
    const before = new Set(fs.existsSync(api.runs.directory) ? fs.readdirSync(api.runs.directory) : []);
    store.begin({ vault: { dns: sim.dns, name: vaultName }, user: { name: sim.username }, source: 'typed', ids: [1046892] }).close();
    const journal = fs.readdirSync(api.runs.directory).find((name) => !before.has(name));
    // The report's folder is taken by a file, so the report cannot be written.
    const reports = api.runs.reportDirectory;
    const aside = `${reports}.aside`;
    if (fs.existsSync(reports)) fs.renameSync(reports, aside);
    fs.writeFileSync(reports, 'not a folder');
    try {
      const finished = Promise.resolve(vscode.commands.executeCommand('vaultJobs.showCancelRuns'));
      await waitForWorkbenchText(quickInput, (t) => t.includes('Job actions: cancel runs and Start Now (the last'));
      await pressKey('Enter'); // the newest run, this one
      await assert.doesNotReject(finished);
      const shown = await waitForNotification(/Vault: Show Job Actions failed: .*EEXIST/);
      assert.match(shown, /Show Output/);
      await waitFor('the failure in the log', () => /\[command\] vaultJobs\.showCancelRuns failed: .*EEXIST/.test(logText()) || undefined);
    } finally {
      fs.rmSync(reports, { force: true });
      if (fs.existsSync(aside)) fs.renameSync(aside, reports);
      if (journal) fs.rmSync(path.join(api.runs.directory, journal), { force: true });
    }
  });

  it('lists Clear Cancel Results only while a file shows cancel results', async () => {
    api.cancel.clearResults();
    assert.doesNotMatch(await paletteEntries('Vault: Clear Cancel Results', 'Vault: Clear Cancel Results'), /Vault: Clear Cancel Results/);
    // A value that is no job ID, selected: a result (a warning at its place), and nothing to send.
    const document = await documentWith('not-ids.txt', 'the totals were 12.5 and 7.25\n');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('vaultJobs.cancelSelectedIds', document.uri, [spanOfText(document, '12.5')]);
    await waitFor('the result', () => vscode.languages.getDiagnostics(document.uri).length > 0 || undefined);
    assert.match(await paletteEntries('Vault: Clear Cancel Results', 'Vault: Clear Cancel Results'), /Vault: Clear Cancel Results/);
    await vscode.commands.executeCommand('vaultJobs.clearResults');
    assert.doesNotMatch(await paletteEntries('Vault: Clear Cancel Results', 'Vault: Clear Cancel Results'), /Vault: Clear Cancel Results/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists Sign Out, Refresh and Filter only while signed in; Sign Out run anyway says there was no session', async () => {
    assert.match(await paletteEntries('Vault: Sign Out', 'Vault: Sign Out'), /Vault: Sign Out/);
    await vscode.commands.executeCommand('vaultJobs.signOut');
    await waitForNotification(new RegExp(`Signed out of ${vaultName}\\.`));
    await vscode.commands.executeCommand('notifications.clearAll');
    const signedOut = await paletteEntries('Vault: Sign', 'Vault: Sign In');
    assert.match(signedOut, /Vault: Sign In/);
    assert.doesNotMatch(signedOut, /Vault: Sign Out/);
    assert.doesNotMatch(await paletteEntries('Vault: Refresh Jobs', 'Vault: Refresh Jobs'), /Vault: Refresh Jobs/);
    assert.doesNotMatch(await paletteEntries('Vault: Filter Jobs', 'Vault: Filter Jobs'), /Vault: Filter Jobs/);
    // A keybinding or a link can still run it.
    await vscode.commands.executeCommand('vaultJobs.signOut');
    await waitForNotification(new RegExp(`You were not signed in to ${vaultName}\\.`));
  });
});
