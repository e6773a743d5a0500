// The "Vault Jobs" output channel and the redactor every line passes through: each feature gets a
// logger with its `[component]` prefix from here, so no call site can forget to redact.
import * as vscode from 'vscode';
import { Redactor, componentLogger, redactedLogger, type Logger } from '../core/log';
import { commandIds, outputChannelName } from './names';
import { command, registerCommands } from './commands';

export interface ExtensionOutput {
  readonly channel: vscode.LogOutputChannel;
  /** Knows every secret seen so far; also for text shown outside the log (notifications, tree messages). */
  readonly redactor: Redactor;
  /** A logger whose lines start with `[component]`. */
  logger(component: string): Logger;
  /** A logger without prefix, for core modules that prefix their own lines ([vault], [cancel]). */
  readonly coreLogger: Logger;
  readonly show: () => void;
}

export function activateOutput(context: vscode.ExtensionContext): ExtensionOutput {
  const channel = vscode.window.createOutputChannel(outputChannelName, { log: true });
  const redactor = new Redactor();
  const output: ExtensionOutput = {
    channel,
    redactor,
    logger: (component) => componentLogger(channel, redactor, component),
    coreLogger: redactedLogger(channel, redactor),
    show: () => channel.show(true),
  };
  context.subscriptions.push(channel, ...registerCommands({ [commandIds.showOutput]: command([], output.show) }));
  return output;
}
