// Composition root: activates each feature with the services it depends on, nothing more. The order
// is the dependency order: session ← jobs ← runs ← cancel (which records each run through runs).
import * as vscode from 'vscode';
import { activateOutput } from './output';
import { Settings } from './settings';
import { activateSession, type SessionService } from './session';
import { activateJobs, type JobsService } from './jobs';
import { activateRuns, type RunsService } from './runs';
import { activateCancel, type CancelService } from './cancel';

/** What the extension exposes to other extensions (and its integration tests): its services, no internal objects. */
export interface VaultJobsApi {
  readonly session: SessionService;
  readonly jobs: JobsService;
  readonly runs: RunsService;
  readonly cancel: CancelService;
  /** The output channel's name and a way to write to it. */
  readonly output: Pick<vscode.LogOutputChannel, 'name' | 'info'>;
  /** Where VS Code keeps this extension's log files, the output channel's included. */
  readonly logDirectory: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<VaultJobsApi> {
  const output = activateOutput(context);
  const settings = new Settings(output.channel);
  context.subscriptions.push(settings);
  const session = await activateSession(context, { settings, output });
  const jobs = activateJobs(context, { session, settings, output });
  const runs = activateRuns(context, { output });
  const cancel = activateCancel(context, { session, jobs, runs, settings, output });
  output.channel.info(`[extension] activated in VS Code ${vscode.version}`);
  return { session, jobs, runs, cancel, output: output.channel, logDirectory: context.logUri.fsPath };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
