// The one place settings are read and written. Bad values are reported once, naming the setting,
// with a button that opens it; the rest of the extension only ever sees validated, typed settings.
import * as vscode from 'vscode';
import { readSettings, settingsSection, type ExtensionSettings, type SettingProblem, type VaultEntry } from '../core/settings';
import { DisposableStore } from './disposables';
import { builtInCommandIds } from './names';

/** The settings a list of Vaults lives in. */
export type VaultListLocation = 'user' | 'workspace';

function targetOf(location: VaultListLocation): vscode.ConfigurationTarget {
  return location === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export class Settings implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<ExtensionSettings>());
  readonly onDidChange = this.changed.event;
  private reported = '';
  private cached: ExtensionSettings | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(settingsSection)) return;
      this.cached = undefined;
      this.changed.fire(this.current);
    }));
  }

  get current(): ExtensionSettings {
    if (this.cached) return this.cached;
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const { settings, problems } = readSettings((key) => configuration.get(key));
    this.report(problems);
    this.cached = settings;
    return settings;
  }

  /**
   * Adds a Vault to the list in effect, and says which: the workspace's own list when it has one and
   * is trusted (that list replaces the user's, so a Vault added to the user's would stay hidden),
   * else the user's. An untrusted workspace's values are ignored by VS Code (the settings are
   * restricted), so there the user's list is the one in effect.
   */
  async addVault(vault: VaultEntry, makeActive: boolean): Promise<VaultListLocation> {
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const location = this.vaultListLocation();
    const inspected = configuration.inspect<unknown[]>('vaults');
    const existing = (location === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    const entry: Record<string, unknown> = { name: vault.name, dns: vault.dns };
    if (vault.username) entry.username = vault.username;
    if (vault.apiVersion) entry.apiVersion = vault.apiVersion;
    if (vault.production) entry.production = true;
    await configuration.update('vaults', [...existing, entry], targetOf(location));
    this.cached = undefined; // callers read the new Vault at once, whenever VS Code's change event comes
    if (makeActive) await this.setActiveVault(vault.name);
    return location;
  }

  /**
   * Keeps the user name of a Vault in its entry (a password never goes to settings), in the list that
   * holds the entry, so the next sign-in asks only for the password.
   */
  async setVaultUsername(vaultName: string, username: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const location = this.vaultListLocation();
    const inspected = configuration.inspect<unknown[]>('vaults');
    const list = location === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue;
    if (!Array.isArray(list)) return;
    const index = list.findIndex((entry) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === vaultName);
    if (index < 0) return; // the entry is in a list this extension does not write (a folder's)
    const updated = [...list];
    updated[index] = { ...(list[index] as Record<string, unknown>), username };
    await configuration.update('vaults', updated, targetOf(location));
    this.cached = undefined;
  }

  /** Whether a Vault of this name is in the list in effect, or in the list a new Vault would go to. */
  hasVaultNamed(name: string): boolean {
    const inspected = vscode.workspace.getConfiguration(settingsSection).inspect<unknown[]>('vaults');
    const target = (this.vaultListLocation() === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    return this.current.vaults.some((v) => v.name === name)
      || (Array.isArray(target) && target.some((entry) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name));
  }

  /**
   * Sets the active Vault where it takes effect and names a Vault of the list in effect: in the
   * workspace when the workspace has its own list or its own active Vault (and is trusted), else in
   * the user's settings. A user-level name of a workspace-only Vault would be reported as broken in
   * every other window.
   */
  async setActiveVault(name: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const workspaceChooses = vscode.workspace.isTrusted
      && (this.vaultListLocation() === 'workspace' || configuration.inspect('activeVault')?.workspaceValue !== undefined);
    await configuration.update('activeVault', name, targetOf(workspaceChooses ? 'workspace' : 'user'));
    this.cached = undefined;
  }

  /** Which list of Vaults is in effect. */
  vaultListLocation(): VaultListLocation {
    const inspected = vscode.workspace.getConfiguration(settingsSection).inspect('vaults');
    return vscode.workspace.isTrusted && inspected?.workspaceValue !== undefined ? 'workspace' : 'user';
  }

  private report(problems: SettingProblem[]): void {
    const text = problems.map((p) => `${p.setting} ${p.message}`).join('\n');
    if (text === this.reported) return;
    this.reported = text;
    if (!problems.length) return;
    for (const p of problems) this.log.warn(`[settings] ${p.setting} ${p.message}`);
    const first = problems[0];
    // The problem's message comes from src/core in English, like every message the core produces.
    const message = problems.length > 1
      ? vscode.l10n.t({ message: 'Vault Jobs: the setting {0} {1} (and {2} more, see the output)', args: [first.setting, first.message, problems.length - 1], comment: ['{0}: setting name, {1}: its problem (English), {2}: other problems'] })
      : vscode.l10n.t({ message: 'Vault Jobs: the setting {0} {1}', args: [first.setting, first.message], comment: ['{0}: setting name, {1}: its problem (English)'] });
    void showWithSettingButton(vscode.window.showWarningMessage, message, first.setting);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** Shows `message` with an "Open Settings" button that opens `setting` (an entry's key, `…vaults[1].dns`, opens its list). */
export async function showWithSettingButton(
  show: (message: string, ...items: string[]) => Thenable<string | undefined>, message: string, setting: string,
): Promise<void> {
  const openSettings = vscode.l10n.t('Open Settings');
  if (await show(message, openSettings) === openSettings) {
    await vscode.commands.executeCommand(builtInCommandIds.openSettings, setting.replace(/\[.*$/, ''));
  }
}
