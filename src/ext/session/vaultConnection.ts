// The active Vault, its client and its session state. Sign-in, sign-out and session renewal go
// through here, so the tree, the status bar, the commands and the Accounts menu always agree.
import * as vscode from 'vscode';
import { activeVaultOf, type VaultEntry } from '../../core/settings';
import type { Logger } from '../../core/log';
import { VaultClient, type VaultSession } from '../../core/vault';
import { errorMessage } from '../../core/errorMessage';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { DisposableStore } from '../disposables';
import { builtInCommandIds, contextKeys } from '../names';
import type { SessionStore, StoredSession } from './sessionStore';
import { askForPassword } from './prompts';

export type ConnectionState = 'noVault' | 'signedOut' | 'signedIn';

export interface ActiveConnection {
  readonly vault: VaultEntry;
  readonly client: VaultClient;
  readonly session: StoredSession;
}

export class VaultConnection implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private activeConnection: ActiveConnection | undefined;
  private stateValue: ConnectionState = 'noVault';
  private readonly log: Logger;
  /** Reloads overlap (settings and secrets change at once); only the latest one may set the state. */
  private reloadGeneration = 0;

  constructor(
    private readonly settings: Settings,
    private readonly store: SessionStore,
    private readonly output: ExtensionOutput,
  ) {
    this.log = output.logger('session');
    this.disposables.add(settings.onDidChange(() => void this.reload()));
    this.disposables.add(store.onDidChange((dns) => { if (dns === this.vault?.dns) void this.reload(); }));
  }

  private get redactor() { return this.output.redactor; }

  get state(): ConnectionState { return this.stateValue; }
  get vault(): VaultEntry | undefined { return activeVaultOf(this.settings.current); }
  /** The signed-in Vault with its client and session; undefined unless signed in. */
  get active(): ActiveConnection | undefined { return this.activeConnection; }

  /** Re-reads the active Vault and its stored session; builds a client when there is one. */
  async reload(): Promise<void> {
    const generation = ++this.reloadGeneration;
    const vault = this.vault;
    const session = vault && await this.store.get(vault.dns);
    if (generation !== this.reloadGeneration) return;
    if (session) this.redactor.add(session.sessionId);
    this.activeConnection = vault && session ? { vault, session, client: this.createClient(vault, session) } : undefined;
    this.setState(!vault ? 'noVault' : session ? 'signedIn' : 'signedOut');
  }

  /** A client for a Vault without a session yet (sign-in), or with one. */
  createClient(vault: VaultEntry, session?: StoredSession): VaultClient {
    const { clientId } = this.settings.current;
    return new VaultClient({
      dns: vault.dns,
      apiVersion: vault.apiVersion,
      clientId,
      logger: this.output.coreLogger, // the client prefixes its own lines with [vault]
      redactor: this.redactor,
      reauthenticate: (signal, expired) => this.renewSession(vault, signal, expired),
    }, session && { sessionId: session.sessionId, userId: session.userId, vaultId: session.vaultId, kind: session.kind });
  }

  async signInWithPassword(vault: VaultEntry, username: string, password: string, signal?: AbortSignal): Promise<StoredSession> {
    this.redactor.add(password);
    const session = await this.createClient(vault).signIn(username, password, signal);
    return this.storeSession(vault, session, username);
  }

  /** Stores the password (checked by a sign-in) to sign in again when the session ends; undefined forgets it. */
  async rememberPassword(vault: VaultEntry, username: string, password: string | undefined): Promise<void> {
    if (password) await this.store.setPassword(vault.dns, username, password);
    else await this.store.deletePassword(vault.dns, username);
  }

  /** Adopts an existing session ID or API access token after checking it with Vault. */
  async signInWithSessionId(vault: VaultEntry, sessionIdOrToken: string, signal?: AbortSignal): Promise<StoredSession> {
    this.redactor.add(sessionIdOrToken);
    const client = this.createClient(vault);
    const session = await client.useSession(sessionIdOrToken, signal);
    const user = await client.whoAmI(signal).catch(() => undefined);
    return this.storeSession(vault, session, user?.userName);
  }

  /** Ends the Vault's session and forgets it; false when there was none to end. */
  async signOut(vault: VaultEntry | undefined = this.vault): Promise<boolean> {
    if (!vault) return false;
    const stored = await this.store.get(vault.dns);
    // Ends the session on Vault too. The client skips API tokens (there is no session to end) and only
    // logs a failure (already expired, offline), which must not keep the user signed in here.
    if (stored) await this.createClient(vault, stored).signOut();
    await this.store.delete(vault.dns);
    if (stored?.username) await this.store.deletePassword(vault.dns, stored.username);
    this.log.info(stored ? `signed out of ${vault.name}` : `sign out of ${vault.name}: no session was stored`);
    await this.reload();
    return stored !== undefined;
  }

  private async storeSession(vault: VaultEntry, session: VaultSession, username: string | undefined): Promise<StoredSession> {
    this.redactor.add(session.sessionId);
    const stored: StoredSession = { sessionId: session.sessionId, kind: session.kind, username, userId: session.userId, vaultId: session.vaultId, signedInAt: Date.now() };
    await this.store.set(vault.dns, stored);
    this.log.info(`signed in to ${vault.name} (${vault.dns})${username ? ` as ${username}` : ''}`);
    await this.reload();
    return stored;
  }

  /**
   * Called by the client once when Vault answers INVALID_SESSION_ID: signs in again with the stored
   * password, or asks the user, so the work in progress goes on without losing anything.
   */
  private async renewSession(vault: VaultEntry, signal: AbortSignal, expired: VaultSession | undefined): Promise<VaultSession | undefined> {
    const stored = await this.store.get(vault.dns);
    // A request sent with a session the user has since ended (a background reading in flight at Sign
    // Out) is no reason to ask for a password: the user is signed out, and stays so.
    if (!stored) {
      this.log.info(`a request with an ended session of ${vault.name} was refused; signed out, so not signing in again`);
      return undefined;
    }
    // Already replaced (renewed, or signed in again): the request goes on with the current session.
    if (expired && stored.sessionId !== expired.sessionId) return { sessionId: stored.sessionId, kind: stored.kind, userId: stored.userId, vaultId: stored.vaultId };
    const username = stored.username ?? vault.username;
    this.log.warn(`the session for ${vault.name} expired`);
    if (!username || stored.kind === 'token') return this.expire(vault);
    let password = await this.store.getPassword(vault.dns, username);
    if (!password) {
      password = await askWhileRunning(signal, (token) =>
        askForPassword(vault, username, vscode.l10n.t('Your Vault session expired. Enter your password to continue where you left off.'), token));
      if (!password) return this.expire(vault);
    }
    this.redactor.add(password);
    try {
      const session = await this.createClient(vault).signIn(username, password, signal);
      await this.storeSession(vault, session, username);
      return session;
    } catch (error) {
      this.log.error(`signing in again failed: ${errorMessage(error)}`);
      return this.expire(vault);
    }
  }

  private async expire(vault: VaultEntry): Promise<undefined> {
    await this.store.delete(vault.dns);
    await this.reload();
    return undefined;
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.state, state);
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** Asks with a token that the run's stop cancels, so Stop closes the question along with the run. */
async function askWhileRunning<T>(signal: AbortSignal, ask: (token: vscode.CancellationToken) => Thenable<T | undefined>): Promise<T | undefined> {
  const source = new vscode.CancellationTokenSource();
  const cancel = () => source.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  if (signal.aborted) cancel();
  try {
    return await ask(source.token);
  } finally {
    signal.removeEventListener('abort', cancel);
    source.dispose();
  }
}
