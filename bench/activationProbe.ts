// Loaded by the VS Code host as the "tests" of bench/activation.bench: activates the extension
// (lazy, so nothing ran before) and prints how long activation took, as one JSON line.
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('vault-jobs.veeva-vault-jobs');
  if (!extension) throw new Error('the extension is not loaded');
  const activeBefore = extension.isActive;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await extension.activate();
  const ms = performance.now() - started;
  // CPU time of the extension host process while activating: on a busy machine, wall time mostly
  // measures waiting for a core; this is what activating costs.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`ACTIVATION ${JSON.stringify({ vscode: vscode.version, activeBefore, ms: Math.round(ms * 10) / 10, cpuMs: Math.round(cpuMs * 10) / 10 })}`);
}
