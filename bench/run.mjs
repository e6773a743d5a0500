#!/usr/bin/env node
// `npm run bench`: runs every compiled benchmark (out/bench/*.bench.js) in its own Node process, so
// that each one's peak memory is its own, with --expose-gc for measurements that need a clean heap.
// Benchmarks print a readable table and one JSON line per measurement; they assert nothing on time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'out', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.js')).filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n### ${file.replace(/\.bench\.js$/, '')}`);
  const { status } = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], { cwd: root, stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
