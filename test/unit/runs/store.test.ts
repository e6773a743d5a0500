import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import { once } from 'events';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { extractJobIds } from '../../../src/core/ids';
import { Redactor } from '../../../src/core/log';
import { RunJournal } from '../../../src/core/runs/journal';
import type { RunAnalysis } from '../../../src/core/runs/analysis';
import type { ProcessIdentity } from '../../../src/core/runs/owner';
import { reportFileName, reportSaveName, runReportCsv } from '../../../src/core/runs/report';
import { writeRunReport } from '../../../src/core/runs/reportFile';
import { keepRuns, RunStore } from '../../../src/core/runs/store';
import { sampleRun, steppingStore, tempDirectory } from './helpers';

/** A stopped run as a window of some earlier process left it (the version 1 format, which every build reads): 1 accepted, 1 unknown, 1 not sent. */
function writeStoppedJournal(file: string, runId: string, owner: Partial<ProcessIdentity> & { pid: number }): void {
  const startedAt = '2026-11-29T09:00:00.000Z';
  fs.writeFileSync(file, [
    { t: 'start', v: 1, runId, startedAt, vault: { dns: 'sandbox.veevavault.example' }, user: {}, source: 'typed', ids: [101, 102, 103], pid: owner.pid, owner },
    { t: 'send', seq: 1, at: startedAt, ids: [101, 102] },
    { t: 'answer', seq: 1, at: startedAt, items: [{ id: 101, ok: true }] },
  ].map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
}

const journalName = (runId: string) => `2026-11-29T09-00-00-000Z_${runId}.jsonl`;

describe('cancel run store and report', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  it('lists runs newest first and loads one by ID', async () => {
    const store = steppingStore(temp.dir);
    const ids = ['view', 'typed', 'file'].map((source) => {
      const journal = store.begin({ ...sampleRun, source: source as 'view', ids: [1, 2] });
      journal.finish({ stopped: false, requestsSent: 1, outcomes: new Map([[1, { kind: 'accepted', state: 'CANCELLING', verified: false }], [2, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'no' }]]) });
      journal.close();
      return source;
    });
    assert.deepStrictEqual((await store.list()).map((r) => r.header.source), ids.reverse());
    // The list reads first and last lines only; its counts are the full analysis's.
    for (const summary of await store.list()) {
      assert.deepStrictEqual([summary.counts.accepted, summary.counts.refused], [1, 1]);
      assert.deepStrictEqual(summary.counts, store.load(summary.header.runId)?.counts);
    }
    const [newest] = await store.list(1);
    assert.strictEqual(store.load(newest.header.runId)?.header.source, 'file');
    // A finished run reports an accepted ID in the same words as one read back from its requests, and a job Vault would not cancel as the results view names it.
    const [, accepted, notEligible] = runReportCsv(store.load(newest.header.runId)!, new Redactor()).split('\n');
    assert.match(accepted, /^1,accepted,Vault accepted the cancel,/);
    assert.match(notEligible, /^2,notEligible,no,/);
    assert.strictEqual(store.load('no-such-run'), undefined);
  });

  it('lists nothing for a directory that does not exist yet, and skips files that are not journals', async () => {
    assert.deepStrictEqual(await steppingStore(path.join(temp.dir, 'later')).list(), []);
    const store = steppingStore(temp.dir);
    fs.writeFileSync(path.join(temp.dir, '0000_bad.jsonl'), 'not json\n');
    fs.writeFileSync(path.join(temp.dir, 'notes.txt'), 'hello');
    store.begin({ ...sampleRun, ids: [1] }).close();
    assert.strictEqual((await store.list()).length, 1);
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

  it('offers a stopped run only when its process is gone, and no more once closed', async () => {
    const journal = new RunStore(temp.dir, new Redactor()).begin({ ...sampleRun, ids: [1, 2] });
    journal.observer().beforeSend([1]).answered([{ jobId: 1, status: 'success' }]);
    const finished = new RunStore(temp.dir, new Redactor()).begin({ ...sampleRun, ids: [3] });
    finished.finish({ stopped: false, requestsSent: 0, outcomes: new Map() });
    // Written by this very process: running here, not stopped.
    assert.deepStrictEqual(await new RunStore(temp.dir, new Redactor()).stoppedRuns(), []);
    journal.close();
    let alive = true;
    const store = steppingStore(temp.dir, new Redactor(), () => alive);
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'another window still writes it');
    alive = false;
    const [stopped] = await store.stoppedRuns();
    assert.deepStrictEqual([stopped?.counts.accepted, stopped?.counts.notSent], [1, 1]);
    store.close(stopped.header.runId, 'dismissed');
    assert.deepStrictEqual(await store.stoppedRuns(), []);
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
    assert.strictEqual(lines[0], 'job_id,outcome,vault_message,sent_at,vault,user,action,title,source,final_state,final_at');
    assert.match(lines[1], /^11,accepted,Vault accepted the cancel,2026-11-29T10:00:\d\d\.000Z,Sandbox QMS \(sandbox\.veevavault\.example\),admin@sandbox\.example\.com,cancel,,file,not followed,$/);
    assert.match(lines[2], /^12,notEligible,"Job \[12\] is not found in QUEUED, or QUEUEING state",/);
    assert.match(lines[3], /^13,notSent,leaked «redacted»,,/);
    assert.ok(!csv.includes(secret));
    const all = extractJobIds(csv, 'csv', [{ start: 0, end: csv.length }]);
    assert.deepStrictEqual(all.occurrences.map((o) => o.id), [11, 12, 13]);
    assert.match(reportFileName(run), /^cancel-run-2026-11-29T10-00-\d\d-000Z-sandbox\.veevavault\.example\.csv$/);
  });

  it('records a Start Now run with its own words, lists it, and never offers it to be resumed as a cancel', async () => {
    const store = steppingStore(temp.dir);
    const finished = store.begin({ ...sampleRun, action: 'startNow', source: 'view', ids: [31, 32] });
    finished.observer().beforeSend([31]).answered([{ jobId: 31, status: 'success' }]);
    finished.observer().beforeSend([32]).answered([{ jobId: 32, status: 'failure', errors: [{ type: 'OPERATION_NOT_ALLOWED', message: 'Job [32] is not in SCHEDULED state.' }] }]);
    finished.finishWith([{ id: 31, fate: 'accepted', message: 'Vault started the job' }, { id: 32, fate: 'refused', message: 'Job [32] is not in SCHEDULED state.' }], false);
    finished.close();
    // One that stopped with a start sent and no answer: its fate is unknown, and it stays so.
    const stopped = store.begin({ ...sampleRun, action: 'startNow', source: 'view', ids: [33] });
    stopped.observer().beforeSend([33]);
    stopped.close();

    const [newest, older] = await store.list();
    assert.deepStrictEqual([newest.header.action, newest.state, newest.counts.unknown], ['startNow', 'stopped', 1]);
    assert.deepStrictEqual([older.header.action, older.counts.accepted, older.counts.refused], ['startNow', 1, 1]);
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'a start is never sent again by a resume');
    const lines = runReportCsv(store.load(finished.runId)!, new Redactor()).trim().split('\n');
    assert.match(lines[1], /^31,accepted,Vault started the job,.*,start now,,view,not followed,$/);
    assert.match(lines[2], /^32,notEligible,Job \[32\] is not in SCHEDULED state\.,.*,start now,,view,,$/);

    // Not held back from pruning as a stopped cancel run would be.
    for (let i = 0; i < keepRuns + 1; i++) {
      const journal = store.begin({ ...sampleRun, ids: [i + 1] });
      journal.finishWith([], false);
      journal.close();
    }
    store.prune();
    assert.ok(!fs.readdirSync(temp.dir).some((name) => name.includes(stopped.runId)));
  });

  it('reports each job\'s title and the run\'s source as recorded, the titles kept in the plan lines, not the start line', () => {
    const sourceDetail = 'incident.csv (/home/admin/incident/incident.csv)';
    const store = steppingStore(temp.dir);
    const journal = store.begin({ ...sampleRun, ids: [31, 32, 33], sourceDetail, titles: { 31: 'Nightly Sync, EU', 33: 'Bulk Load' } });
    journal.observer().beforeSend([31, 32, 33]).answered([{ jobId: 31, status: 'success' }, { jobId: 32, status: 'success' }, { jobId: 33, status: 'success' }]);
    const [start, plan] = fs.readFileSync(journal.file, 'utf8').split('\n').map((line) => JSON.parse(line || '{}') as Record<string, unknown>);
    assert.deepStrictEqual([start.titles, start.sourceDetail, plan.titles], [undefined, sourceDetail, { 31: 'Nightly Sync, EU', 33: 'Bulk Load' }]);
    const run = store.load(journal.runId);
    assert.ok(run);
    const lines = runReportCsv(run, new Redactor()).split('\n');
    assert.match(lines[1], /^31,accepted,.*,"Nightly Sync, EU",incident\.csv \(\/home\/admin\/incident\/incident\.csv\),not followed,$/);
    assert.match(lines[2], /^32,accepted,.*,,incident\.csv/);
    assert.match(lines[3], /^33,accepted,.*,Bulk Load,incident\.csv/);
    // Offered for saving under the Vault's name and the run's local date and time.
    const local = new Date(run.header.startedAt);
    assert.strictEqual(reportSaveName(run), `Sandbox QMS ${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} `
      + `${String(local.getHours()).padStart(2, '0')}-${String(local.getMinutes()).padStart(2, '0')}-${String(local.getSeconds()).padStart(2, '0')}.csv`);
    const odd = reportSaveName({ header: { ...run.header, vault: { dns: 'x', name: '../QA: "Prod"' } } });
    assert.ok(!/[\\/:"]|\.\./.test(odd) && odd.includes('QA'), odd);
  });

  it('reports an ID of unknown fate as unknown, the word the diagnostics and the stopped-run offer use, never as failed', () => {
    const store = steppingStore(temp.dir);
    const journal = store.begin({ ...sampleRun, ids: [21, 22] });
    journal.observer().beforeSend([21, 22]).failed({ mayHaveApplied: true, message: 'The cancel of 2 job(s) got no answer within 60000 ms.' });
    journal.finish({ stopped: false, requestsSent: 1, outcomes: new Map([
      [21, { kind: 'unknown', reason: 'The cancel of 2 job(s) got no answer within 60000 ms; its status could not be checked (HTTP 502)' }],
      [22, { kind: 'failed', reason: 'The cancel of 2 job(s) got no answer within 60000 ms; Vault shows it QUEUED' }],
    ]) });
    journal.close();
    const run = store.load(journal.runId);
    assert.ok(run);
    assert.deepStrictEqual([run.counts.unknown, run.counts.failed], [1, 1]);
    const [, unknown, failed] = runReportCsv(run, new Redactor()).split('\n');
    assert.match(unknown, /^21,unknown,"?Unknown: sent, but whether Vault cancelled it is not known: .*its status could not be checked/);
    assert.match(failed, /^22,failed,/);
  });

  describe('who wrote a run', () => {
    const children: ReturnType<typeof spawn>[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
    });

    /** A live process, and who it is as it says itself (owner.ts). */
    async function liveProcess(): Promise<{ pid: number; identity: ProcessIdentity }> {
      const owner = path.join(__dirname, '..', '..', '..', 'src', 'core', 'runs', 'owner.js');
      const child = spawn(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(owner)}).systemProbe.self()) + '\\n'); setInterval(() => {}, 60000);`]);
      children.push(child);
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      return { pid: child.pid!, identity: JSON.parse(chunk.toString()) as ProcessIdentity };
    }

    it('offers a stopped run whose recorded PID now belongs to another live process, and not one whose writer still runs', async () => {
      const { pid, identity } = await liveProcess();
      const onLinux = identity.bootId !== undefined;
      const owners: Record<string, Partial<ProcessIdentity> & { pid: number }> = {
        // The same PID, another process: it started at another time, or in another boot.
        'a1b2c3d4-0000-4000-8000-0000000000a1': onLinux ? { ...identity, startTicks: (identity.startTicks ?? 0) + 1 } : { pid, bootedAt: Date.now() - os.uptime() * 1000 - 86_400_000 },
        'a1b2c3d4-0000-4000-8000-0000000000a2': onLinux ? { ...identity, bootId: '00000000-0000-4000-8000-000000000000' } : { pid, bootedAt: 0 },
        'a1b2c3d4-0000-4000-8000-0000000000a3': identity,
      };
      for (const [runId, owner] of Object.entries(owners)) writeStoppedJournal(path.join(temp.dir, journalName(runId)), runId, owner);
      const offered = (await new RunStore(temp.dir, new Redactor()).stoppedRuns()).map((run) => run.header.runId).sort();
      assert.deepStrictEqual(offered, Object.keys(owners).slice(0, 2));
    });
  });

  describe('what lies in the runs folder', () => {
    const runId = 'a1b2c3d4-0000-4000-8000-0000000000b1';
    const gone = { pid: 999_999_999 };

    it('skips a FIFO or a folder named like a journal instead of waiting on it', function () {
      if (process.platform === 'win32' || spawnSync('mkfifo', [path.join(temp.dir, journalName('fifo'))]).status !== 0) this.skip();
      fs.mkdirSync(path.join(temp.dir, journalName('folder')));
      writeStoppedJournal(path.join(temp.dir, journalName(runId)), runId, gone);
      // In a child process with a deadline: opening a FIFO would wait for a writer forever.
      const store = path.join(__dirname, '..', '..', '..', 'src', 'core', 'runs', 'store.js');
      const log = path.join(__dirname, '..', '..', '..', 'src', 'core', 'log.js');
      const script = `const { RunStore } = require(${JSON.stringify(store)}); const { Redactor } = require(${JSON.stringify(log)});
        const s = new RunStore(${JSON.stringify(temp.dir)}, new Redactor());
        Promise.all([s.stoppedRuns(), s.list()]).then(([stopped, listed]) => console.log(JSON.stringify([stopped.map((r) => r.header.runId), listed.length, s.prune(0)])));`;
      const child = spawnSync(process.execPath, ['-e', script], { timeout: 10_000, encoding: 'utf8' });
      assert.strictEqual(child.signal, null, 'start-up did not wait on the FIFO');
      assert.deepStrictEqual(JSON.parse(child.stdout || 'null'), [[runId], 1, []], child.stderr);
      assert.ok(fs.lstatSync(path.join(temp.dir, journalName('fifo'))).isFIFO(), 'left alone');
    });

    it('never follows a symbolic link named like a journal, neither to offer nor to close the run', async function () {
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-elsewhere-'));
      try {
        const target = path.join(elsewhere, 'target.jsonl');
        writeStoppedJournal(target, runId, gone);
        const before = fs.readFileSync(target, 'utf8');
        try {
          fs.symlinkSync(target, path.join(temp.dir, journalName(runId)));
        } catch {
          return this.skip(); // Windows without the right to make links
        }
        const store = steppingStore(temp.dir);
        assert.deepStrictEqual(await store.stoppedRuns(), []);
        assert.throws(() => store.close(runId, 'dismissed'), /no cancel run .* is kept/);
        assert.throws(() => RunJournal.appendTo(path.join(temp.dir, journalName(runId)), runId, new Redactor()).close('dismissed'));
        assert.strictEqual(fs.readFileSync(target, 'utf8'), before, 'the link\'s target is untouched');
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('cuts a torn last line before closing the run, so that a dismissed run stays closed', async () => {
      const file = path.join(temp.dir, journalName(runId));
      writeStoppedJournal(file, runId, gone);
      fs.appendFileSync(file, '{"t":"send","seq":2,"at":"2026-11-29T09:00:01.000Z","ids":[10'); // the writer died here
      const store = steppingStore(temp.dir);
      const [stopped] = await store.stoppedRuns();
      assert.deepStrictEqual(stopped?.counts, { accepted: 1, refused: 0, invalid: 0, notSent: 1, unknown: 1, failed: 0 });
      store.close(runId, 'dismissed');
      assert.deepStrictEqual(await store.stoppedRuns(), [], 'not offered again');
      const closed = store.load(runId);
      assert.deepStrictEqual([closed?.state, closed?.damaged, closed?.counts.notSent], ['closed', false, 1]);
      assert.strictEqual(store.stateOf(runId), 'closed');
    });

    it('writes reports owner-only, inside the reports folder whatever the record says, never through a link', () => {
      const store = steppingStore(temp.dir);
      const journal = store.begin({ ...sampleRun, ids: [1] });
      journal.close();
      const run = store.load(journal.runId);
      assert.ok(run);
      const reports = path.join(temp.dir, 'reports');
      const file = writeRunReport(reports, run, new Redactor());
      if (process.platform !== 'win32') {
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
        assert.strictEqual(fs.statSync(journal.file).mode & 0o777, 0o600);
      }
      // Edited records: a start time or a Vault name that would lead out of the folder.
      for (const [startedAt, dns] of [['2026/../../../escaped', 'v'], ['2026-11-29T10:00:00Z', '../../escaped'], ['x'.repeat(5000), 'y'.repeat(5000)]]) {
        const edited: RunAnalysis = { ...run, header: { ...run.header, startedAt, vault: { dns } } };
        assert.ok(!/[\\/]/.test(reportFileName(edited)), reportFileName(edited));
        assert.strictEqual(path.dirname(writeRunReport(reports, edited, new Redactor())), reports);
      }
      // A link planted where the report goes is replaced, its target untouched.
      const outside = path.join(temp.dir, 'outside.txt');
      fs.writeFileSync(outside, 'mine');
      fs.rmSync(file);
      try {
        fs.symlinkSync(outside, file);
      } catch {
        return; // Windows without the right to make links
      }
      writeRunReport(reports, run, new Redactor());
      assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'mine');
      assert.ok(fs.lstatSync(file).isFile());
    });
  });

  it('finds a stopped run of 1.5 M IDs without holding the event loop', async function () {
    this.timeout(120_000);
    const ids = Array.from({ length: 1_500_000 }, (_, i) => 1_000_000 + i);
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids });
    const observer = journal.observer();
    for (let i = 0; i < 100_000; i += 500) {
      const batch = ids.slice(i, i + 500);
      observer.beforeSend(batch).answered(batch.map((jobId) => ({ jobId, status: 'success' as const })));
    }
    journal.close();
    const store = steppingStore(temp.dir);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const [stopped] = await store.stoppedRuns();
    const listed = await store.list();
    delay.disable();
    assert.deepStrictEqual([stopped?.counts.accepted, stopped?.counts.notSent, listed[0]?.counts.accepted], [100_000, 1_400_000, 100_000]);
    // Generous: the whole read takes seconds; no piece of it may hold the loop for long.
    const worstMs = delay.max / 1e6;
    assert.ok(worstMs < 1000, `the event loop was held for ${worstMs.toFixed(0)} ms`);
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
