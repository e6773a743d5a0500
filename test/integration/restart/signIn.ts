// Both phases sign in to the simulator the same way: the Vault in the user settings, then Sign In.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { configureVaults, vaultName } from '../suite/harness';
import type { RestartScenario } from './scenario';

export async function signIn({ dns, username, password }: RestartScenario): Promise<void> {
  await configureVaults([{ name: vaultName, dns }], vaultName);
  assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username, password, rememberPassword: false }), 'signed in to the simulator');
}
