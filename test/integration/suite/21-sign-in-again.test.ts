// Signing in again, by keys and clicks: a Vault added with Add Vault keeps the user name of its first
// sign-in in settings (never the password), so the next sign-in asks for the password only; the
// password box's button still leads to another user or a session ID. What this VS Code does with
// secrets after a reload is the restart suite's (test/integration/restart/secrets.test.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { VaultSimulator } from '../../simulator';
import { configureVaults, extensionApi, screenshotIfFailed, vaultName, vaultSimulator, waitFor } from './harness';
import { click, pressKey, quickInput, screenshot, typeText, waitForWorkbenchText, workbenchText, workbenchUiUrl } from './workbench';

const addedName = 'Sign-in Probe Vault';
const vaultEntry = () => vscode.workspace.getConfiguration('vaultJobs').get<{ name: string; username?: string }[]>('vaults')?.find((v) => v.name === addedName);

describe('signing in again to a Vault that knows its user', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // the questions are answered in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  after(async () => {
    if (!api) return;
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
  });

  it('keeps the user name of the first sign-in, asks only for the password the next time, and offers another way from there', async () => {
    const configuration = vscode.workspace.getConfiguration('vaultJobs');
    await configuration.update('vaults', [], vscode.ConfigurationTarget.Global);
    await configuration.update('activeVault', undefined, vscode.ConfigurationTarget.Global);
    assert.ok(await vscode.commands.executeCommand('vaultJobs.addVault', { name: addedName, dns: sim.dns, production: false }));
    await waitFor('the added Vault in effect', () => api.session.vault?.name === addedName || undefined);
    assert.strictEqual(vaultEntry()?.username, undefined);

    // First sign-in: how, who, the password, and whether to store it.
    let signedIn = vscode.commands.executeCommand<boolean>('vaultJobs.signIn');
    await waitForWorkbenchText(quickInput, (t) => t.includes('User name and password'));
    await click(`${quickInput} .monaco-list-row:has-text("User name and password")`);
    await waitForWorkbenchText(quickInput, (t) => t.includes(`User name on ${sim.dns}`));
    await typeText(sim.username);
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes(`Password for ${sim.username}`));
    await typeText(sim.password);
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Sign in again automatically?'));
    await click(`${quickInput} .monaco-list-row:has-text("Don't store my password")`);
    assert.strictEqual(await signedIn, true);
    await waitFor('the user name in the Vault\'s settings', () => vaultEntry()?.username === sim.username || undefined);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('vaultJobs').inspect('vaults')).includes(sim.password), 'no password in settings');

    // Signed out, then in again: the password only.
    await vscode.commands.executeCommand('vaultJobs.signOut');
    assert.strictEqual(api.session.state, 'signedOut');
    signedIn = vscode.commands.executeCommand<boolean>('vaultJobs.signIn');
    const asked = await waitForWorkbenchText(quickInput, (t) => t.includes(`Sign in to ${addedName} as ${sim.username}`));
    assert.match(asked, new RegExp(`Password for ${sim.username.replace(/\./g, '\\.')} on`));
    assert.ok(!asked.includes('User name and password'), 'no question of how to sign in');
    await screenshot('sign-in-password-only', quickInput);
    await typeText(sim.password);
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('Sign in again automatically?'));
    await click(`${quickInput} .monaco-list-row:has-text("Don't store my password")`);
    assert.strictEqual(await signedIn, true);
    assert.strictEqual(api.session.state, 'signedIn');

    // The box's button: another user, or a session ID.
    await vscode.commands.executeCommand('vaultJobs.signOut');
    signedIn = vscode.commands.executeCommand<boolean>('vaultJobs.signIn');
    await waitForWorkbenchText(quickInput, (t) => t.includes(`Sign in to ${addedName} as ${sim.username}`));
    await click(`${quickInput} .action-label[aria-label^="Sign in as another user"]`);
    await waitForWorkbenchText(quickInput, (t) => t.includes('Session ID or API access token'));
    await click(`${quickInput} .monaco-list-row:has-text("Session ID or API access token")`);
    await waitForWorkbenchText(quickInput, (t) => t.includes('Paste a Vault session ID'));
    await typeText(sim.createSession());
    await pressKey('Enter');
    assert.strictEqual(await signedIn, true);
    assert.ok(!(await workbenchText(quickInput)).includes('Sign in again automatically?'), 'a session stores no password');
  });
});
