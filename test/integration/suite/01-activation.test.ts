import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import { screenshot, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const extensionId = 'vault-jobs.veeva-vault-jobs';

describe('extension in a real VS Code host', () => {
  let api: VaultJobsApi;

  before(async () => {
    console.log(`    host: ${vscode.env.appName} ${vscode.version}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, node ${process.version}`);
    const extension = vscode.extensions.getExtension<VaultJobsApi>(extensionId);
    assert.ok(extension, `${extensionId} is loaded`);
    api = await extension.activate();
  });

  it('activates lazily: no startup activation event', () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { activationEvents?: string[] };
    assert.ok(!(manifest.activationEvents ?? []).some((event) => event === '*' || event === 'onStartupFinished'));
    assert.strictEqual(vscode.extensions.getExtension(extensionId)?.isActive, true);
  });

  it('opens .tsv and .tab files as TSV, a language whose first file starts the extension', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { activationEvents?: string[] };
    assert.ok(manifest.activationEvents?.includes('onLanguage:tsv'));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-tsv-'));
    try {
      for (const name of ['jobs.tsv', 'jobs.tab']) {
        const file = path.join(folder, name);
        fs.writeFileSync(file, 'job_id\ttitle\n1046892\tNightly Extract\n');
        assert.strictEqual((await vscode.workspace.openTextDocument(file)).languageId, 'tsv', name);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('registers every command its manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('Vault: Show Output opens the Vault Jobs log channel', async () => {
    api.output.info('[test] show output probe');
    await vscode.commands.executeCommand('vaultJobs.showOutput');
    assert.strictEqual(api.output.name, 'Vault Jobs');
    if (workbenchUiUrl) {
      await waitForWorkbenchText('.part.panel', (text) => text.includes('show output probe'));
    }
  });

  it('offers its walkthrough for first use', async function () {
    if (!workbenchUiUrl) return this.skip();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#vaultJobs.gettingStarted`, false);
    const text = await waitForWorkbenchText('.part.editor', (t) => t.includes('Get started with Vault Jobs') && t.includes('Cancel job IDs from a file') && t.includes('Stop a runaway schedule'));
    assert.match(text, /Add a Vault/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('renders the Jobs view with its welcome message in the workbench (and saves a screenshot)', async function () {
    if (!workbenchUiUrl) return this.skip(); // desktop VS Code has no workbench DOM access from tests
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    const text = await waitForWorkbenchText('.part.sidebar', (t) => /No Vault is configured yet/.test(t));
    assert.match(text, /JOBS/i);
    const file = await screenshot('jobs-view-welcome');
    assert.ok(fs.statSync(file).size > 5000, `screenshot ${file} has content`);
    console.log(`    screenshot: ${file}`);
  });
});
