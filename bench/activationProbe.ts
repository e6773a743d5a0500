// Loaded by the VS Code host as the "tests" of bench/activation.bench: activates the extension
// (lazy, so nothing ran before) and prints how long activation took, as one JSON line.
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('vault-jobs.veeva-vault-jobs');
  if (!extension) throw new Error('the extension is not loaded');
  const activeBefore = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const ms = performance.now() - started;
  console.log(`ACTIVATION ${JSON.stringify({ vscode: vscode.version, activeBefore, ms: Math.round(ms * 10) / 10 })}`);
}
