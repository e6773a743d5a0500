// The status bar item: the active Vault, the signed-in user and the remaining API budget; a click
// selects another Vault.
import * as vscode from 'vscode';
import type { VaultConnection } from './vaultConnection';

export class VaultStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vaultJobs.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  /** The API budget changes with every call: follow the current client's figures. */
  private budgetSubscription: { dispose(): void } | undefined;

  constructor(private readonly connection: VaultConnection) {
    this.item.name = 'Vault Jobs';
    this.item.command = 'vaultJobs.selectVault';
    this.subscriptions = [connection.onDidChange(() => this.followClient())];
    this.followClient();
  }

  private followClient(): void {
    this.budgetSubscription?.dispose();
    this.budgetSubscription = this.connection.connection?.client.onDidUpdateRateLimits(() => this.update());
    this.update();
  }

  private update(): void {
    const vault = this.connection.vault;
    if (!vault) {
      this.item.hide();
      return;
    }
    const active = this.connection.connection;
    const user = active?.session.username;
    const budget = active?.client.rateLimits;
    const budgetText = budget?.burstRemaining !== undefined ? ` · ${budget.burstRemaining}/${budget.burstLimit ?? '?'}` : '';
    this.item.text = `$(${active ? 'server-environment' : 'debug-disconnect'}) ${vault.name}${user ? ` · ${user}` : ''}${budgetText}`;
    this.item.tooltip = new vscode.MarkdownString([
      `**${vault.name}**${vault.production ? ' (production)' : ''}: ${vault.dns}`,
      active ? `Signed in${user ? ` as ${user}` : ''}` : 'Signed out',
      budget?.burstRemaining !== undefined ? `API budget: ${budget.burstRemaining} of ${budget.burstLimit ?? '?'} calls left in this 5-minute window` : '',
      'Click to select another Vault',
    ].filter(Boolean).join('\n\n'));
    this.item.backgroundColor = vault.production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.budgetSubscription?.dispose();
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
