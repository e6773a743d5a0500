import * as assert from 'assert';
import * as vscode from 'vscode';
import { configureVaults, extensionApi, waitFor } from './harness';

describe('in an untrusted workspace', () => {
  it('ignores Vault hosts from the workspace\'s settings', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace opened in restricted mode');
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const workspaceSettings = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'))).toString();
    assert.match(workspaceSettings, /attacker\.example\.com/, 'the workspace tries to set a host');
    assert.strictEqual(api.session.vault, undefined, 'and the extension does not use it');
    assert.strictEqual(api.session.state, 'noVault');
  });

  it('still works with the Vaults of the user\'s own settings', async () => {
    const api = await extensionApi();
    await configureVaults([{ name: 'Own Vault', dns: 'own.veevavault.com' }], 'Own Vault');
    await waitFor('the user\'s Vault', () => api.session.state === 'signedOut' || undefined);
    assert.strictEqual(api.session.vault?.dns, 'own.veevavault.com');
  });

  it('adds a Vault to the user\'s settings, where it takes effect, whatever the workspace lists', async () => {
    const api = await extensionApi();
    const added = await vscode.commands.executeCommand<{ name: string } | undefined>('vaultJobs.addVault', { name: 'Added Own', dns: 'added-own.veevavault.com', production: false });
    assert.strictEqual(added?.name, 'Added Own');
    const vaults = vscode.workspace.getConfiguration('vaultJobs').inspect<{ name: string }[]>('vaults');
    assert.deepStrictEqual(vaults?.globalValue?.map((v) => v.name), ['Own Vault', 'Added Own']);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const workspaceSettings = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'))).toString();
    assert.doesNotMatch(workspaceSettings, /Added Own/, 'the workspace\'s file is left alone');
    await waitFor('the added Vault to be active', () => api.session.vault?.name === 'Added Own' || undefined);
    assert.strictEqual(vscode.workspace.getConfiguration('vaultJobs').inspect('activeVault')?.globalValue, 'Added Own');
  });
});
