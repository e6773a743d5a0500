// Commands as data: each feature builds its handlers by command ID (so tests call them directly,
// with the arguments VS Code would pass), and registerCommands hands them to VS Code.
import * as vscode from 'vscode';
import type { CommandId } from './names';

export type CommandHandlers = Partial<Record<CommandId, (...args: never[]) => unknown>>;

export function registerCommands(handlers: CommandHandlers): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
}
