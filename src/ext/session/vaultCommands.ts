// Sign In, Sign Out, Select Vault, Add Vault. Each takes optional arguments (for keybindings, other
// extensions and tests) and asks for whatever it was not given.
import * as vscode from 'vscode';
import { commandIds } from '../names';
import { command, type CommandHandlers } from '../commands';
import { isNonEmptyString, plainObjectOf } from '../../core/commandArgs';
import type { SignInArgs, SignInFlow } from './signInFlow';
import type { VaultConnection } from './vaultConnection';
import { pickVault } from './prompts';
import type { Settings } from '../settings';
import type { VaultEntry } from '../../core/settings';

const isSignInArgs = plainObjectOf<SignInArgs>({ vault: 'string', username: 'string', password: 'string', sessionId: 'string', rememberPassword: 'boolean' });
const isVaultArgs = plainObjectOf<Partial<VaultEntry>>({ name: 'string', dns: 'string', username: 'string', apiVersion: 'string', production: 'boolean' });

export function vaultCommands(connection: VaultConnection, flow: SignInFlow, settings: Settings): CommandHandlers {
  return {
    [commandIds.signIn]: command([isSignInArgs], (args) => flow.signIn(args)),
    [commandIds.signOut]: command([isNonEmptyString], async (name) => {
      const vault = flow.vaultNamed(name) ?? connection.vault;
      if (!vault) return;
      const signedOut = await connection.signOut(vault);
      // Sign Out is hidden while signed out, but a keybinding, a link or another window can still run it.
      void vscode.window.showInformationMessage(signedOut ? vscode.l10n.t('Signed out of {0}.', vault.name) : vscode.l10n.t('You were not signed in to {0}.', vault.name));
    }),
    [commandIds.selectVault]: command([isNonEmptyString], async (name) => {
      const vault = await flow.selectVault(flow.vaultNamed(name) ?? await pickVault(settings.current.vaults, settings.current.activeVault));
      return vault?.name;
    }),
    [commandIds.addVault]: command([isVaultArgs], (args) => flow.addVault(args)),
  };
}
