// The sign-in questions, each one input box or quick pick, so commands can be driven with arguments
// and fall back to asking only for what they were not given.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';

export function askForUsername(vault: VaultEntry): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Sign in to ${vault.name}`,
    prompt: `User name on ${vault.dns}`,
    value: vault.username,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter your Vault user name'),
  });
}

export function askForPassword(vault: VaultEntry, username: string, prompt?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Sign in to ${vault.name} as ${username}`,
    prompt: prompt ?? `Password for ${username} on ${vault.dns}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value ? undefined : 'Enter your password'),
  });
}

export function askForSessionId(vault: VaultEntry): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Sign in to ${vault.name}`,
    prompt: 'Paste a Vault session ID or an API access token (veeva-vault-…)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\S{8,}$/.test(value.trim()) ? undefined : 'Paste the whole session ID or token, without spaces'),
  });
}

export type SignInMethod = 'password' | 'session';

export async function pickSignInMethod(): Promise<SignInMethod | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: '$(account) User name and password', method: 'password' as const },
    { label: '$(key) Session ID or API access token', method: 'session' as const, detail: 'Paste an existing session, or a token created in Vault' },
  ], { title: 'Sign in to Vault', ignoreFocusOut: true });
  return picked?.method;
}

export async function pickRememberPassword(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'Don\'t store my password', remember: false, detail: 'When the session expires, you will be asked again' },
    { label: 'Store my password in VS Code\'s secret storage', remember: true, detail: 'Used only to sign in again when the session expires' },
  ], { title: 'Sign in again automatically?', ignoreFocusOut: true });
  return picked?.remember;
}

export async function pickVault(vaults: readonly VaultEntry[], activeName: string | undefined): Promise<VaultEntry | undefined> {
  const picked = await vscode.window.showQuickPick(vaults.map((vault) => ({
    label: vault.name,
    description: `${vault.dns}${vault.production ? ' · production' : ''}`,
    detail: vault.name === activeName ? 'Active' : undefined,
    vault,
  })), { title: 'Select the Vault to work with' });
  return picked?.vault;
}
