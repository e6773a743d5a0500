// One Start Now request over real sockets to the simulator, and what its record says: started,
// refused with Vault's reason, never sent, or of unknown fate when the answer was lost after Vault
// applied it (never called failed, and journalled as possibly applied so nothing sends it again).
import * as assert from 'assert';
import { Redactor } from '../../../src/core/log';
import { startJob, stoppedBeforeSending } from '../../../src/core/runs';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { sampleRun, steppingStore, tempDirectory } from './helpers';

describe('Start Now, one job at a time, recorded', () => {
  let sim: VaultSimulator;
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(async () => {
    sim = await startSimulator();
    temp = tempDirectory();
  });
  afterEach(async () => {
    temp.remove();
    await sim.close();
  });

  it('started, refused, lost after Vault applied it, and never sent: each its own fate, in the record too', async () => {
    const { client } = await signedInClient(sim);
    const [started, notScheduled, lost, stopped] = [
      sim.jobs.add({ status: 'SCHEDULED' }), sim.jobs.add({ status: 'QUEUED' }), sim.jobs.add({ status: 'SCHEDULED' }), sim.jobs.add({ status: 'SCHEDULED' }),
    ].map((job) => job.job_id);
    const store = steppingStore(temp.dir);
    const journal = store.begin({ ...sampleRun, action: 'startNow', source: 'view', ids: [started, notScheduled, lost, stopped] });
    const signal = new AbortController().signal;
    const redactor = new Redactor();

    const outcomes = [
      await startJob(client, started, journal.observer(), signal, redactor),
      await startJob(client, notScheduled, journal.observer(), signal, redactor),
    ];
    sim.faults.set({ kind: 'dropAfterApply', path: new RegExp(`/start_now/${lost}$`), times: 1 });
    outcomes.push(await startJob(client, lost, journal.observer(), signal, redactor), stoppedBeforeSending(stopped));
    journal.finishWith(outcomes, true);
    journal.close();

    assert.deepStrictEqual(outcomes.map((o) => o.fate), ['accepted', 'refused', 'unknown', 'notSent']);
    assert.match(outcomes[1].message, new RegExp(`Job \\[${notScheduled}\\] is not in SCHEDULED state`), "Vault's reason");
    assert.match(outcomes[2].message, /whether Vault started it is not known/);
    assert.notStrictEqual(sim.jobs.get(lost)?.status, 'SCHEDULED', 'Vault did start the job whose answer was lost');
    assert.strictEqual(sim.jobs.get(stopped)?.status, 'SCHEDULED');
    const starts = sim.requestLog.filter((r) => r.method === 'POST' && r.path.includes('/start_now/')).length;
    assert.strictEqual(starts, 3, 'a start whose answer was lost is not repeated');

    const run = store.load(journal.runId);
    assert.ok(run);
    assert.deepStrictEqual([...run.ids].map(([id, state]) => [id, state.fate]), [[started, 'accepted'], [notScheduled, 'refused'], [lost, 'unknown'], [stopped, 'notSent']]);
    assert.ok(run.ids.get(lost)?.sentAt, 'journalled as sent before it left');
  });
});
