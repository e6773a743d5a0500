// Loaded by the VS Code host as the "tests" of bench/refreshMemory.bench: signs in to a simulator (in
// its own process, so its memory is not the extension host's) holding 3,000 queued jobs of one title,
// groups the Jobs view by title, expands that group in the workbench, and refreshes 200 times, each
// listing one job more so that the group is redrawn every time. Prints the extension host's heap
// after a forced garbage collection before and after, as one JSON line.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../src/ext/extension';
import type { JobSetNode } from '../src/ext/jobs/jobNodes';
import { click, waitForWorkbenchText, workbenchUiUrl } from '../test/integration/suite/workbench';
import { SimulatorProcess } from './simulatorProcess';

const groupSize = 3_000;
const refreshes = Number(process.env.BENCH_REFRESHES ?? 200);

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Heap in use after a full collection (twice: the first frees what finalizers kept). */
function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  if (!workbenchUiUrl) throw new Error('the workbench is needed: the group must be expanded in a rendered tree');
  const api = await vscode.extensions.getExtension<VaultJobsApi>('vault-jobs.veeva-vault-jobs')?.activate();
  if (!api) throw new Error('the extension is not loaded');
  const sim = await SimulatorProcess.start({ jobs: 0, burstLimit: 10_000_000 });
  try {
    await sim.seed(groupSize);
    const configuration = vscode.workspace.getConfiguration('vaultJobs');
    await configuration.update('vaults', [{ name: 'Memory Sandbox', dns: sim.dns }], vscode.ConfigurationTarget.Global);
    await configuration.update('activeVault', 'Memory Sandbox', vscode.ConfigurationTarget.Global);
    await configuration.update('autoRefresh', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('vaultJobs.signIn', { username: 'admin@sandbox.example.com', password: 'vault-demo', rememberPassword: false });
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await vscode.commands.executeCommand('vaultJobs.groupJobsByTitle');
    await api.jobs.refresh();
    await click('.part.sidebar .monaco-list-row:has-text("cancellable")');
    await waitForWorkbenchText('.part.sidebar', (text) => text.includes('Queued ·'), 30_000);
    const [active] = await api.jobs.children();
    const group = (await api.jobs.children(active)).find((node): node is JobSetNode => node.kind === 'jobSet');

    const round = async () => {
      await sim.add(1);
      await vscode.commands.executeCommand('vaultJobs.refreshJobs');
      await sleep(150); // the workbench asks for the redrawn group's rows
    };
    for (let i = 0; i < 10; i++) await round(); // warm-up: caches and code paths settle
    const before = heapAfterGc();
    const started = performance.now();
    for (let i = 0; i < refreshes; i++) await round();
    const ms = performance.now() - started;
    const after = heapAfterGc();
    // For finding what a growth retains: BENCH_HEAP_SNAPSHOT=/path/file.heapsnapshot.
    if (process.env.BENCH_HEAP_SNAPSHOT) v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
    const shown = await waitForWorkbenchText('.part.sidebar', (text) => text.includes('Queued ·'));
    console.log(`REFRESH_MEMORY ${JSON.stringify({
      vscode: vscode.version, refreshes, groupSize: group?.set.jobs.length ?? 0, groupRows: group ? (await api.jobs.children(group)).length : 0,
      rowsRendered: shown.split('Queued ·').length - 1,
      heapBeforeMb: Math.round(before / 1e5) / 10, heapAfterMb: Math.round(after / 1e5) / 10, growthMb: Math.round((after - before) / 1e5) / 10, msPerRefresh: Math.round(ms / refreshes),
    })}`);
  } finally {
    await sim.close();
  }
}
