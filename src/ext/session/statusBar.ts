// The status bar item: the active Vault, the signed-in user and the remaining API budget; a click
// selects another Vault.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { commandIds, statusBarItemId } from '../names';
import type { VaultConnection } from './vaultConnection';

const { l10n } = vscode;

export class VaultStatusBar implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly item = this.disposables.add(vscode.window.createStatusBarItem(statusBarItemId, vscode.StatusBarAlignment.Left, 50));
  /** The API budget changes with every call: follow the current client's figures. */
  private budgetSubscription: { dispose(): void } | undefined;

  constructor(private readonly connection: VaultConnection) {
    this.item.name = l10n.t('Vault Jobs');
    this.item.command = commandIds.selectVault;
    this.disposables.add(connection.onDidChange(() => this.followClient()));
    this.disposables.add({ dispose: () => this.budgetSubscription?.dispose() });
    this.followClient();
  }

  private followClient(): void {
    this.budgetSubscription?.dispose();
    this.budgetSubscription = this.connection.active?.client.onDidUpdateRateLimits(() => this.update());
    this.update();
  }

  private update(): void {
    const vault = this.connection.vault;
    if (!vault) {
      this.item.hide();
      return;
    }
    const active = this.connection.active;
    const user = active?.session.username;
    const budget = active?.client.rateLimits;
    const budgetText = budget?.burstRemaining !== undefined ? ` · ${budget.burstRemaining}/${budget.burstLimit ?? '?'}` : '';
    this.item.text = `$(${active ? 'server-environment' : 'debug-disconnect'}) ${vault.name}${user ? ` · ${user}` : ''}${budgetText}`;
    this.item.tooltip = new vscode.MarkdownString([
      vault.production ? l10n.t({ message: '**{0}** (production): {1}', args: [vault.name, vault.dns], comment: ['{0}: Vault name, {1}: Vault host'] }) : `**${vault.name}**: ${vault.dns}`,
      !active ? l10n.t('Signed out') : user ? l10n.t('Signed in as {0}', user) : l10n.t('Signed in'),
      budget?.burstRemaining !== undefined ? l10n.t('API budget: {0} of {1} calls left in this 5-minute window', budget.burstRemaining, budget.burstLimit ?? '?') : '',
      l10n.t('Click to select another Vault'),
    ].filter(Boolean).join('\n\n'));
    this.item.backgroundColor = vault.production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
