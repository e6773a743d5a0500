// What recording a run costs the run: the same bulk cancel against the simulator (50 ms latency,
// in a child process) with and without its journal (an fsync'd line before each request and after
// each answer, then every ID's outcome), side by side, and the CSV report of such a run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cancelJobs, type CancelRunResult } from '../src/core/cancel';
import { Redactor } from '../src/core/log';
import { RunStore, runReportCsv } from '../src/core/runs';
import { VaultClient } from '../src/core/vault';
import { SimulatorProcess } from './simulatorProcess';

const n = 10_000;
const latencyMs = 50;
const rounds = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function oneRun(store: RunStore | undefined): Promise<{ ms: number; result: CancelRunResult; runId?: string }> {
  const sim = await SimulatorProcess.start({ latencyMs, burstLimit: 10_000_000, jobs: 0 });
  try {
    const { ids, sessionId } = await sim.seed(n);
    const client = new VaultClient({ dns: sim.dns, burstReserve: 0 }, { sessionId, kind: 'session' });
    await client.whoAmI();
    const started = performance.now();
    const journal = store?.begin({ vault: { dns: sim.dns }, user: { id: 1 }, source: 'file', ids });
    const result = await cancelJobs(client, ids, { concurrency: 3, observer: journal?.observer() });
    journal?.finish(result);
    journal?.close();
    const ms = performance.now() - started;
    const accepted = [...result.outcomes.values()].filter((o) => o.kind === 'accepted').length;
    if (accepted !== n) throw new Error(`only ${accepted} of ${n} accepted: the measurement is not valid`);
    return { ms, result, runId: journal?.runId };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-runs-bench-'));
  try {
    const store = new RunStore(dir, new Redactor());
    const plain: number[] = [];
    const journalled: number[] = [];
    let runId: string | undefined;
    // Alternating, so that a busy machine weighs on both alike.
    for (let i = 0; i < rounds; i++) {
      plain.push((await oneRun(undefined)).ms);
      const run = await oneRun(store);
      journalled.push(run.ms);
      runId = run.runId;
    }
    const run = store.load(runId ?? '');
    if (!run) throw new Error('the journalled run is not kept');
    const started = performance.now();
    const csv = runReportCsv(run, new Redactor());
    const reportMs = performance.now() - started;
    const rows = [
      { what: `cancel ${n} IDs, not recorded (median of ${rounds})`, ms: median(plain), note: `runs: ${plain.map((ms) => ms.toFixed(0)).join(', ')} ms` },
      { what: `cancel ${n} IDs, journalled (median of ${rounds})`, ms: median(journalled), note: `runs: ${journalled.map((ms) => ms.toFixed(0)).join(', ')} ms; ×${(median(journalled) / median(plain)).toFixed(2)} of not recorded` },
      { what: `CSV report of that run (${n} rows)`, ms: reportMs, note: `${(csv.length / 1024).toFixed(0)} kB` },
    ];
    console.log(`latency ${latencyMs} ms, concurrency 3, simulator in a child process`);
    for (const row of rows) console.log(`${row.what.padEnd(48)} ${row.ms.toFixed(1).padStart(9)} ms  ${row.note}`);
    for (const row of rows) console.log(JSON.stringify({ bench: 'runs', what: row.what, ms: Number(row.ms.toFixed(1)), note: row.note }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
