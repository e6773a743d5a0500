import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import { extractJobIds } from '../../../src/core/ids';
import { Redactor } from '../../../src/core/log';
import { reportFileName, runReportCsv } from '../../../src/core/runs/report';
import { keepRuns } from '../../../src/core/runs/store';
import { sampleRun, steppingStore, tempDirectory } from './helpers';

describe('cancel run store and report', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  it('lists runs newest first and loads one by ID', () => {
    const store = steppingStore(temp.dir);
    const ids = ['view', 'typed', 'file'].map((source) => {
      const journal = store.begin({ ...sampleRun, source: source as 'view', ids: [1, 2] });
      journal.finish({ stopped: false, requestsSent: 1, outcomes: new Map([[1, { kind: 'accepted', state: 'CANCELLING', verified: false }], [2, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'no' }]]) });
      journal.close();
      return source;
    });
    assert.deepStrictEqual(store.list().map((r) => r.header.source), ids.reverse());
    // The list reads first and last lines only; its counts are the full analysis's.
    for (const summary of store.list()) {
      assert.deepStrictEqual([summary.counts.accepted, summary.counts.refused], [1, 1]);
      assert.deepStrictEqual(summary.counts, store.load(summary.header.runId)?.counts);
    }
    const [newest] = store.list(1);
    assert.strictEqual(store.load(newest.header.runId)?.header.source, 'file');
    assert.strictEqual(store.load('no-such-run'), undefined);
  });

  it('lists nothing for a directory that does not exist yet, and skips files that are not journals', () => {
    assert.deepStrictEqual(steppingStore(path.join(temp.dir, 'later')).list(), []);
    const store = steppingStore(temp.dir);
    fs.writeFileSync(path.join(temp.dir, '0000_bad.jsonl'), 'not json\n');
    fs.writeFileSync(path.join(temp.dir, 'notes.txt'), 'hello');
    store.begin({ ...sampleRun, ids: [1] }).close();
    assert.strictEqual(store.list().length, 1);
  });

  it(`keeps the newest ${keepRuns} runs, and a stopped run still to be offered however old`, () => {
    const store = steppingStore(temp.dir);
    const stopped = store.begin({ ...sampleRun, ids: [1] });
    stopped.observer().beforeSend([1]);
    stopped.close();
    for (let i = 0; i < keepRuns + 2; i++) {
      const journal = store.begin({ ...sampleRun, ids: [i + 1] });
      journal.finish({ stopped: false, requestsSent: 0, outcomes: new Map() });
      journal.close();
    }
    const removed = store.prune();
    assert.strictEqual(removed.length, 2);
    const kept = fs.readdirSync(temp.dir);
    assert.strictEqual(kept.length, keepRuns + 1);
    assert.ok(kept.some((name) => name.includes(stopped.runId)));
    assert.deepStrictEqual(store.prune(), []);
  });

  it('offers a stopped run only when its process is gone, and no more once closed', () => {
    let alive = true;
    const store = steppingStore(temp.dir, new Redactor(), () => alive);
    const journal = store.begin({ ...sampleRun, ids: [1, 2] });
    journal.observer().beforeSend([1]).answered([{ jobId: 1, status: 'success' }]);
    const finished = store.begin({ ...sampleRun, ids: [3] });
    finished.finish({ stopped: false, requestsSent: 0, outcomes: new Map() });
    // Written by this very process: running here, not stopped.
    assert.deepStrictEqual(store.stoppedRuns(), []);
    const file = journal.file;
    journal.close();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`"pid":${process.pid}`, '"pid":999999999'));
    assert.deepStrictEqual(store.stoppedRuns(), [], 'another window still writes it');
    alive = false;
    const [stopped] = store.stoppedRuns();
    assert.deepStrictEqual([stopped?.counts.accepted, stopped?.counts.notSent], [1, 1]);
    store.close(stopped.header.runId, 'dismissed');
    assert.deepStrictEqual(store.stoppedRuns(), []);
    assert.strictEqual(store.load(stopped.header.runId)?.state, 'closed');
    assert.throws(() => store.close('nope', 'dismissed'), /no cancel run nope is kept/);
  });

  it('reports one CSV row per ID whose job_id column yields exactly the run\'s IDs, without secrets', () => {
    const secret = 'Bearer-like-secret-123';
    const redactor = new Redactor();
    redactor.add(secret);
    const journal = steppingStore(temp.dir, redactor).begin({ ...sampleRun, ids: [11, 12, 13] });
    journal.observer().beforeSend([11, 12]).answered([
      { jobId: 11, status: 'success' }, { jobId: 12, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'Job [12] is not found in QUEUED, or QUEUEING state' }] },
    ]);
    const run = steppingStore(temp.dir, redactor).load(journal.runId);
    assert.ok(run);
    // A journal from elsewhere (an older build) that holds a secret is cleaned on the way out too.
    run.ids.set(13, { fate: 'notSent', message: `leaked ${secret}` });
    const csv = runReportCsv(run, redactor);
    const lines = csv.split('\n');
    assert.strictEqual(lines[0], 'job_id,outcome,vault_message,sent_at,vault,user');
    assert.match(lines[1], /^11,accepted,Vault accepted the cancel,2026-11-29T10:00:\d\d\.000Z,Sandbox QMS \(sandbox\.veevavault\.example\),admin@sandbox\.example\.com$/);
    assert.match(lines[2], /^12,refused,"Job \[12\] is not found in QUEUED, or QUEUEING state",/);
    assert.match(lines[3], /^13,notSent,leaked «redacted»,,/);
    assert.ok(!csv.includes(secret));
    const all = extractJobIds(csv, 'csv', [{ start: 0, end: csv.length }]);
    assert.deepStrictEqual(all.occurrences.map((o) => o.id), [11, 12, 13]);
    assert.match(reportFileName(run), /^cancel-run-2026-11-29T10-00-\d\d-000Z-sandbox\.veevavault\.example\.csv$/);
  });

  it('neutralises report cells a spreadsheet would run as formulas, and its job_id column still yields exactly the IDs', () => {
    const redactor = new Redactor();
    const journal = steppingStore(temp.dir, redactor).begin({ ...sampleRun, user: { id: 1, name: '@admin' }, ids: [21, 22] });
    journal.observer().beforeSend([21, 22]).answered([
      { jobId: 21, status: 'failure', errors: [{ type: 'INVALID_DATA', message: '=HYPERLINK("http://evil.example","x")' }] },
      { jobId: 22, status: 'failure', errors: [{ type: 'INVALID_DATA', message: '-1+1' }] },
    ]);
    const run = steppingStore(temp.dir, redactor).load(journal.runId);
    assert.ok(run);
    run.ids.set(22, { fate: 'notSent', message: '+cmd|\' /C calc\'!A0' });
    const csv = runReportCsv(run, redactor);
    const records: string[][] = parse(csv);
    for (const cell of records.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
    assert.match(records[1][2], /=HYPERLINK\("http:\/\/evil\.example","x"\)/);
    assert.strictEqual(records[2][2], '\'+cmd|\' /C calc\'!A0');
    assert.strictEqual(records[1][5], "'@admin");
    const all = extractJobIds(csv, 'csv', [{ start: 0, end: csv.length }]);
    assert.deepStrictEqual(all.occurrences.map((o) => o.id), [21, 22]);
  });
});
