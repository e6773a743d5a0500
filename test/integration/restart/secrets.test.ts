// Whether this VS Code keeps secrets after a reload, found in a real host with its real SecretStorage.
// The code-server host keeps them in the page's memory only (it cannot seal them for the browser's
// storage), and each host of this suite is a new page on the same user data, as after a reload:
// the first start knows nothing yet; the next one finds the marker gone, says so once, and signs in
// without offering to store the password. Both starts keep the user name in settings, not the password.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { configureVaults, extensionApi, vaultName, waitFor } from '../suite/harness';
import { click, pressKey, quickInput, screenshot, typeText, waitForWorkbenchText, workbenchText } from '../suite/workbench';
import { scenarioFromEnvironment } from './scenario';

const vaultEntry = () => vscode.workspace.getConfiguration('vaultJobs').get<{ name: string; username?: string }[]>('vaults')?.find((v) => v.name === vaultName);

describe('a session in a VS Code that may not keep secrets', () => {
  it(scenarioFromEnvironment().phase === 'crash'
    ? 'knows nothing at the first start, offers to store the password, and keeps the user name in settings'
    : 'finds the secrets of the last start gone, says so, asks only for the password and does not offer to store it', async () => {
    const { phase, dns, username, password } = scenarioFromEnvironment();
    const api = await extensionApi();
    if (phase === 'crash') {
      assert.strictEqual(api.session.secretPersistence, 'unknown');
      await configureVaults([{ name: vaultName, dns }], vaultName);
      const signedIn = vscode.commands.executeCommand<boolean>('vaultJobs.signIn');
      await waitForWorkbenchText(quickInput, (t) => t.includes('User name and password'));
      await click('.quick-input-list .monaco-list-row:has-text("User name and password")');
      await waitForWorkbenchText(quickInput, (t) => t.includes(`User name on ${dns}`));
      await typeText(username);
      await pressKey('Enter');
      await waitForWorkbenchText(quickInput, (t) => t.includes(`Password for ${username}`));
      await typeText(password);
      await pressKey('Enter');
      await waitForWorkbenchText(quickInput, (t) => t.includes('Sign in again automatically?'));
      await click('.quick-input-list .monaco-list-row:has-text("Don\'t store my password")');
      assert.strictEqual(await signedIn, true);
    } else {
      assert.strictEqual(api.session.secretPersistence, 'lost');
      await vscode.commands.executeCommand('notifications.showList');
      await waitForWorkbenchText('.notifications-center', (t) => /This VS Code does not keep secrets when its window reloads, so your Vault session ends with each reload/.test(t));
      // Expanded, as a person clicks it open beside the stopped run's offer.
      await click('.notifications-center .monaco-list-row:has-text("does not keep secrets") .codicon-notifications-expand').catch(() => undefined);
      await screenshot('secrets-not-kept', '.monaco-workbench');
      await vscode.commands.executeCommand('notifications.hideList');
      // The runner writes the user settings afresh for each host: the entry as the last sign-in left it.
      await configureVaults([{ name: vaultName, dns, username }], vaultName);
      await waitFor('the Vault read from settings', () => api.session.vault?.username === username || undefined);
      assert.strictEqual(api.session.state, 'signedOut', 'the session of the last start is gone');
      const signedIn = vscode.commands.executeCommand<boolean>('vaultJobs.signIn');
      await waitForWorkbenchText(quickInput, (t) => t.includes(`Sign in to ${vaultName} as ${username}`) && t.includes(`Password for ${username}`));
      await typeText(password);
      await pressKey('Enter');
      assert.strictEqual(await signedIn, true, 'signed in with the password only');
      assert.ok(!(await workbenchText(quickInput)).includes('Sign in again automatically?'), 'storing the password is not offered');
    }
    assert.strictEqual(api.session.state, 'signedIn');
    await waitFor('the user name in the Vault\'s settings', () => vaultEntry()?.username === username || undefined);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('vaultJobs').inspect('vaults')).includes(password), 'no password in settings');
  });
});
