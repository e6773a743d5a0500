// The "Vault Jobs" output channel and the redactor every line passes through: each feature gets a
// logger with its `[component]` prefix from here, so no call site can forget to redact.
import * as vscode from 'vscode';
import { Redactor, componentLogger, redactedLogger, type Logger } from '../core/log';
import { commandIds, outputChannelName } from './names';
import { command, commandErrors, registerCommands, type CommandErrors } from './commands';

export interface ExtensionOutput {
  readonly channel: vscode.LogOutputChannel;
  /** Knows every secret seen so far; also for text shown outside the log (notifications, tree messages). */
  readonly redactor: Redactor;
  /** A logger whose lines start with `[component]`. */
  logger(component: string): Logger;
  /** A logger without prefix, for core modules that prefix their own lines ([vault], [cancel]). */
  readonly coreLogger: Logger;
  readonly show: () => void;
  /** Where every command's failure is logged and shown (registerCommands). */
  readonly commandErrors: CommandErrors;
}

export function activateOutput(context: vscode.ExtensionContext): ExtensionOutput {
  const channel = vscode.window.createOutputChannel(outputChannelName, { log: true });
  const redactor = new Redactor();
  const show = () => channel.show(true);
  const output: ExtensionOutput = {
    channel,
    redactor,
    logger: (component) => componentLogger(channel, redactor, component),
    coreLogger: redactedLogger(channel, redactor),
    show,
    commandErrors: commandErrors({ manifest: context.extension.packageJSON, log: componentLogger(channel, redactor, 'command'), redactor, showOutput: show }),
  };
  context.subscriptions.push(channel, ...registerCommands({ [commandIds.showOutput]: command([], output.show) }, output.commandErrors));
  return output;
}
