// Run as a child process by the claim test: one window's Verify and Resume of a stopped run, as
// src/ext/cancel/stoppedRunOffers does it (claim, check the run is still stopped, verify, confirm, resume,
// release), with the person's confirmation taking `confirmMs`. It says "ready" once it has read the
// stopped run and waits for a line on stdin before it acts, so that the test starts two at once.
// argv: simulator DNS, run directory, confirmMs; the session comes in the environment.
import { once } from 'events';
import { cancelJobs } from '../../../src/core/cancel';
import { Redactor } from '../../../src/core/log';
import { verifyAndPlanResume } from '../../../src/core/runs/recovery';
import { RunStore } from '../../../src/core/runs/store';
import { VaultClient } from '../../../src/core/vault';

async function main(): Promise<void> {
  const [dns, directory, confirmMs] = process.argv.slice(2);
  const redactor = new Redactor();
  const client = new VaultClient({ dns, redactor, timeoutMs: 30_000 });
  await client.useSession(process.env.SIM_SESSION ?? '');
  const store = new RunStore(directory, redactor);
  const [run] = await store.stoppedRuns();
  if (!run) throw new Error('no stopped run');
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const claim = store.claim(run.header.runId);
  if (!claim) {
    process.stdout.write('busy\n');
    return;
  }
  try {
    if (store.stateOf(run.header.runId) !== 'stopped') {
      process.stdout.write('closed\n');
      return;
    }
    const plan = await verifyAndPlanResume(client, run);
    await new Promise((resolve) => setTimeout(resolve, Number(confirmMs)));
    const { runId: _runId, startedAt: _startedAt, pid: _pid, owner: _owner, ...header } = run.header;
    const journal = store.begin({ ...header, source: 'resume', resumes: run.header.runId, ids: plan.send });
    store.close(run.header.runId, 'resumed', journal.runId);
    const result = await cancelJobs(client, plan.send, { observer: journal.observer() });
    journal.finish(result);
    journal.close();
    process.stdout.write(`resumed ${plan.send.length}\n`);
  } finally {
    claim.release();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
