// The sign-in questions, each one input box or quick pick, so commands can be driven with arguments
// and fall back to asking only for what they were not given.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';

const { l10n } = vscode;

export function askForUsername(vault: VaultEntry): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: l10n.t('Sign in to {0}', vault.name),
    prompt: l10n.t('User name on {0}', vault.dns),
    value: vault.username,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter your Vault user name')),
  });
}

/**
 * `prompt` replaces the usual "Password for … on …" (e.g. to say why it is asked again); `token`
 * closes the box, so a run stopped while it asks does not leave it waiting for an answer.
 */
export function askForPassword(vault: VaultEntry, username: string, prompt?: string, token?: vscode.CancellationToken): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: l10n.t({ message: 'Sign in to {0} as {1}', args: [vault.name, username], comment: ['{0}: Vault name, {1}: user name'] }),
    prompt: prompt ?? l10n.t({ message: 'Password for {0} on {1}', args: [username, vault.dns], comment: ['{0}: user name, {1}: Vault host'] }),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value ? undefined : l10n.t('Enter your password')),
  }, token);
}

/**
 * The password of the user a Vault's settings name, in a box whose button ("otherWay") leads to
 * another user name or a session instead.
 */
export function askForPasswordOfKnownUser(vault: VaultEntry, username: string): Promise<{ password: string } | 'otherWay' | undefined> {
  const box = vscode.window.createInputBox();
  box.title = l10n.t({ message: 'Sign in to {0} as {1}', args: [vault.name, username], comment: ['{0}: Vault name, {1}: user name'] });
  box.prompt = l10n.t({ message: 'Password for {0} on {1}', args: [username, vault.dns], comment: ['{0}: user name, {1}: Vault host'] });
  box.password = true;
  box.ignoreFocusOut = true;
  const otherWay: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('account'), tooltip: l10n.t('Sign in as another user, or with a session ID or token') };
  box.buttons = [otherWay];
  return new Promise((resolve) => {
    let answer: { password: string } | 'otherWay' | undefined;
    box.onDidChangeValue(() => { box.validationMessage = undefined; });
    box.onDidAccept(() => {
      if (!box.value) {
        box.validationMessage = l10n.t('Enter your password');
        return;
      }
      answer = { password: box.value };
      box.hide();
    });
    box.onDidTriggerButton(() => {
      answer = 'otherWay';
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(answer);
    });
    box.show();
  });
}

export function askForSessionId(vault: VaultEntry): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: l10n.t('Sign in to {0}', vault.name),
    prompt: l10n.t('Paste a Vault session ID or an API access token (veeva-vault-…)'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\S{8,}$/.test(value.trim()) ? undefined : l10n.t('Paste the whole session ID or token, without spaces')),
  });
}

export type SignInMethod = 'password' | 'session';

export async function pickSignInMethod(): Promise<SignInMethod | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: `$(account) ${l10n.t('User name and password')}`, method: 'password' as const },
    { label: `$(key) ${l10n.t('Session ID or API access token')}`, method: 'session' as const, detail: l10n.t('Paste an existing session, or a token created in Vault') },
  ], { title: l10n.t('Sign in to Vault'), ignoreFocusOut: true });
  return picked?.method;
}

export async function pickRememberPassword(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: l10n.t('Don\'t store my password'), remember: false, detail: l10n.t('When the session expires, you will be asked again') },
    { label: l10n.t('Store my password in VS Code\'s secret storage'), remember: true, detail: l10n.t('Used only to sign in again when the session expires') },
  ], { title: l10n.t('Sign in again automatically?'), ignoreFocusOut: true });
  return picked?.remember;
}

export async function pickVault(vaults: readonly VaultEntry[], activeName: string | undefined): Promise<VaultEntry | undefined> {
  const picked = await vscode.window.showQuickPick(vaults.map((vault) => ({
    label: vault.name,
    description: vault.production ? l10n.t('{0} · production', vault.dns) : vault.dns,
    detail: vault.name === activeName ? l10n.t('Active') : undefined,
    vault,
  })), { title: l10n.t('Select the Vault to work with') });
  return picked?.vault;
}
