// Activation time of the production bundle in a real VS Code host (code-server), and the bundle's
// size. Prints a table and one JSON line per measurement; asserts nothing.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'dist', 'extension.js');
const bundleBytes = fs.statSync(bundle).size;
const budgetBytes = 200 * 1024;
const rows: string[][] = [['measurement', 'value', 'target']];
rows.push(['bundle size (dist/extension.js)', `${(bundleBytes / 1024).toFixed(1)} KiB`, '≤ 200 KiB']);
console.log(JSON.stringify({ bench: 'bundle', bytes: bundleBytes, kib: Math.round(bundleBytes / 102.4) / 10, budgetKib: budgetBytes / 1024, ratio: Math.round((bundleBytes / budgetBytes) * 100) / 100 }));

const hostsRoot = path.join(root, '.vscode-test-host');
const versions = fs.existsSync(hostsRoot) ? fs.readdirSync(hostsRoot).filter((v) => fs.existsSync(path.join(hostsRoot, v, `.installed-code-server-${v}`))) : [];
// One activation per host start is noisy on a shared machine (tens of ms either way): each version is
// started `runs` times and the table shows the median with the range, of the wall time and of the
// extension host's CPU time (which waiting for a busy core does not inflate).
const runs = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);
/** "median (min–max)" of some samples, in ms. */
function spread(samples: number[]): { median: number; min: number; max: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const [median, min, max] = [sorted[Math.floor(sorted.length / 2)], sorted[0], sorted[sorted.length - 1]];
  return { median, min, max, text: `${median} ms (${min}–${max})` };
}

for (const version of versions) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let vscodeVersion = version;
  for (let run = 0; run < runs; run++) {
    const started = Date.now();
    const host = spawnSync(process.execPath, [path.join(root, 'test', 'host', 'run-vscode-tests.mjs'), `--hostDir=${path.join(hostsRoot, version)}`,
      `--extensionDevelopmentPath=${root}`, `--extensionTestsPath=${path.join(__dirname, 'activationProbe.js')}`], { encoding: 'utf8', timeout: 180_000 });
    const line = /ACTIVATION (\{.*\})/.exec(host.stdout)?.[1];
    if (!line) {
      console.log(`activation in code-server ${version}: no measurement (exit ${String(host.status)})\n${host.stdout.slice(-2000)}`);
      continue;
    }
    const { vscode, activeBefore, ms, cpuMs } = JSON.parse(line) as { vscode: string; activeBefore: boolean; ms: number; cpuMs: number };
    if (activeBefore) rows.push([`activation in VS Code ${vscode}`, 'was active before the request!', 'lazy']);
    vscodeVersion = vscode;
    wall.push(ms);
    cpu.push(cpuMs);
    console.log(JSON.stringify({ bench: 'activation', vscode, run: run + 1, ms, cpuMs, activeBeforeRequest: activeBefore, hostRunMs: Date.now() - started }));
  }
  if (wall.length === 0) continue;
  const [w, c] = [spread(wall), spread(cpu)];
  const target = vscodeVersion.startsWith('1.100.') ? '≤ 40 ms' : '';
  rows.push([`activation in VS Code ${vscodeVersion}, wall time, median of ${wall.length}`, w.text, target]);
  rows.push([`activation in VS Code ${vscodeVersion}, CPU time, median of ${cpu.length}`, c.text, target]);
  console.log(JSON.stringify({ bench: 'activation-summary', vscode: vscodeVersion, runs: wall.length, medianMs: w.median, minMs: w.min, maxMs: w.max, medianCpuMs: c.median, minCpuMs: c.min, maxCpuMs: c.max }));
}
if (versions.length === 0) rows.push(['activation', 'skipped: no VS Code host installed (npm run host:install)', '']);

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
