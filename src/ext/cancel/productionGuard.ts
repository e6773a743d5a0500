// The guard of every action that changes jobs on a production Vault (cancel, Start Now): the user
// types the Vault's name, so that a habit of confirming cannot act on production jobs.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';

const { l10n } = vscode;

/** True when the Vault is not production, or the user typed its name; `prompt` says what typing it does. */
export async function passesProductionGuard(vault: VaultEntry, prompt: string): Promise<boolean> {
  if (!vault.production) return true;
  const typed = await vscode.window.showInputBox({
    title: l10n.t('{0} is a production Vault', vault.name),
    prompt,
    ignoreFocusOut: true,
    validateInput: (value) => (value === vault.name || value === '' ? undefined : l10n.t('Type {0} exactly', vault.name)),
  });
  return typed === vault.name;
}
