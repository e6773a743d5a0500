import * as assert from 'assert';
import { cancellableIds, countByStatus, describeCounts, describeCountsBriefly, groupJobs, nextGroupingMode, toGroupingMode } from '../../../src/core/jobs/grouping';
import { job } from './helpers';

describe('job grouping', () => {
  const jobs = [
    job(1, 'Bulk Export', 'SCHEDULED'), job(2, 'bulk export', 'RUNNING'), job(3, 'Bulk Export', 'QUEUED'),
    job(4, '', 'QUEUEING'), job(5, 'Audit Trail Export', 'CANCELLING'), job(6, 'Bulk Export', 'SCHEDULED'), job(7, 'Zeta', 'NEW_STATE'),
  ];

  it('flat: one group of every job, in list order', () => {
    const groups = groupJobs(jobs, 'flat', 'active');
    assert.strictEqual(groups.length, 1);
    assert.deepStrictEqual(groups[0].jobs.map((j) => j.job_id), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepStrictEqual(groups[0].cancellableIds, [1, 3, 4, 6]);
  });

  it('by title: exact titles are groups, sorted without regard to case; an empty title is labelled', () => {
    const groups = groupJobs(jobs, 'title', 'active');
    assert.deepStrictEqual(groups.map((g) => [g.key, g.label, g.jobs.map((j) => j.job_id)]), [
      ['', '(no title)', [4]], ['Audit Trail Export', 'Audit Trail Export', [5]], ['bulk export', 'bulk export', [2]],
      ['Bulk Export', 'Bulk Export', [1, 3, 6]], ['Zeta', 'Zeta', [7]],
    ]);
    const bulk = groups[3];
    assert.deepStrictEqual([...bulk.counts], [['SCHEDULED', 2], ['QUEUED', 1]]);
    assert.deepStrictEqual(bulk.cancellableIds, [1, 3, 6]);
    // What a cancel of the group sends by default (queued, queueing), and what only an explicit choice adds.
    assert.deepStrictEqual([bulk.queuedIds, bulk.scheduledIds], [[3], [1, 6]]);
    assert.deepStrictEqual([groups[0].queuedIds, groups[0].scheduledIds], [[4], []]);
    assert.deepStrictEqual([groups[1].queuedIds, groups[1].scheduledIds], [[], []]);
  });

  it('by status: in the order of what can still be acted on, an unknown status last and never cancellable', () => {
    const groups = groupJobs(jobs, 'status', 'active');
    assert.deepStrictEqual(groups.map((g) => [g.key, g.label, g.jobs.length, g.cancellableIds.length]), [
      ['SCHEDULED', 'Scheduled', 2, 2], ['QUEUEING', 'Queueing', 1, 1], ['QUEUED', 'Queued', 1, 1], ['RUNNING', 'Running', 1, 0],
      ['CANCELLING', 'Cancelling', 1, 0], ['NEW_STATE', 'NEW_STATE', 1, 0],
    ]);
  });

  it('a job listed twice (pages shifted while read) counts once among the cancellable IDs', () => {
    assert.deepStrictEqual(cancellableIds([job(9, 'a', 'QUEUED'), job(9, 'a', 'QUEUED')], 'active'), [9]);
  });

  it('describes counts as a person reads them', () => {
    assert.strictEqual(describeCounts(countByStatus(jobs.slice(0, 3)), 'active'), '1 scheduled · 1 queued · 1 running');
    assert.strictEqual(describeCounts(countByStatus([]), 'active'), '');
    // Briefly: what a cancel concerns, queued and queueing together first, then scheduled; else the rest.
    assert.strictEqual(describeCountsBriefly(countByStatus(jobs), 'active'), '2 queued · 2 sched.');
    assert.strictEqual(describeCountsBriefly(countByStatus(jobs.slice(4, 5)), 'active'), '1 cancelling');
    assert.strictEqual(describeCountsBriefly(countByStatus([]), 'active'), '');
  });

  it('cycles the toolbar toggle through every mode', () => {
    assert.deepStrictEqual([nextGroupingMode('flat'), nextGroupingMode('title'), nextGroupingMode('status')], ['title', 'status', 'flat']);
  });

  it('falls back to flat for a remembered mode it does not know', () => {
    assert.strictEqual(toGroupingMode('status'), 'status');
    assert.strictEqual(toGroupingMode('owner'), 'flat');
    assert.strictEqual(toGroupingMode(undefined), 'flat');
  });
});
