import * as assert from 'assert';
import { jobContextValue, jobStatusInfo } from '../../src/core/jobs/status';

describe('job status mapping', () => {
  it('offers Cancel only on scheduled, queueing and queued jobs, and Start Now only on scheduled ones', () => {
    const cancellable = ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING', 'SUCCESS', 'CANCELLED']
      .filter((s) => jobStatusInfo(s, 'active').cancellable);
    assert.deepStrictEqual(cancellable, ['SCHEDULED', 'QUEUEING', 'QUEUED']);
    assert.strictEqual(jobContextValue('SCHEDULED', 'active'), 'job cancellable startable');
    assert.strictEqual(jobContextValue('QUEUED', 'active'), 'job cancellable');
    assert.strictEqual(jobContextValue('RUNNING', 'active'), 'job');
    assert.strictEqual(jobContextValue('CANCELLED', 'history'), 'job terminal');
  });

  it('puts terminal statuses in History and the rest in Active', () => {
    assert.strictEqual(jobStatusInfo('ERRORS_ENCOUNTERED', 'history').group, 'history');
    assert.strictEqual(jobStatusInfo('CANCELLING', 'active').group, 'active');
    assert.strictEqual(jobStatusInfo('queued', 'active').label, 'Queued');
  });

  it('shows an unknown status as it is, with no actions, in the list it came from', () => {
    const unknown = jobStatusInfo('PAUSED_BY_ADMIN', 'history');
    assert.deepStrictEqual([unknown.group, unknown.cancellable, unknown.startable, unknown.label], ['history', false, false, 'PAUSED_BY_ADMIN']);
  });
});
