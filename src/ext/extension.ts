// Composition root: builds the extension's objects and registers them with VS Code, nothing more.
import * as vscode from 'vscode';
import { Redactor, componentLogger } from '../core/log';
import { SettingsReader } from './config';
import { SessionStore } from './auth/sessionStore';
import { VaultConnection } from './vaultConnection';
import { VaultAuthenticationProvider, authenticationProviderId } from './auth/vaultAuthenticationProvider';
import { JobsTreeProvider } from './tree/jobsTreeProvider';
import { JobDetailsDocuments, jobDetailsScheme } from './tree/jobDetails';
import { RefreshScheduler } from './tree/refreshScheduler';
import { CancelResults } from './cancel/cancelResults';
import { CancelRunner } from './cancel/cancelRunner';
import { CancelCodeActions, idDocumentSelector } from './codeActions/cancelCodeActions';
import { VaultStatusBar } from './statusBar';
import { SessionKeepAlive } from './auth/sessionKeepAlive';
import { registerVaultCommands } from './commands/vaultCommands';
import { registerJobCommands } from './commands/jobCommands';
import { registerCancelCommands } from './commands/cancelCommands';

/** What the extension exposes to other extensions (and its integration tests). */
export interface VaultJobsApi {
  readonly output: vscode.LogOutputChannel;
  readonly connection: VaultConnection;
  readonly jobsTree: JobsTreeProvider;
  readonly jobsView: vscode.TreeView<unknown>;
  readonly cancelRunner: CancelRunner;
  readonly results: CancelResults;
  readonly refresher: RefreshScheduler;
  readonly authProvider: VaultAuthenticationProvider;
  readonly keepAlive: SessionKeepAlive;
  /** Where VS Code keeps this extension's log files, the output channel's included. */
  readonly logDirectory: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<VaultJobsApi> {
  const output = vscode.window.createOutputChannel('Vault Jobs', { log: true });
  const redactor = new Redactor();
  const settings = new SettingsReader(output);
  const connection = new VaultConnection(settings, new SessionStore(context.secrets), output, redactor);
  const jobsTree = new JobsTreeProvider(connection, settings, componentLogger(output, redactor, 'jobs'));
  const jobsView = vscode.window.createTreeView('vaultJobs.jobs', { treeDataProvider: jobsTree, canSelectMany: true, showCollapseAll: true });
  const refresher = new RefreshScheduler(jobsView, jobsTree, settings);
  const details = new JobDetailsDocuments(connection);
  const results = new CancelResults();
  const cancelRunner = new CancelRunner(connection, settings, results, output);
  const statusBar = new VaultStatusBar(connection);
  const authProvider = new VaultAuthenticationProvider(connection);
  const keepAlive = new SessionKeepAlive(connection, componentLogger(output, redactor, 'session'));

  const describeView = () => {
    const { statuses, text } = jobsTree.filter;
    const filter = [statuses.join(', '), text && `"${text}"`].filter(Boolean).join(' · ');
    jobsView.description = [connection.vault?.name, filter && `Filter: ${filter}`].filter(Boolean).join(' — ');
  };

  context.subscriptions.push(
    output, settings, connection, jobsTree, jobsView, refresher, results, statusBar, authProvider, keepAlive,
    vscode.authentication.registerAuthenticationProvider(authenticationProviderId, 'Veeva Vault', authProvider, { supportsMultipleAccounts: false }),
    vscode.workspace.registerTextDocumentContentProvider(jobDetailsScheme, details),
    vscode.languages.registerCodeActionsProvider(idDocumentSelector, new CancelCodeActions(results), CancelCodeActions.metadata),
    vscode.commands.registerCommand('vaultJobs.showOutput', () => output.show(true)),
    ...registerVaultCommands(connection, settings),
    ...registerJobCommands(connection, jobsTree, details),
    ...registerCancelCommands(cancelRunner, results),
    connection.onDidChange(() => {
      jobsTree.refresh();
      describeView();
      // Asking for the session makes VS Code list the Vault account in the Accounts menu.
      if (connection.state === 'signedIn') void vscode.authentication.getSession(authenticationProviderId, [], { silent: true });
    }),
    jobsTree.onDidChangeFilter(describeView),
    cancelRunner.onDidFinish(({ counts }) => {
      jobsTree.refresh();
      if (counts.accepted > 0) refresher.followCancellations();
    }),
  );
  await connection.reload();
  output.info(`[extension] activated in VS Code ${vscode.version}`);
  return { output, connection, jobsTree, jobsView, cancelRunner, results, refresher, authProvider, keepAlive, logDirectory: context.logUri.fsPath };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
