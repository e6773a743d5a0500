// Sign In, Sign Out, Select Vault, Add Vault. Each takes optional arguments (for keybindings, other
// extensions and tests) and asks for whatever it was not given.
import * as vscode from 'vscode';
import { commandIds } from '../names';
import type { SignInArgs, SignInFlow } from './signInFlow';
import type { VaultConnection } from './vaultConnection';
import { pickVault } from './prompts';
import type { Settings } from '../settings';
import type { VaultEntry } from '../../core/settings';

export function registerVaultCommands(connection: VaultConnection, flow: SignInFlow, settings: Settings): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.signIn, (args?: SignInArgs) => flow.signIn(args)),
    vscode.commands.registerCommand(commandIds.signOut, async (name?: string) => {
      const vault = flow.vaultNamed(name) ?? connection.vault;
      if (!vault) return;
      await connection.signOut(vault);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}.', vault.name));
    }),
    vscode.commands.registerCommand(commandIds.selectVault, async (name?: string) => {
      const vault = await flow.selectVault(flow.vaultNamed(name) ?? await pickVault(settings.current.vaults, settings.current.activeVault));
      return vault?.name;
    }),
    vscode.commands.registerCommand(commandIds.addVault, (args?: Partial<VaultEntry>) => flow.addVault(args)),
  ];
}
