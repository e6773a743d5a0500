// Shows the signed-in Vault under the Accounts menu, where it can be signed out like any account;
// signed out, the menu offers to sign in.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { authenticationProviderId } from '../names';
import type { VaultConnection } from './vaultConnection';
import type { SignInFlow } from './signInFlow';

export class VaultAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  private known: vscode.AuthenticationSession | undefined;

  constructor(private readonly connection: VaultConnection, private readonly flow: SignInFlow) {
    this.disposables.add(vscode.authentication.registerAuthenticationProvider(authenticationProviderId, vscode.l10n.t('Veeva Vault'), this, { supportsMultipleAccounts: false }));
    this.disposables.add(connection.onDidChange(() => {
      this.sync();
      // Asking for the session makes VS Code list the Vault account in the Accounts menu; asking
      // without one (not silently, not creating it) puts a "Sign in" entry there instead.
      void vscode.authentication.getSession(authenticationProviderId, [], connection.state === 'signedIn' ? { silent: true } : { createIfNone: false });
    }));
  }

  /** The account the Accounts menu lists, if signed in. */
  get account(): vscode.AuthenticationSession | undefined { return this.known; }

  getSessions(): Promise<vscode.AuthenticationSession[]> {
    return Promise.resolve(this.known ? [this.known] : []);
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    await this.flow.signIn();
    this.sync();
    if (!this.known) throw new Error(vscode.l10n.t('Sign-in to the Vault was not completed'));
    return this.known;
  }

  async removeSession(sessionId: string): Promise<void> {
    if (this.known?.id === sessionId) await this.connection.signOut();
  }

  private sync(): void {
    const active = this.connection.active;
    const next: vscode.AuthenticationSession | undefined = active && {
      id: `${active.vault.dns}:${active.session.signedInAt}`,
      accessToken: active.session.sessionId,
      account: { id: `${active.vault.dns}:${active.session.username ?? active.session.userId ?? ''}`, label: vscode.l10n.t({ message: '{0} @ {1}', args: [active.session.username ?? vscode.l10n.t('Vault user'), active.vault.name], comment: ['account: {0}: user name, {1}: Vault name'] }) },
      scopes: [],
    };
    if (next?.id === this.known?.id) return;
    const removed = this.known ? [this.known] : [];
    this.known = next;
    this.changed.fire({ added: next ? [next] : [], removed, changed: [] });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
