// Commands as data: each feature builds its handlers by command ID (so tests call them directly,
// with the arguments VS Code would pass), and registerCommands hands them to VS Code.
//
// VS Code calls a command with whatever its caller had: the selected tree item (view toolbars and
// item menus), a file's URI (explorer and editor menus), nothing (palette, keybindings), or what a
// link, another extension or a test passes. Each handler is built with `command`, which names what
// it understands at each argument position (src/core/commandArgs.ts); anything else reaches it as
// undefined, so it asks or does its default instead of failing.
//
// A handler that fails anyway (an unexpected answer, a file that cannot be written) ends in one place:
// registerCommands logs the error with the command's ID and shows it once, under the command's title,
// with Show Output, instead of VS Code's generic "command failed" that says neither.
import * as vscode from 'vscode';
import { acceptedArguments, type ArgumentGuard } from '../core/commandArgs';
import type { Logger, Redactor } from '../core/log';
import { describeError } from './errors';
import type { CommandId } from './names';

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandHandlers = Partial<Record<CommandId, CommandHandler>>;

type Accepted<G extends readonly ArgumentGuard<unknown>[]> = { [K in keyof G]: G[K] extends ArgumentGuard<infer T> ? T | undefined : never };

/** A handler that gets each argument its guard accepts, and undefined in place of any other. */
export function command<const G extends readonly ArgumentGuard<unknown>[]>(accepts: G, handler: (...args: Accepted<G>) => unknown): CommandHandler {
  return (...args: unknown[]) => handler(...(acceptedArguments(accepts, args) as Accepted<G>));
}

/** Where a failed command is told: the log (redacted) and one message. */
export interface CommandErrors {
  report(commandId: string, error: unknown): void;
}

export interface CommandErrorsDeps {
  /** The manifest as VS Code read it (context.extension.packageJSON): the commands' titles in the user's language. */
  readonly manifest: unknown;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly showOutput: () => void;
}

export function commandErrors({ manifest, log, redactor, showOutput }: CommandErrorsDeps): CommandErrors {
  const titles = commandTitles(manifest);
  return {
    report(commandId, error) {
      const reason = describeError(error, redactor);
      // Closing a prompt or pressing Cancel is no failure: the log has it, the user saw it happen.
      if (error instanceof vscode.CancellationError) {
        log.info(`${commandId} cancelled: ${reason}`);
        return;
      }
      log.error(`${commandId} failed: ${reason}`);
      const show = vscode.l10n.t('Show Output');
      const message = vscode.l10n.t({
        message: '{0} failed: {1}',
        args: [titles.get(commandId) ?? commandId, reason],
        comment: ['{0}: command title, {1}: reason'],
      });
      void Promise.resolve(vscode.window.showErrorMessage(message, show)).then((picked) => { if (picked === show) showOutput(); });
    },
  };
}

/** "Category: Title" of every command the manifest contributes, by ID. */
export function commandTitles(manifest: unknown): ReadonlyMap<string, string> {
  const commands = (manifest as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  if (!Array.isArray(commands)) return new Map();
  return new Map(commands.flatMap((entry: { command?: unknown; title?: unknown; category?: unknown }) =>
    typeof entry.command === 'string' && typeof entry.title === 'string'
      ? [[entry.command, typeof entry.category === 'string' ? `${entry.category}: ${entry.title}` : entry.title] as const] : []));
}

/** Registers each handler; one that throws or rejects is reported through `errors` and resolves to undefined. */
export function registerCommands(handlers: CommandHandlers, errors: CommandErrors): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      errors.report(id, error);
      return undefined;
    }
  }));
}

export function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}
