// What a person goes through to get signed in: choosing or adding a Vault, the sign-in questions,
// the progress while Vault answers. The Sign In and Add Vault commands, the Accounts menu and every
// feature that needs a session (session.ensureSignedIn) go through these same methods.
import * as vscode from 'vscode';
import { readSettings, type VaultEntry } from '../../core/settings';
import { showWithSettingButton, type Settings } from '../settings';
import { settingIds } from '../names';
import type { ExtensionOutput } from '../output';
import { describeError } from '../errors';
import type { ActiveConnection, VaultConnection } from './vaultConnection';
import { askForPassword, askForPasswordOfKnownUser, askForSessionId, askForUsername, pickRememberPassword, pickSignInMethod, pickVault, type SignInMethod } from './prompts';
import type { SecretPersistence } from './secretPersistence';

const { l10n } = vscode;

export interface SignInArgs {
  readonly vault?: string;
  readonly username?: string;
  readonly password?: string;
  readonly sessionId?: string;
  readonly rememberPassword?: boolean;
}

interface Credentials {
  readonly chosen: SignInMethod;
  readonly username?: string;
  readonly password?: string;
  readonly sessionId?: string;
}

export class SignInFlow {
  constructor(
    private readonly connection: VaultConnection,
    private readonly settings: Settings,
    private readonly output: ExtensionOutput,
    private readonly secretPersistence: SecretPersistence,
  ) {}

  vaultNamed(name: string | undefined): VaultEntry | undefined {
    return name ? this.settings.current.vaults.find((v) => v.name === name) : undefined;
  }

  /** The active Vault's connection, after offering whatever is missing: a Vault, a choice among Vaults, a sign-in. */
  async ensureSignedIn(signInMessage: (vaultName: string) => string): Promise<ActiveConnection | undefined> {
    const vault = this.connection.active?.vault ?? await this.chooseVault();
    if (!vault) return undefined;
    if (this.activeOn(vault)) return this.activeOn(vault);
    const signIn = l10n.t('Sign In');
    if (await vscode.window.showWarningMessage(signInMessage(vault.name), signIn) !== signIn) return undefined;
    await this.signIn({ vault: vault.name });
    return this.activeOn(vault);
  }

  private activeOn(vault: VaultEntry): ActiveConnection | undefined {
    const active = this.connection.active;
    return active?.vault.dns === vault.dns ? active : undefined;
  }

  /** The named Vault, else the active one, else one the user picks or adds (which then becomes active). */
  async chooseVault(name?: string): Promise<VaultEntry | undefined> {
    const named = this.vaultNamed(name);
    if (named) return named;
    if (this.connection.vault) return this.connection.vault;
    const { vaults, activeVault } = this.settings.current;
    if (vaults.length === 0) {
      const add = l10n.t('Add Vault');
      if (await vscode.window.showWarningMessage(l10n.t('No Vault is configured yet.'), add) !== add) return undefined;
      return this.addVault();
    }
    return this.selectVault(await pickVault(vaults, activeVault));
  }

  async selectVault(vault: VaultEntry | undefined): Promise<VaultEntry | undefined> {
    if (vault) {
      await this.settings.setActiveVault(vault.name);
      await this.connection.reload();
    }
    return vault;
  }

  /**
   * Signs in to the chosen Vault, asking for whatever `args` do not give; true once signed in. Storing
   * the password is asked only once Vault has accepted it; a refusal offers to try again.
   */
  async signIn(args: SignInArgs = {}, method?: SignInMethod): Promise<boolean> {
    const vault = await this.chooseVault(args.vault);
    if (!vault) return false;
    const credentials = await this.askCredentials(vault, args, method);
    if (!credentials) return false;
    const { chosen, username, password, sessionId } = credentials;
    const failure = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Signing in to {0}…', vault.name), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort(new Error(l10n.t('Sign-in cancelled'))));
        try {
          if (sessionId) await this.connection.signInWithSessionId(vault, sessionId, abort.signal);
          else if (username && password) await this.connection.signInWithPassword(vault, username, password, abort.signal);
          return undefined;
        } catch (error) {
          return { error };
        }
      });
    if (failure) {
      this.offerTryAgain(vault, chosen, username, failure.error);
      return false;
    }
    if (username && password) {
      // Dismissing the question stores nothing: the safe answer. Where secrets are lost on reload, a
      // stored password would be lost too, so the question is not asked.
      const remember = args.rememberPassword ?? (this.secretPersistence === 'lost' ? false : await pickRememberPassword() ?? false);
      await this.connection.rememberPassword(vault, username, remember ? password : undefined);
      if (vault.username !== username) await this.settings.setVaultUsername(vault.name, username);
    }
    void vscode.window.showInformationMessage(l10n.t('Signed in to {0}.', vault.name));
    return true;
  }

  /**
   * What `args` do not give of the sign-in: a Vault that knows its user (from settings, kept at the
   * last sign-in) asks for the password only, with a button for another user or a session; undefined
   * when the person declined.
   */
  private async askCredentials(vault: VaultEntry, args: SignInArgs, method: SignInMethod | undefined): Promise<Credentials | undefined> {
    if (!method && !args.sessionId && !args.username && vault.username) {
      const answer = args.password !== undefined ? { password: args.password } : await askForPasswordOfKnownUser(vault, vault.username);
      if (answer === undefined) return undefined;
      if (answer !== 'otherWay') return { chosen: 'password', username: vault.username, password: answer.password };
    }
    const chosen = method ?? (args.sessionId ? 'session' : args.password || args.username ? 'password' : await pickSignInMethod());
    if (chosen === 'session') {
      const sessionId = (args.sessionId ?? await askForSessionId(vault))?.trim();
      return sessionId ? { chosen, sessionId } : undefined;
    }
    if (chosen !== 'password') return undefined;
    const username = (args.username ?? await askForUsername(vault))?.trim();
    if (!username) return undefined;
    const password = args.password ?? await askForPassword(vault, username);
    return password ? { chosen, username, password } : undefined;
  }

  /** Says why sign-in failed; "Try Again" asks again for the password (or session), the user name kept. */
  private offerTryAgain(vault: VaultEntry, method: SignInMethod, username: string | undefined, error: unknown): void {
    const tryAgain = l10n.t('Try Again');
    const showOutput = l10n.t('Show Output');
    void vscode.window.showErrorMessage(l10n.t('Could not sign in to {0}: {1}', vault.name, describeError(error, this.output.redactor)), tryAgain, showOutput)
      .then((choice) => {
        if (choice === showOutput) this.output.show();
        if (choice === tryAgain) void this.signIn({ vault: vault.name, username }, method);
      });
  }

  /** Adds a Vault to the list in effect and makes it active, asking for what `args` do not give. */
  async addVault(args?: Partial<VaultEntry>): Promise<VaultEntry | undefined> {
    const name = args?.name ?? await vscode.window.showInputBox({
      title: l10n.t('Add Vault (1/3)'), prompt: l10n.t('A name for this Vault, e.g. "QMS Sandbox"'), ignoreFocusOut: true,
      validateInput: (value) => !value.trim() ? l10n.t('Enter a name')
        : this.settings.hasVaultNamed(value.trim()) ? l10n.t('A Vault with this name exists already') : undefined,
    });
    if (!name) return undefined;
    const dns = args?.dns ?? await vscode.window.showInputBox({
      title: l10n.t('Add Vault (2/3)'), prompt: l10n.t('The Vault\'s DNS, as in its URL: myvault.veevavault.com'), ignoreFocusOut: true,
      validateInput: (value) => readSettings((key) => (key === 'vaults' ? [{ name: 'x', dns: value }] : undefined)).problems[0]?.message,
    });
    if (!dns) return undefined;
    const productionVault = l10n.t('Production Vault');
    const production = args?.production ?? (await vscode.window.showQuickPick([l10n.t('Sandbox or other non-production Vault'), productionVault],
      { title: l10n.t('Add Vault (3/3)'), placeHolder: l10n.t('Production Vaults ask for their name before jobs are cancelled'), ignoreFocusOut: true })) === productionVault;
    const vault: VaultEntry = { name: name.trim(), dns: dns.trim().toLowerCase(), production, username: args?.username, apiVersion: args?.apiVersion };
    // Arguments skip the questions' checks: check them here, so no call can leave a list the extension calls broken.
    const problem = this.settings.hasVaultNamed(vault.name) ? l10n.t('a Vault named {0} exists already', vault.name)
      : readSettings((key) => (key === 'vaults' ? [vault] : undefined)).problems[0]?.message;
    if (problem) {
      void vscode.window.showErrorMessage(l10n.t('Could not add the Vault: {0}', problem));
      return undefined;
    }
    const location = await this.settings.addVault(vault, true);
    await this.connection.reload();
    if (location === 'workspace') {
      void showWithSettingButton(vscode.window.showInformationMessage, l10n.t(
        'Added {0} to this workspace\'s settings: the workspace has its own list of Vaults ({1}), which replaces the list in your user settings.',
        vault.name, settingIds.vaults), settingIds.vaults);
    }
    return vault;
  }
}
