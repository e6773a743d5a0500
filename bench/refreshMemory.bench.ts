// The extension host's heap while the Jobs view refreshes with a large group expanded: 200 refreshes
// of a group of 3,000 jobs in a real VS Code host (code-server, its workbench rendered in Chromium),
// the heap measured after a forced garbage collection before and after (goal: under 5 MB in all).
// Run by bench/refreshMemoryProbe.ts inside the host; prints a table and one JSON line.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const hostsRoot = path.join(root, '.vscode-test-host');
const version = fs.existsSync(hostsRoot) ? fs.readdirSync(hostsRoot).filter((v) => fs.existsSync(path.join(hostsRoot, v, `.installed-code-server-${v}`))).sort()[0] : undefined;

if (!version) {
  console.log('refresh memory: skipped, no VS Code host installed (npm run host:install)');
} else {
  const host = spawnSync(process.execPath, [path.join(root, 'test', 'host', 'run-vscode-tests.mjs'), `--hostDir=${path.join(hostsRoot, version)}`,
    `--extensionDevelopmentPath=${root}`, `--extensionTestsPath=${path.join(__dirname, 'refreshMemoryProbe.js')}`], { encoding: 'utf8', timeout: 900_000 });
  const line = /REFRESH_MEMORY (\{.*\})/.exec(host.stdout)?.[1];
  if (!line) {
    console.log(`refresh memory in code-server ${version}: no measurement (exit ${String(host.status)})\n${host.stdout.slice(-3000)}\n${host.stderr.slice(-2000)}`);
    process.exitCode = 1;
  } else {
    const m = JSON.parse(line) as { vscode: string; refreshes: number; groupSize: number; groupRows: number; rowsRendered: number; heapBeforeMb: number; heapAfterMb: number; growthMb: number; msPerRefresh: number };
    console.table([{ 'VS Code': m.vscode, refreshes: m.refreshes, 'group size': m.groupSize, 'its rows': m.groupRows, 'heap before (MB)': m.heapBeforeMb, 'heap after (MB)': m.heapAfterMb, 'growth (MB)': m.growthMb, goal: '< 5 MB', 'ms per refresh': m.msPerRefresh }]);
    console.log(JSON.stringify({ bench: 'refreshMemory', ...m }));
  }
}
