// Commands as data: each feature builds its handlers by command ID (so tests call them directly,
// with the arguments VS Code would pass), and registerCommands hands them to VS Code.
//
// VS Code calls a command with whatever its caller had: the selected tree item (view toolbars and
// item menus), a file's URI (explorer and editor menus), nothing (palette, keybindings), or what a
// link, another extension or a test passes. Each handler is built with `command`, which names what
// it understands at each argument position (src/core/commandArgs.ts); anything else reaches it as
// undefined, so it asks or does its default instead of failing.
import * as vscode from 'vscode';
import { acceptedArguments, type ArgumentGuard } from '../core/commandArgs';
import type { CommandId } from './names';

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandHandlers = Partial<Record<CommandId, CommandHandler>>;

type Accepted<G extends readonly ArgumentGuard<unknown>[]> = { [K in keyof G]: G[K] extends ArgumentGuard<infer T> ? T | undefined : never };

/** A handler that gets each argument its guard accepts, and undefined in place of any other. */
export function command<const G extends readonly ArgumentGuard<unknown>[]>(accepts: G, handler: (...args: Accepted<G>) => unknown): CommandHandler {
  return (...args: unknown[]) => handler(...(acceptedArguments(accepts, args) as Accepted<G>));
}

export function registerCommands(handlers: CommandHandlers): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

export function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}
