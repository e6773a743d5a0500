// Reading every Active page and matching, against the simulator over real sockets.
import * as assert from 'assert';
import { findActiveJobsMatching } from '../../../src/core/jobs/activeSearch';
import { parseJobCriteria, type JobCriteriaInput } from '../../../src/core/jobs/criteria';
import { exportJobs } from '../../../src/core/jobs/export';
import { extractJobIds } from '../../../src/core/ids';
import { isVaultError } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';

function criteria(input: JobCriteriaInput) {
  const parsed = parseJobCriteria(input);
  assert.ok(parsed.ok);
  return parsed.criteria;
}

describe('finding active jobs that match', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 300, seed: 7 });
  });
  afterEach(() => sim.close());

  it('reads every Active page, 200 jobs per call, and matches them all', async () => {
    sim.jobs.addMany(400, { status: 'QUEUED', title: 'Runaway Schedule', created_by: 61299 });
    sim.jobs.addMany(50, { status: 'RUNNING', title: 'Runaway Schedule', created_by: 61299 });
    const { client } = await signedInClient(sim);
    sim.clearRequestLog();
    const search = await findActiveJobsMatching(client, criteria({ title: '^runaway', titleMode: 'regex', statuses: ['QUEUED', 'SCHEDULED'], createdBy: '61299' }));
    const expected = sim.jobs.all().filter((j) => j.title === 'Runaway Schedule' && j.status === 'QUEUED').map((j) => j.job_id).sort();
    assert.deepStrictEqual(search.jobs.map((j) => j.job_id).sort(), expected);
    const active = sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).length;
    assert.strictEqual(search.scanned, active);
    assert.strictEqual(sim.requestLog.length, Math.ceil(active / 200) + 1, 'every page, and the first again to see that the list held still');
    assert.strictEqual(search.complete, true);
    assert.strictEqual(search.note, undefined);
    // The review document: its job_id cells, selected, are exactly the matches.
    const review = exportJobs(search.jobs, 'csv');
    assert.deepStrictEqual(extractJobIds(review.text, 'csv', review.idRanges).occurrences.map((o) => o.id), search.jobs.map((j) => j.job_id));
  });

  it('finds every match when running jobs finish while the list is read, by reading it again', async () => {
    sim.jobs.addMany(100, { status: 'RUNNING', title: 'Long Load' });
    const matching = sim.jobs.addMany(900, { status: 'QUEUED', title: 'Runaway Schedule' }).map((j) => j.job_id);
    const { client } = await signedInClient(sim);
    // The seeded jobs' running ones and these 100 finish after page 1: later pages start that many jobs too late.
    sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 1000, times: 1 });
    const search = await findActiveJobsMatching(client, criteria({ title: 'runaway' }));
    assert.deepStrictEqual(search.jobs.map((j) => j.job_id).sort(), [...matching].sort());
    assert.strictEqual(search.complete, true);
  });

  it('says the list may be incomplete when it moved at every reading', async () => {
    sim.jobs.addMany(300, { status: 'RUNNING', title: 'Long Load' });
    sim.jobs.addMany(900, { status: 'QUEUED', title: 'Runaway Schedule' });
    const { client } = await signedInClient(sim);
    sim.faults.set({ kind: 'moveActiveList', path: /monitors/, finish: 30 });
    const search = await findActiveJobsMatching(client, criteria({ title: 'runaway' }));
    assert.strictEqual(search.complete, false);
    assert.match(search.note ?? '', /The list changed while it was read \(Vault counted \d+ jobs at the first page and \d+ at page 2\), so it may be incomplete\./);
    assert.ok(search.jobs.every((job) => job.title === 'Runaway Schedule'));
  });

  it('matches what was read of a list the client had to cut, and says it is incomplete', async () => {
    sim.jobs.addMany(400, { status: 'QUEUED', title: 'Cut Short' });
    const { client } = await signedInClient(sim, { maxListPages: 1 });
    const search = await findActiveJobsMatching(client, criteria({ title: 'cut short' }));
    assert.strictEqual(search.scanned, 200, 'one page of 200');
    assert.strictEqual(search.complete, false);
    assert.match(search.note ?? '', /cut at 200 job\(s\) after 1 page\(s\)/);
    assert.ok(search.jobs.every((job) => job.title === 'Cut Short'));
  });

  it('fails rather than match a list whose page fails', async () => {
    sim.jobs.addMany(400, { status: 'QUEUED' });
    const { client } = await signedInClient(sim, { retries: 0 });
    sim.faults.set({ kind: 'proxy502', path: /monitors.*offset=200/ });
    await assert.rejects(findActiveJobsMatching(client, criteria({})), (error) => isVaultError(error) && /502/.test(error.message));
  });
});
