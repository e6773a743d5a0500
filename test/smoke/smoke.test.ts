// The packaged extension, as users get it: the .vsix from `npm run package`, installed into the
// code-server host with --install-extension, with no node_modules anywhere it could reach. Only test
// code (this file, the simulator, mocha) comes from the project; the extension's code is the bundle.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../src/ext/extension';
import type { CancelRunSummary } from '../../src/ext/cancel';
import type { JobNode, JobsNode } from '../../src/ext/jobs/jobNodes';
import { activeStatuses, type VaultSimulator } from '../simulator';
import { answerDialog, cancelledInRequests, configureVaults, extensionId, shownResults, vaultName, vaultSimulator, waitFor } from '../integration/suite/harness';
import { screenshot, workbenchUiUrl } from '../integration/suite/workbench';

const projectRoot = path.resolve(__dirname, '../../..');
const isInside = (child: string, parent: string) => !path.relative(parent, child).startsWith('..') && !path.isAbsolute(path.relative(parent, child));

describe('the packaged .vsix, installed in the host', () => {
  let extension: vscode.Extension<VaultJobsApi>;
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(() => {
    console.log(`    host: ${vscode.env.appName} ${vscode.version}, node ${process.version}`);
    const found = vscode.extensions.getExtension<VaultJobsApi>(extensionId);
    assert.ok(found, `${extensionId} is installed`);
    extension = found;
  });

  after(async () => {
    await sim?.close();
  });

  it('is the copy installed from the .vsix, without node_modules, not the project', () => {
    const extensionsDir = process.env.VSCODE_TEST_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'the host runner names its extensions dir');
    const installed = fs.realpathSync(extension.extensionPath);
    assert.ok(isInside(installed, fs.realpathSync(extensionsDir)), `${installed} lies in ${extensionsDir}`);
    assert.ok(!isInside(installed, fs.realpathSync(projectRoot)), `${installed} is not the project`);
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'no node_modules folder');
    // What .vscodeignore lets through: the bundle, no sources or compiled tests.
    for (const absent of ['src', 'out', 'test']) assert.ok(!fs.existsSync(path.join(installed, absent)), `no ${absent}/ in the package`);
    const bundle = path.join(installed, 'dist', 'extension.js');
    assert.ok(fs.existsSync(bundle), 'dist/extension.js is packaged');
    assert.ok(!fs.readFileSync(bundle, 'utf8').includes('sourceMappingURL'), 'the bundle is the production build (no source map)');
    const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    assert.strictEqual((extension.packageJSON as { version: string }).version, version, 'the .vsix of the project\'s version');
    console.log(`    installed at ${installed}`);
  });

  it('activates and registers its commands', async () => {
    api = await extension.activate();
    assert.strictEqual(extension.isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    assert.deepStrictEqual(manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id)), []);
  });

  it('signs in to a Vault and lists its jobs', async () => {
    assert.ok(api, 'activated');
    sim = await vaultSimulator();
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }), true);
    assert.strictEqual(api.session.state, 'signedIn');

    // The bundle has its own copies of the node classes: compare by kind, not instanceof.
    const groups = await api.jobs.children();
    assert.deepStrictEqual(groups.map((n) => n.kind === 'group' && n.group), ['active', 'history']);
    const active = await api.jobs.children(groups[0]);
    const listed = active.filter((n: JobsNode): n is JobNode => n.kind === 'job').map((n) => n.job.job_id).sort((a, b) => a - b);
    const expected = sim.jobs.all().filter((j) => (activeStatuses as readonly string[]).includes(j.status)).map((j) => j.job_id).sort((a, b) => a - b);
    assert.ok(expected.length > 0, 'the seed has active jobs');
    assert.deepStrictEqual(listed, expected, 'every active job');
    const history = await api.jobs.children(groups[1]);
    assert.ok(history.some((n) => n.kind === 'job'), 'history entries');
  });

  it('cancels the job IDs selected in a CSV and pins each outcome to its ID', async () => {
    assert.ok(workbenchUiUrl, 'the confirmation is answered by clicking in the workbench (code-server host)');
    assert.strictEqual(api?.session.state, 'signedIn', 'signed in by the previous test');
    const ids = Array.from({ length: 3 }, (_, i) => sim.jobs.add({ status: 'QUEUED', title: `Smoke ${i}` }).job_id);
    sim.clearRequestLog();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace folder is open');
    const file = path.join(folder, 'smoke.csv');
    fs.writeFileSync(file, `job_id,title\n${ids.map((id, i) => `${id},"Smoke, ${i}"`).join('\n')}\n`);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(4, 0));

    const run = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelSelectedIds');
    await answerDialog(new RegExp(`Cancel 3 jobs on ${vaultName}`), 'Cancel 3 Jobs');
    const summary = await run;
    assert.ok(summary, 'the run finished');
    assert.deepStrictEqual(cancelledInRequests(sim), [ids], 'one request with exactly the selected IDs');
    assert.strictEqual(summary.counts.accepted, 3, JSON.stringify(summary.counts));
    for (const id of ids) assert.strictEqual(sim.jobs.get(id)?.status, 'CANCELLING');

    // Every ID has its result (the Cancel Results view's rows); accepted ones need no action, so no diagnostic.
    const { document } = editor;
    const results = await waitFor('three results', () => {
      const shown = shownResults(api!, document);
      return shown.length === 3 ? shown : undefined;
    });
    assert.deepStrictEqual(results.map((r) => [r.line, r.text, r.kind]), ids.map((id, i) => [i + 1, String(id), 'accepted']));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(document.uri).filter((x) => x.source === 'Vault Jobs'), [], 'no problem for an accepted ID');
    await screenshot('vsix-smoke-cancel');
  });
});
