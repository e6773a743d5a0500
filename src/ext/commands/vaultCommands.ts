// Sign In, Sign Out, Select Vault, Add Vault. Each takes optional arguments (for keybindings, other
// extensions and tests) and asks for whatever it was not given.
import * as vscode from 'vscode';
import { readSettings, type VaultEntry } from '../../core/settings';
import type { SettingsReader } from '../config';
import type { VaultConnection } from '../vaultConnection';
import { askForPassword, askForSessionId, askForUsername, pickRememberPassword, pickSignInMethod, pickVault } from '../auth/prompts';
import { describeError } from '../errors';

export interface SignInArgs {
  readonly vault?: string;
  readonly username?: string;
  readonly password?: string;
  readonly sessionId?: string;
  readonly rememberPassword?: boolean;
}

export function registerVaultCommands(connection: VaultConnection, settings: SettingsReader): vscode.Disposable[] {
  const vaultNamed = (name: string | undefined) => (name ? settings.current.vaults.find((v) => v.name === name) : undefined);

  async function chooseVault(name?: string): Promise<VaultEntry | undefined> {
    const named = vaultNamed(name);
    if (named) return named;
    if (connection.vault) return connection.vault;
    const { vaults } = settings.current;
    if (vaults.length === 0) {
      const add = await vscode.window.showInformationMessage('No Vault is configured yet.', 'Add Vault');
      if (add) await vscode.commands.executeCommand('vaultJobs.addVault');
      return connection.vault;
    }
    const vault = await pickVault(vaults, settings.current.activeVault);
    if (vault) await settings.setActiveVault(vault.name);
    return vault;
  }

  async function signIn(args: SignInArgs = {}): Promise<boolean> {
    const vault = await chooseVault(args.vault);
    if (!vault) return false;
    const method = args.sessionId ? 'session' : args.password || args.username ? 'password' : await pickSignInMethod();
    if (!method) return false;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Signing in to ${vault.name}…`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort(new Error('Sign-in cancelled')));
        try {
          if (method === 'session') {
            const sessionId = args.sessionId ?? await askForSessionId(vault);
            if (!sessionId) return false;
            await connection.signInWithSessionId(vault, sessionId.trim(), abort.signal);
          } else {
            const username = args.username ?? await askForUsername(vault);
            if (!username) return false;
            const password = args.password ?? await askForPassword(vault, username);
            if (!password) return false;
            const remember = args.rememberPassword ?? await pickRememberPassword();
            if (remember === undefined) return false;
            await connection.signInWithPassword(vault, username.trim(), password, remember, abort.signal);
          }
          void vscode.window.showInformationMessage(`Signed in to ${vault.name}.`);
          return true;
        } catch (error) {
          void vscode.window.showErrorMessage(`Could not sign in to ${vault.name}: ${describeError(error, connection.redactor)}`, 'Show Output')
            .then((choice) => choice && vscode.commands.executeCommand('vaultJobs.showOutput'));
          return false;
        }
      });
  }

  async function addVault(args?: Partial<VaultEntry>): Promise<VaultEntry | undefined> {
    const name = args?.name ?? await vscode.window.showInputBox({
      title: 'Add Vault (1/3)', prompt: 'A name for this Vault, e.g. "QMS Sandbox"', ignoreFocusOut: true,
      validateInput: (value) => !value.trim() ? 'Enter a name'
        : settings.current.vaults.some((v) => v.name === value.trim()) ? 'A Vault with this name exists already' : undefined,
    });
    if (!name) return undefined;
    const dns = args?.dns ?? await vscode.window.showInputBox({
      title: 'Add Vault (2/3)', prompt: 'The Vault\'s DNS, as in its URL: myvault.veevavault.com', ignoreFocusOut: true,
      validateInput: (value) => readSettings((key) => (key === 'vaults' ? [{ name: 'x', dns: value }] : undefined)).problems[0]?.message,
    });
    if (!dns) return undefined;
    const production = args?.production ?? (await vscode.window.showQuickPick(['Sandbox or other non-production Vault', 'Production Vault'],
      { title: 'Add Vault (3/3)', placeHolder: 'Production Vaults ask for their name before jobs are cancelled', ignoreFocusOut: true })) === 'Production Vault';
    const vault: VaultEntry = { name: name.trim(), dns: dns.trim().toLowerCase(), production, username: args?.username, apiVersion: args?.apiVersion };
    await settings.addVault(vault, true);
    return vault;
  }

  return [
    vscode.commands.registerCommand('vaultJobs.signIn', signIn),
    vscode.commands.registerCommand('vaultJobs.signOut', async (name?: string) => {
      const vault = vaultNamed(name) ?? connection.vault;
      if (!vault) return;
      await connection.signOut(vault);
      void vscode.window.showInformationMessage(`Signed out of ${vault.name}.`);
    }),
    vscode.commands.registerCommand('vaultJobs.selectVault', async (name?: string) => {
      const vault = vaultNamed(name) ?? await pickVault(settings.current.vaults, settings.current.activeVault);
      if (vault) await settings.setActiveVault(vault.name);
      return vault?.name;
    }),
    vscode.commands.registerCommand('vaultJobs.addVault', addVault),
  ];
}
