// The time to the confirmation of a small cancel with 3,500 active jobs: the eligibility check of 1,
// 3 and 20 IDs by reading every Active page (as every confirmation did) against Job Status per ID
// (what a small selection uses now). The simulator answers after 150 ms, about a real Vault's time per
// call; it runs in a child process. Prints a table and one JSON line each; asserts nothing on time.
import { checkEligibility } from '../src/core/cancel';
import { VaultClient } from '../src/core/vault';
import { SimulatorProcess } from './simulatorProcess';

const latencyMs = 150;
const activeJobs = 3_500;
const selections = [1, 3, 20];

interface Measurement {
  bench: 'smallConfirmation';
  ids: number;
  check: 'every Active page' | 'Job Status per ID';
  listCalls: number;
  statusCalls: number;
  wallMs: number;
  activeJobs: number;
  latencyMs: number;
}

async function main(): Promise<void> {
  const sim = await SimulatorProcess.start({ latencyMs, burstLimit: 10_000_000, jobs: 0, statusCallIntervalMs: 0 });
  const results: Measurement[] = [];
  try {
    const { ids, sessionId } = await sim.seed(activeJobs);
    const client = new VaultClient({ dns: sim.dns, burstReserve: 0 }, { sessionId, kind: 'session' });
    await client.whoAmI();
    // IDs from across the list (a page walk cannot stop early), none asked about twice: a job's second
    // Job Status within 10 s would wait for Vault's limit, so the check reads the list then.
    let next = 0;
    for (const n of selections) {
      for (const check of ['every Active page', 'Job Status per ID'] as const) {
        const wanted = Array.from({ length: n }, () => ids[(next++ * 97) % ids.length]);
        const before = await sim.stats();
        const started = performance.now();
        const result = await checkEligibility(client, wanted, { smallSelectionUpTo: check === 'every Active page' ? 0 : 20 });
        const wallMs = Math.round(performance.now() - started);
        const after = await sim.stats();
        if (result.kind !== 'checked' || result.eligibility.eligible.length !== n) throw new Error(`the check of ${n} queued IDs did not find them eligible (${check})`);
        results.push({ bench: 'smallConfirmation', ids: n, check, listCalls: after.listCalls - before.listCalls, statusCalls: after.statusCalls - before.statusCalls, wallMs, activeJobs, latencyMs });
      }
    }
  } finally {
    await sim.close();
  }
  console.log(`${activeJobs} active jobs, ${latencyMs} ms per call`);
  console.table(results.map((r) => ({ IDs: r.ids, check: r.check, 'list pages': r.listCalls, 'status calls': r.statusCalls, 'wall ms': r.wallMs })));
  for (const r of results) console.log(JSON.stringify(r));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
