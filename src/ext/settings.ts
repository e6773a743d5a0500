// The one place settings are read and written. Bad values are reported once, naming the setting,
// with a button that opens it; the rest of the extension only ever sees validated, typed settings.
import * as vscode from 'vscode';
import { readSettings, settingsSection, type ExtensionSettings, type SettingProblem, type VaultEntry } from '../core/settings';
import { DisposableStore } from './disposables';
import { builtInCommandIds } from './names';

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

  /** Adds a Vault to the user's settings (never the workspace's: a workspace must not choose hosts). */
  async addVault(vault: VaultEntry, makeActive: boolean): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const existing = configuration.inspect<unknown[]>('vaults')?.globalValue ?? [];
    const entry: Record<string, unknown> = { name: vault.name, dns: vault.dns };
    if (vault.username) entry.username = vault.username;
    if (vault.apiVersion) entry.apiVersion = vault.apiVersion;
    if (vault.production) entry.production = true;
    await configuration.update('vaults', [...existing, entry], vscode.ConfigurationTarget.Global);
    this.cached = undefined; // callers read the new Vault at once, whenever VS Code's change event comes
    if (makeActive) await this.setActiveVault(vault.name);
  }

  async setActiveVault(name: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(settingsSection);
    const target = configuration.inspect('activeVault')?.workspaceValue !== undefined && vscode.workspace.isTrusted
      ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await configuration.update('activeVault', name, target);
    this.cached = undefined;
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
      ? vscode.l10n.t('Vault Jobs: the setting {0} {1} (and {2} more, see the output)', first.setting, first.message, problems.length - 1)
      : vscode.l10n.t('Vault Jobs: the setting {0} {1}', first.setting, first.message);
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
