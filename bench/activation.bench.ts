// Activation time of the production bundle in a real VS Code host (code-server), and the bundle's
// size. Prints a table and one JSON line per measurement; asserts nothing.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'dist', 'extension.js');
const bundleBytes = fs.statSync(bundle).size;
const budgetBytes = 400 * 1024;
const rows: string[][] = [['measurement', 'value', 'target']];
rows.push(['bundle size (dist/extension.js)', `${(bundleBytes / 1024).toFixed(1)} KiB`, '≤ 400 KiB']);
console.log(JSON.stringify({ bench: 'bundle', bytes: bundleBytes, kib: Math.round(bundleBytes / 102.4) / 10, budgetKib: budgetBytes / 1024, ratio: Math.round((bundleBytes / budgetBytes) * 100) / 100 }));

const hostsRoot = path.join(root, '.vscode-test-host');
const versions = fs.existsSync(hostsRoot) ? fs.readdirSync(hostsRoot).filter((v) => fs.existsSync(path.join(hostsRoot, v, `.installed-code-server-${v}`))) : [];
for (const version of versions) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'test', 'host', 'run-vscode-tests.mjs'), `--hostDir=${path.join(hostsRoot, version)}`,
    `--extensionDevelopmentPath=${root}`, `--extensionTestsPath=${path.join(__dirname, 'activationProbe.js')}`], { encoding: 'utf8', timeout: 180_000 });
  const line = /ACTIVATION (\{.*\})/.exec(run.stdout)?.[1];
  if (!line) {
    console.log(`activation in code-server ${version}: no measurement (exit ${String(run.status)})\n${run.stdout.slice(-2000)}`);
    continue;
  }
  const { vscode, activeBefore, ms } = JSON.parse(line) as { vscode: string; activeBefore: boolean; ms: number };
  rows.push([`activation in VS Code ${vscode}`, `${ms} ms`, activeBefore ? 'was active before!' : 'lazy: not active before']);
  console.log(JSON.stringify({ bench: 'activation', vscode, ms, activeBeforeRequest: activeBefore, hostRunMs: Date.now() - started }));
}
if (versions.length === 0) rows.push(['activation', 'skipped: no VS Code host installed (npm run host:install)', '']);

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
