// The session feature: the active Vault, its stored session, sign-in and sign-out, keep-alive, the
// Accounts entry and the status bar. Other features use only the SessionService it returns.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { SessionStore } from './sessionStore';
import { VaultConnection, type ActiveConnection, type ConnectionState } from './vaultConnection';
import { SignInFlow } from './signInFlow';
import { VaultAuthenticationProvider } from './vaultAuthenticationProvider';
import { VaultStatusBar } from './statusBar';
import { SessionKeepAlive } from './sessionKeepAlive';
import { vaultCommands } from './vaultCommands';
import { registerCommands } from '../commands';
import { checkSecretPersistence, type SecretPersistence } from './secretPersistence';

export type { ActiveConnection, ConnectionState } from './vaultConnection';

export interface SessionService {
  readonly state: ConnectionState;
  /** The active Vault (signed in or not). */
  readonly vault: VaultEntry | undefined;
  /** The signed-in Vault with its client and session; undefined unless signed in. */
  readonly active: ActiveConnection | undefined;
  /** Fires when the active Vault or its session changes. */
  readonly onDidChange: vscode.Event<void>;
  /**
   * The signed-in connection, after offering what is missing (add or pick a Vault, sign in);
   * undefined when the user declined. `signInMessage` words the offer to sign in, for the Vault's name
   * ("Sign in to QMS Sandbox to cancel jobs.").
   */
  ensureSignedIn(signInMessage: (vaultName: string) => string): Promise<ActiveConnection | undefined>;
  /** Re-reads the settings and the stored session. */
  reload(): Promise<void>;
  /** The Vault account listed under the Accounts menu (with the same session), if signed in. */
  readonly account: vscode.AuthenticationSession | undefined;
  /** One Session Keep Alive call now (when signed in and the window has focus); true when Vault answered. */
  keepAlive(): Promise<boolean>;
  /** Whether this VS Code kept the secrets of the last start (lost: the session ends with each window reload). */
  readonly secretPersistence: SecretPersistence;
}

export interface SessionDeps {
  readonly settings: Settings;
  readonly output: ExtensionOutput;
}

export async function activateSession(context: vscode.ExtensionContext, { settings, output }: SessionDeps): Promise<SessionService> {
  const secrets = await checkSecretPersistence(context.secrets, context.globalStorageUri.fsPath);
  const log = output.logger('session');
  log.info(`secrets after the last start: ${secrets.persistence}`);
  if (secrets.firstLost) {
    void vscode.window.showWarningMessage(vscode.l10n.t(
      'This VS Code does not keep secrets when its window reloads, so your Vault session ends with each reload and you will sign in again. Vault Jobs no longer offers to store your password here.'));
  }
  const connection = new VaultConnection(settings, new SessionStore(context.secrets), output);
  const flow = new SignInFlow(connection, settings, output, secrets.persistence);
  const keepAlive = new SessionKeepAlive(connection, log);
  const accounts = new VaultAuthenticationProvider(connection, flow);
  context.subscriptions.push(
    connection, keepAlive, accounts,
    new VaultStatusBar(connection),
    ...registerCommands(vaultCommands(connection, flow, settings), output.commandErrors),
  );
  await connection.reload();
  return {
    get state() { return connection.state; },
    get vault() { return connection.vault; },
    get active() { return connection.active; },
    get account() { return accounts.account; },
    onDidChange: connection.onDidChange,
    ensureSignedIn: (signInMessage) => flow.ensureSignedIn(signInMessage),
    reload: () => connection.reload(),
    keepAlive: () => keepAlive.ping(),
    secretPersistence: secrets.persistence,
  };
}
