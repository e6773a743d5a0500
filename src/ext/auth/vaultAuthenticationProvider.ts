// Shows the signed-in Vault under the Accounts menu, where it can be signed out like any account.
import * as vscode from 'vscode';
import type { VaultConnection } from '../vaultConnection';

export const authenticationProviderId = 'vaultJobs';

export class VaultAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: vscode.AuthenticationSession | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: VaultConnection) {
    this.subscription = connection.onDidChange(() => this.sync());
  }

  getSessions(): Promise<vscode.AuthenticationSession[]> {
    return Promise.resolve(this.known ? [this.known] : []);
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    await vscode.commands.executeCommand('vaultJobs.signIn');
    this.sync();
    if (!this.known) throw new Error('Sign-in to the Vault was not completed');
    return this.known;
  }

  async removeSession(sessionId: string): Promise<void> {
    if (this.known?.id === sessionId) await this.connection.signOut();
  }

  private sync(): void {
    const active = this.connection.connection;
    const next: vscode.AuthenticationSession | undefined = active && {
      id: `${active.vault.dns}:${active.session.signedInAt}`,
      accessToken: active.session.sessionId,
      account: { id: `${active.vault.dns}:${active.session.username ?? active.session.userId ?? ''}`, label: `${active.session.username ?? 'Vault user'} @ ${active.vault.name}` },
      scopes: [],
    };
    if (next?.id === this.known?.id) return;
    const removed = this.known ? [this.known] : [];
    this.known = next;
    this.changed.fire({ added: next ? [next] : [], removed, changed: [] });
  }

  dispose(): void {
    this.changed.dispose();
    this.subscription.dispose();
  }
}
