import * as assert from 'assert';
import { isRetryable, retryableIds } from '../../../src/core/cancel/retry';
import { outcomeKinds, type CancelOutcome } from '../../../src/core/cancel';

describe('which outcomes are worth sending again', () => {
  it('retries failed and unsent IDs only', () => {
    assert.deepStrictEqual(outcomeKinds.filter(isRetryable), ['notSent', 'failed']);
  });

  it('lists the retryable IDs of a run in the run\'s order', () => {
    const outcomes = new Map<number, CancelOutcome>([
      [5, { kind: 'failed', reason: 'HTTP 502' }],
      [3, { kind: 'accepted', state: 'CANCELLING', verified: false }],
      [9, { kind: 'notSent', reason: 'stopped' }],
      [7, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'running' }],
      [1, { kind: 'invalidInput', message: 'not a positive job ID' }],
    ]);
    assert.deepStrictEqual(retryableIds({ outcomes, requestsSent: 1, stopped: true }), [5, 9]);
  });
});
