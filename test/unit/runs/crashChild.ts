// Run as a child process by the recovery test: a journalled cancel run that the test kills mid-way.
// argv: simulator DNS, run directory, job IDs (comma-separated); the session comes in the environment.
import { cancelJobs } from '../../../src/core/cancel';
import { Redactor } from '../../../src/core/log';
import { RunStore } from '../../../src/core/runs/store';
import { VaultClient } from '../../../src/core/vault';

async function main(): Promise<void> {
  const [dns, directory, idList] = process.argv.slice(2);
  const redactor = new Redactor();
  const client = new VaultClient({ dns, redactor, timeoutMs: 30_000 });
  await client.useSession(process.env.SIM_SESSION ?? '');
  const ids = idList.split(',').map(Number);
  const journal = new RunStore(directory, redactor).begin({ vault: { dns }, user: { id: 61234 }, source: 'file', ids });
  const result = await cancelJobs(client, ids, { batchSize: 10, concurrency: 1, observer: journal.observer() });
  journal.finish(result);
  journal.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
