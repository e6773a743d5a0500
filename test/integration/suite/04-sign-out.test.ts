import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { VaultSimulator } from '../../simulator';
import { extensionApi, vaultSimulator, waitFor } from './harness';
import { waitForWorkbenchText, workbenchUiUrl } from './workbench';

describe('signing out', () => {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await vaultSimulator();
  });

  it('ends the session on Vault, forgets it, and shows the signed-out view', async () => {
    await waitFor('the session of the earlier tests', () => api.session.state === 'signedIn' || undefined);
    sim.clearRequestLog();
    await vscode.commands.executeCommand('vaultJobs.signOut');
    assert.strictEqual(api.session.state, 'signedOut');
    assert.ok(sim.requestLog.some((r) => r.method === 'DELETE' && r.path.endsWith('/session')), 'Vault was told to end the session');
    assert.strictEqual(api.session.account, undefined, 'the Accounts menu no longer lists the Vault');
    await waitFor('the stored session to be gone', async () => (await api.session.reload(), api.session.state === 'signedOut') || undefined);
    if (workbenchUiUrl) {
      await vscode.commands.executeCommand('vaultJobs.jobs.focus');
      await waitForWorkbenchText('.part.sidebar', (t) => t.includes('You are signed out of the Vault'));
    }
  });
});
