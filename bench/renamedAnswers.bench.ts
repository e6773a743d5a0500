// What it costs to check Cancel Job answers that name another job (as the documented example does):
// the same run against a simulator answering with the requested IDs and one answering with others.
// The extra calls are list pages read once per round; a status call per ID would be N calls, each
// limited to one per job per 10 s. Prints a table and one JSON line each; asserts nothing on time.
import { cancelJobs } from '../src/core/cancel';
import { VaultClient } from '../src/core/vault';
import { SimulatorProcess } from './simulatorProcess';

const latencyMs = 50;
const concurrency = 3;
/** Small batches are where a check per batch used to mean a status call per ID. */
const runs = [{ n: 1_000, batchSize: 20 }, { n: 1_000, batchSize: 500 }, { n: 10_000, batchSize: 500 }];

interface Measurement {
  bench: 'renamedAnswers';
  answers: 'requested IDs' | 'other IDs';
  n: number;
  batchSize: number;
  cancelRequests: number;
  listPages: number;
  statusCalls: number;
  verified: number;
  wallMs: number;
  latencyMs: number;
}

async function measure({ n, batchSize }: (typeof runs)[number], answers: Measurement['answers']): Promise<Measurement> {
  const sim = await SimulatorProcess.start({ latencyMs, burstLimit: 10_000_000, jobs: 0, cancelAnswerIdOffset: answers === 'other IDs' ? 7 : 0 });
  try {
    const { ids, sessionId } = await sim.seed(n);
    const client = new VaultClient({ dns: sim.dns, burstReserve: 0 }, { sessionId, kind: 'session' });
    await client.whoAmI();
    const started = performance.now();
    const result = await cancelJobs(client, ids, { concurrency, batchSize });
    const wallMs = Math.round(performance.now() - started);
    const outcomes = [...result.outcomes.values()];
    if (outcomes.length !== n || outcomes.some((o) => o.kind !== 'accepted')) throw new Error(`not every ID was accepted (${answers}, N = ${n})`);
    const stats = await sim.stats();
    return {
      bench: 'renamedAnswers', answers, n, batchSize, cancelRequests: stats.requests, listPages: stats.listCalls, statusCalls: stats.statusCalls,
      verified: outcomes.filter((o) => o.kind === 'accepted' && o.verified).length, wallMs, latencyMs,
    };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const results: Measurement[] = [];
  for (const run of runs) results.push(await measure(run, 'requested IDs'), await measure(run, 'other IDs'));
  console.log(`latency ${latencyMs} ms, concurrency ${concurrency}; "other IDs": every SUCCESS item names a job that was not requested`);
  console.table(results.map((r) => ({
    answers: r.answers, N: r.n, batch: r.batchSize, 'cancel requests': r.cancelRequests, 'list pages': r.listPages, 'status calls': r.statusCalls,
    verified: r.verified, 'wall ms': r.wallMs,
  })));
  for (const { n, batchSize } of runs) {
    const [plain, renamed] = results.filter((r) => r.n === n && r.batchSize === batchSize);
    console.log(`N = ${n}, batches of ${batchSize}: checking costs ${renamed.listPages + renamed.statusCalls - plain.listPages - plain.statusCalls} extra call(s) (a status call per ID: ${n}); wall time ratio ${(renamed.wallMs / plain.wallMs).toFixed(2)}`);
  }
  for (const r of results) console.log(JSON.stringify(r));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
