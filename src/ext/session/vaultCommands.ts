// Sign In, Sign Out, Select Vault, Add Vault. Each takes optional arguments (for keybindings, other
// extensions and tests) and asks for whatever it was not given.
import * as vscode from 'vscode';
import { commandIds } from '../names';
import type { CommandHandlers } from '../commands';
import type { SignInArgs, SignInFlow } from './signInFlow';
import type { VaultConnection } from './vaultConnection';
import { pickVault } from './prompts';
import type { Settings } from '../settings';
import type { VaultEntry } from '../../core/settings';

export function vaultCommands(connection: VaultConnection, flow: SignInFlow, settings: Settings): CommandHandlers {
  return {
    [commandIds.signIn]: (args?: SignInArgs) => flow.signIn(args),
    [commandIds.signOut]: async (name?: string) => {
      const vault = flow.vaultNamed(name) ?? connection.vault;
      if (!vault) return;
      await connection.signOut(vault);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}.', vault.name));
    },
    [commandIds.selectVault]: async (name?: string) => {
      const vault = await flow.selectVault(flow.vaultNamed(name) ?? await pickVault(settings.current.vaults, settings.current.activeVault));
      return vault?.name;
    },
    [commandIds.addVault]: (args?: Partial<VaultEntry>) => flow.addVault(args),
  };
}
