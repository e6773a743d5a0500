import * as assert from 'assert';
import { orderJobs } from '../../src/core/jobs/order';
import type { Job } from '../../src/core/vault';

let nextId = 1;
function job(status: string, dates: Partial<Pick<Job, 'created_date' | 'run_start_date' | 'run_end_date' | 'modified_date'>> = {}, id = nextId++): Job {
  return { job_id: id, title: `job ${id}`, status, created_by: 1, created_date: dates.created_date ?? '2026-03-01T00:00:00.000Z', ...dates };
}
const ids = (jobs: Job[]) => jobs.map((j) => j.job_id);

describe('job display order', () => {
  it('active: running, then cancelling, then the queue, then the schedule, then statuses Vault may add', () => {
    const jobs = [job('SCHEDULED'), job('NEW_STATUS'), job('QUEUED'), job('RUNNING'), job('queueing'), job('CANCELLING')];
    assert.deepStrictEqual(orderJobs(jobs, 'active').map((j) => j.status), ['RUNNING', 'CANCELLING', 'QUEUED', 'queueing', 'SCHEDULED', 'NEW_STATUS']);
  });

  it('active: running by start (longest first), queued by creation (next to run first), scheduled by planned start (soonest first)', () => {
    const lateRun = job('RUNNING', { run_start_date: '2026-03-02T10:00:00.000Z' });
    const earlyRun = job('RUNNING', { run_start_date: '2026-03-02T08:00:00.000Z' });
    const newQueued = job('QUEUED', { created_date: '2026-03-02T09:00:00.000Z' });
    const oldQueueing = job('QUEUEING', { created_date: '2026-03-02T07:00:00.000Z' });
    const later = job('SCHEDULED', { created_date: '2026-03-01T00:00:00.000Z', run_start_date: '2026-03-05T00:00:00.000Z' });
    const sooner = job('SCHEDULED', { created_date: '2026-03-02T00:00:00.000Z', run_start_date: '2026-03-03T00:00:00.000Z' });
    // Vault's monitors order (oldest created first) is not what the view shows.
    const monitorsOrder = [later, oldQueueing, sooner, newQueued, earlyRun, lateRun];
    assert.deepStrictEqual(ids(orderJobs(monitorsOrder, 'active')), ids([earlyRun, lateRun, oldQueueing, newQueued, sooner, later]));
  });

  it('history: finished most recently first, whatever order Vault sent', () => {
    const a = job('SUCCESS', { run_end_date: '2026-03-01T01:00:00.000Z' });
    const b = job('CANCELLED', { run_end_date: '2026-03-02T01:00:00.000Z' });
    const c = job('ERRORS_ENCOUNTERED', { run_end_date: '2026-03-01T12:00:00.000Z' });
    assert.deepStrictEqual(ids(orderJobs([a, b, c], 'history')), ids([b, c, a]));
  });

  it('puts jobs without a date after dated ones in both directions, breaks ties by job ID, leaves the input alone', () => {
    const undated = job('SUCCESS', { created_date: '' });
    const dated = job('SUCCESS', { run_end_date: '2026-03-01T01:00:00.000Z' });
    assert.deepStrictEqual(ids(orderJobs([undated, dated], 'history')), ids([dated, undated]));
    const noPlan = job('SCHEDULED', { created_date: '' });
    const planned = job('SCHEDULED', { run_start_date: '2026-03-03T00:00:00.000Z' });
    assert.deepStrictEqual(ids(orderJobs([noPlan, planned], 'active')), ids([planned, noPlan]));
    const twins = [job('QUEUED', {}, 900), job('QUEUED', {}, 100)];
    const input = [...twins];
    assert.deepStrictEqual(ids(orderJobs(twins, 'active')), [100, 900]);
    assert.deepStrictEqual(twins, input);
  });

  it('orders 20,000 jobs the same way twice (a stable, total order)', () => {
    const statuses = ['RUNNING', 'QUEUED', 'SCHEDULED', 'CANCELLING', 'QUEUEING'];
    const many = Array.from({ length: 20_000 }, (_, i) => job(statuses[i % 5], { created_date: `2026-03-0${(i % 9) + 1}T00:00:00.000Z` }, i + 1));
    const once = ids(orderJobs(many, 'active'));
    assert.deepStrictEqual(ids(orderJobs([...many].reverse(), 'active')), once);
  });
});
