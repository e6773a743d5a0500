// Every command is registered here, with what it understands at each argument position (see
// src/core/commandArgs.ts): a menu, link or caller can pass anything, and what a command does not
// understand reaches it as undefined, so it asks or does its default instead of failing.
import * as vscode from 'vscode';
import { acceptedArguments, type ArgumentGuard } from '../core/commandArgs';
import type { CommandId } from './names';

type Accepted<G extends readonly ArgumentGuard<unknown>[]> = { [K in keyof G]: G[K] extends ArgumentGuard<infer T> ? T | undefined : never };

export function registerCommand<const G extends readonly ArgumentGuard<unknown>[]>(
  id: CommandId, accepts: G, handler: (...args: Accepted<G>) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => handler(...(acceptedArguments(accepts, args) as Accepted<G>)));
}

export function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}
