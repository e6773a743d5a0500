#!/usr/bin/env node
// Runs both test layers, unit (mocha in plain Node, the test tools' own tests among them: .mocharc.json)
// and integration (mocha in a real VS Code extension host, once per configured host), and ends with
// one line counting them all:
// "N passed, N failed, N skipped". Exits non-zero on any failure. Expects `npm run pretest` first.
//
// Every test process gets a temp directory of this run's own (TMPDIR): at the end, a vscode-test-* or
// vault-jobs-* folder left in it counts as one failed test (the host runner, the integration runner
// and the tests each remove theirs), and the directory goes, with anything else left there, also on
// Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0, skipped: 0 };
const runTmp = mkdtempSync(path.join(tmpdir(), 'vault-jobs-test-run-'));
const removeRunTmp = () => rmSync(runTmp, { recursive: true, force: true, maxRetries: 5 });
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    removeRunTmp();
    process.exit(code);
  });
}

/** Runs a command, echoes its output as it comes, and resolves with the output and exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, TMPDIR: runTmp, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream) => (chunk) => { output += chunk; stream.write(chunk); };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code, signal) => resolve({ output, code: code ?? (signal ? 1 : 0) }));
  });
}

const count = (output, pattern) => Number(pattern.exec(output)?.[1] ?? 0);

const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** One mocha run, its counts added to the totals. */
async function mochaRun(args) {
  const { output, code } = await run(process.execPath, [mocha, ...args]);
  totals.passed += count(output, /(\d+) passing/);
  totals.skipped += count(output, /(\d+) pending/);
  // A crash before mocha could report still counts as a failure.
  totals.failed += count(output, /(\d+) failing/) || (code !== 0 ? 1 : 0);
}

async function unit() {
  await mochaRun([]);
  // The client's tests once more (its transport, paging and endpoints), against the client as esbuild
  // bundles it for the .vsix (test/bundle).
  console.log('\nunit: the Vault client\'s tests against its production bundle (out/bundle/vault-client.js)');
  await mochaRun(['--no-config', '--timeout', '20000', '--require', path.join(root, 'out', 'test', 'bundle', 'useBundledVaultClient.js'),
    ...['transport', 'paging', 'client'].map((part) => path.join(root, 'out', 'test', 'unit', 'vault', `${part}.test.js`))]);
}

async function integration() {
  const { output, code } = await run(process.execPath, [path.join(root, 'out', 'test', 'integration', 'runTest.js')]);
  // One line per suite and host: "integration: …", or with a label, "integration (vsix smoke, …): …".
  const summaries = [...output.matchAll(/^integration(?: \([^()\n]*\))?: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)];
  let failed = 0;
  for (const [, p, f, s] of summaries) {
    totals.passed += Number(p);
    failed += Number(f);
    totals.skipped += Number(s);
  }
  // A host that never reported (did not start, hung) counts as one failure.
  totals.failed += failed || (code !== 0 ? 1 : 0);
}

/** The temp-folder check: one passed or failed test. */
function tempFoldersRemoved() {
  const left = readdirSync(runTmp).filter((name) => /^(vscode-test-|vault-jobs-)/.test(name));
  if (left.length === 0) {
    totals.passed++;
    console.log('\ntemp folders: none of vscode-test-*, vault-jobs-* left behind');
  } else {
    totals.failed++;
    console.error(`\ntemp folders: FAILED: left behind in the temp directory: ${left.join(', ')}`);
  }
}

const layers = process.argv.slice(2);
if (layers.length === 0 || layers.includes('unit')) await unit();
if (layers.length === 0 || layers.includes('integration')) await integration();
tempFoldersRemoved();
removeRunTmp();
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
