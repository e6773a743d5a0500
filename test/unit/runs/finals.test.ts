// What became of a run's accepted jobs after it: kept beside the journals as the watch finds out, and
// written into the report's final_state and final_at columns.
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import type { CancelOutcome } from '../../../src/core/cancel';
import { Redactor } from '../../../src/core/log';
import { finalsSummary, RunFinalsStore } from '../../../src/core/runs/finals';
import { runReportCsv } from '../../../src/core/runs/report';
import { sampleRun, steppingStore, tempDirectory } from './helpers';

describe('final states of a run\'s accepted jobs', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  function finishedRun() {
    const store = steppingStore(temp.dir);
    const journal = store.begin({ ...sampleRun, ids: [1, 2, 3, 4] });
    const accepted: CancelOutcome = { kind: 'accepted', state: 'CANCELLING', verified: false };
    journal.finish({ stopped: false, requestsSent: 1, outcomes: new Map<number, CancelOutcome>([[1, accepted], [2, accepted], [3, accepted], [4, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'running' }]]) });
    journal.close();
    const run = store.load(journal.runId);
    assert.ok(run);
    return run;
  }

  it('fills final_state and final_at as jobs end, says still cancelling while followed and not followed otherwise', () => {
    const run = finishedRun();
    const finals = new RunFinalsStore(path.join(temp.dir, 'finals'));
    const rows = () => parse<Record<string, string>>(runReportCsv(run, new Redactor(), finals.read(run.header.runId)), { columns: true });
    assert.deepStrictEqual(rows().map((r) => [r.job_id, r.final_state, r.final_at]), [['1', 'not followed', ''], ['2', 'not followed', ''], ['3', 'not followed', ''], ['4', '', '']]);

    finals.follow(run.header.runId, [1, 2, 3]);
    finals.record(run.header.runId, [{ jobId: 1, state: 'CANCELLED', at: '2026-11-29T10:00:05.000Z' }]);
    finals.stopFollowing(run.header.runId, [3]);
    assert.deepStrictEqual(rows().map((r) => [r.job_id, r.outcome, r.final_state, r.final_at]), [
      ['1', 'accepted', 'CANCELLED', '2026-11-29T10:00:05.000Z'], ['2', 'accepted', 'still cancelling', ''], ['3', 'accepted', 'not followed', ''], ['4', 'notEligible', '', ''],
    ]);
    assert.deepStrictEqual(finalsSummary(finals.read(run.header.runId)), { cancelled: 1, endedOtherwise: 0, followed: 1 });

    finals.record(run.header.runId, [{ jobId: 2, state: undefined, at: '2026-11-29T10:01:00.000Z' }]);
    assert.deepStrictEqual(rows()[1], { ...rows()[1], final_state: 'ended, state not seen', final_at: '2026-11-29T10:01:00.000Z' });
    assert.deepStrictEqual(finalsSummary(finals.read(run.header.runId)), { cancelled: 1, endedOtherwise: 1, followed: 0 });
    const file = path.join(temp.dir, 'finals', `${run.header.runId}.json`);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600, 'owner-only, like the journals');
  });

  it('writes nothing for a run ID that is not one, never through a link, and forgets runs no longer kept', () => {
    const run = finishedRun();
    const dir = path.join(temp.dir, 'finals');
    const finals = new RunFinalsStore(dir);
    finals.follow('../../escape', [1]);
    assert.ok(!fs.existsSync(dir), 'nothing written for a run ID that is not a UUID');
    const outside = path.join(temp.dir, 'outside.json');
    fs.writeFileSync(outside, 'untouched');
    fs.mkdirSync(dir);
    fs.symlinkSync(outside, path.join(dir, `${run.header.runId}.json`));
    finals.record(run.header.runId, [{ jobId: 1, state: 'CANCELLED', at: '2026-11-29T10:00:05.000Z' }]);
    assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'untouched', 'the link was replaced, not followed');
    assert.strictEqual(finals.read(run.header.runId).finals['1']?.state, 'CANCELLED');
    finals.prune(new Set());
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });
});
