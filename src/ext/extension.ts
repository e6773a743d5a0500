// Composition root: builds the extension's objects and registers them with VS Code, nothing more.
import * as vscode from 'vscode';
import { JobsTreeProvider } from './tree/jobsTreeProvider';

export interface VaultJobsApi {
  readonly output: vscode.LogOutputChannel;
  readonly jobsTree: JobsTreeProvider;
}

export function activate(context: vscode.ExtensionContext): VaultJobsApi {
  const output = vscode.window.createOutputChannel('Vault Jobs', { log: true });
  const jobsTree = new JobsTreeProvider();
  const jobsView = vscode.window.createTreeView('vaultJobs.jobs', {
    treeDataProvider: jobsTree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    output,
    jobsView,
    vscode.commands.registerCommand('vaultJobs.showOutput', () => output.show(true)),
  );
  output.info(`[extension] activated in VS Code ${vscode.version}`);
  return { output, jobsTree };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
