import * as assert from 'assert';
import * as fs from 'fs';
import { Redactor, silentLogger } from '../../../src/core/log';
import { analyzeJournal, describeStoppedRun, planResume, type RunAnalysis } from '../../../src/core/runs/analysis';
import { readJournal, RunJournal } from '../../../src/core/runs/journal';
import { sampleRun, steppingStore, tempDirectory } from './helpers';

function analyze(journal: RunJournal): RunAnalysis {
  const run = analyzeJournal(readJournal(fs.readFileSync(journal.file, 'utf8')));
  assert.ok(run, 'the journal has a start entry');
  return run;
}

const fates = (run: RunAnalysis) => Object.fromEntries([...run.ids].map(([id, s]) => [id, s.fate]));

describe('cancel run journal', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  it('derives each ID\'s fate from what was sent and answered when the run stopped mid-way', () => {
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids: [1, 2, 3, 4, 5, 6, 7] });
    const observer = journal.observer();
    observer.beforeSend([1, 2, 3]).answered([
      { jobId: 1, status: 'success' }, { jobId: 2, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'Job [2] is not found in QUEUED or QUEUEING state' }] },
      { jobId: 3, status: 'missing' },
    ]);
    observer.beforeSend([4, 5]); // the process died here
    observer.beforeSend([6]).failed({ mayHaveApplied: false, message: 'aborted while waiting' });
    const run = analyze(journal);
    assert.strictEqual(run.state, 'stopped');
    assert.deepStrictEqual(fates(run), { 1: 'accepted', 2: 'refused', 3: 'unknown', 4: 'unknown', 5: 'unknown', 6: 'notSent', 7: 'notSent' });
    assert.strictEqual(run.ids.get(2)?.message, 'Job [2] is not found in QUEUED or QUEUEING state');
    assert.ok(Date.parse(run.ids.get(4)?.sentAt ?? '') > Date.parse(run.header.startedAt));
    assert.strictEqual(run.ids.get(7)?.sentAt, undefined);
    assert.strictEqual(describeStoppedRun(run), 'The last cancel run on Sandbox QMS (sandbox.veevavault.example) stopped: 1 accepted, 2 not sent, 3 of unknown fate');
    // An ID that is no job ID is never planned for sending.
    const withInvalid = analyze(steppingStore(temp.dir).begin({ ...sampleRun, ids: [0, 2.5, 9] }));
    assert.deepStrictEqual(fates(withInvalid), { 0: 'invalid', 2.5: 'invalid', 9: 'notSent' });
    assert.deepStrictEqual(planResume(withInvalid).send, [9]);
  });

  it('an acceptance in any attempt wins; a refusal after an unanswered attempt stays unknown', () => {
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids: [1, 2] });
    const observer = journal.observer();
    observer.beforeSend([1, 2]).failed({ mayHaveApplied: true, message: 'socket hang up' });
    observer.beforeSend([1, 2]).answered([
      { jobId: 1, status: 'success' }, { jobId: 2, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'not found in QUEUED state' }] },
    ]);
    observer.beforeSend([1]).answered([{ jobId: 1, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'already cancelling' }] }]);
    assert.deepStrictEqual(fates(analyze(journal)), { 1: 'accepted', 2: 'unknown' });
  });

  it('a finished run takes the engine\'s final outcomes', () => {
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids: [1, 2, 3] });
    journal.observer().beforeSend([1, 2]).answered([{ jobId: 1, status: 'success' }, { jobId: 2, status: 'success' }]);
    journal.finish({
      stopped: true, requestsSent: 1,
      outcomes: new Map([[1, { kind: 'accepted', state: 'CANCELLED', verified: false }], [2, { kind: 'accepted', state: 'CANCELLING', verified: true }], [3, { kind: 'notSent', reason: 'the run was stopped before this ID was sent' }]]),
    });
    const run = analyze(journal);
    assert.strictEqual(run.state, 'finished');
    assert.deepStrictEqual(fates(run), { 1: 'accepted', 2: 'accepted', 3: 'notSent' });
    assert.deepStrictEqual(run.counts, { accepted: 2, refused: 0, invalid: 0, notSent: 1, unknown: 0, failed: 0 });
  });

  it('writes final outcomes in lines of 500 and a short end line; without that end they are not trusted', () => {
    const ids = Array.from({ length: 1200 }, (_, i) => i + 1);
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids });
    journal.observer().beforeSend(ids.slice(0, 500)).answered(ids.slice(0, 500).map((jobId) => ({ jobId, status: 'success' as const })));
    journal.finish({ stopped: true, requestsSent: 1, outcomes: new Map(ids.map((id) => [id, id <= 500 ? { kind: 'accepted', state: 'CANCELLING', verified: false } : { kind: 'notSent', reason: 'stopped' }])) });
    journal.close();
    const text = fs.readFileSync(journal.file, 'utf8');
    const lines = text.trimEnd().split('\n');
    assert.deepStrictEqual(lines.map((l) => (JSON.parse(l) as { t: string }).t), ['start', 'plan', 'send', 'answer', 'outcomes', 'outcomes', 'outcomes', 'end']);
    assert.ok(lines.at(-1)!.length < 300, lines.at(-1));
    assert.deepStrictEqual(analyzeJournal(readJournal(text))?.counts, { accepted: 500, refused: 0, invalid: 0, notSent: 700, unknown: 0, failed: 0 });
    // Cut before the end line: the outcomes are ignored and the fates come from what was sent and answered.
    const cut = analyzeJournal(readJournal(`${lines.slice(0, -1).join('\n')}\n`));
    assert.deepStrictEqual([cut?.state, cut?.counts.accepted, cut?.counts.notSent], ['stopped', 500, 700]);
  });

  it('stays readable when the run was given numbers JSON cannot hold', () => {
    const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids: [1, NaN, Infinity, -Infinity, 0, 2.5, 1] });
    journal.finish({ stopped: false, requestsSent: 0, outcomes: new Map([[1, { kind: 'notSent', reason: 'x' }], [NaN, { kind: 'invalidInput', message: 'not a number' }], [0, { kind: 'invalidInput', message: '0 is not a positive job ID' }]]) });
    const read = readJournal(fs.readFileSync(journal.file, 'utf8'));
    assert.deepStrictEqual(read.damagedLines, []);
    const run = analyzeJournal(read);
    assert.deepStrictEqual(run?.header.ids, [1, 0, 2.5]);
    assert.deepStrictEqual(fates(run), { 1: 'notSent', 0: 'invalid', 2.5: 'failed' });
  });

  describe('reading a damaged file', () => {
    const lines = ['{"t":"start","v":1,"runId":"r","startedAt":"2026-11-29T10:00:00.000Z","vault":{"dns":"v"},"user":{},"source":"typed","ids":[1,2,3],"pid":1}',
      '{"t":"send","seq":1,"at":"x","ids":[1,2]}', '{"t":"answer","seq":1,"at":"x","items":[{"id":1,"ok":true},{"id":2,"ok":true}]}'];

    it('ignores a torn last line, even one that still parses', () => {
      const text = `${lines.join('\n')}\n`;
      const cut = text.slice(0, text.indexOf('{"id":2'));
      assert.deepStrictEqual([readJournal(cut).entries.length, readJournal(cut).tornTail], [2, true]);
      // '[1,2]' cut from '[1,2,3]' still parses: only the newline proves the line is whole.
      const parsesButTorn = `${lines[0]}\n{"t":"send","seq":1,"at":"x","ids":[1,2]}`;
      assert.deepStrictEqual([readJournal(parsesButTorn).entries.length, readJournal(parsesButTorn).tornTail], [1, true]);
      assert.deepStrictEqual(readJournal(text).damagedLines, []);
      assert.deepStrictEqual(readJournal('').entries, []);
    });

    it('counts unreadable lines inside the file and then trusts no "never sent"', () => {
      const text = `${[lines[0], '{"t":"send","seq":1,"at":"x","ids":[1,', lines[2], '{"t":"send","seq":"two","ids":[3]}', '["not", "an entry"]'].join('\n')}\n`;
      const read = readJournal(text);
      assert.deepStrictEqual(read.damagedLines, [2, 4, 5]);
      const run = analyzeJournal(read);
      assert.ok(run?.damaged);
      // 1 and 2 have answers whose send line is lost: what is known is that nothing proves them unsent.
      assert.deepStrictEqual(fates(run), { 1: 'unknown', 2: 'unknown', 3: 'unknown' });
      assert.deepStrictEqual(planResume(run).send, []);
    });

    it('is no run at all without its start line', () => {
      assert.strictEqual(analyzeJournal(readJournal(`${lines[1]}\n`)), undefined);
      assert.strictEqual(analyzeJournal(readJournal('garbage')), undefined);
    });
  });

  describe('resume plan', () => {
    function stoppedRun(): RunAnalysis {
      const journal = steppingStore(temp.dir).begin({ ...sampleRun, ids: [1, 2, 3, 4, 5, 6, 7, 8] });
      const observer = journal.observer();
      observer.beforeSend([1, 2]).answered([{ jobId: 1, status: 'success' }, { jobId: 2, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'running' }] }]);
      observer.beforeSend([3, 4, 5, 6]);
      return analyze(journal);
    }

    it('sends what was never sent and nothing of unknown fate until a status shows it still cancellable', () => {
      const run = stoppedRun();
      assert.deepStrictEqual(planResume(run), { send: [7, 8], settled: new Map(), unknown: [3, 4, 5, 6] });
      const plan = planResume(run, new Map<number, string | null>([[1, 'QUEUED'], [3, 'CANCELLING'], [4, 'QUEUED'], [5, 'RUNNING'], [6, null], [8, 'CANCELLED']]));
      // 1 was accepted: a status that looks cancellable (a stale list) never makes it sent again.
      assert.deepStrictEqual(plan.send, [4, 7]);
      assert.deepStrictEqual([...plan.settled].map(([id, s]) => [id, s.fate, s.message]), [
        [3, 'accepted', 'Vault shows it CANCELLING'], [5, 'refused', 'Vault shows it RUNNING'], [6, 'failed', 'Vault knows no such job'], [8, 'accepted', 'Vault shows it CANCELLED'],
      ]);
      assert.deepStrictEqual(plan.unknown, []);
    });
  });

  describe('secrets', () => {
    it('never writes a registered secret, whichever field carries it, nor an Authorization value', () => {
      const secret = 'SESSION-7f3a"\\9c1d';
      const redactor = new Redactor();
      redactor.add(secret);
      const journal = steppingStore(temp.dir, redactor).begin({ ...sampleRun, user: { name: `user ${secret}` }, ids: [1, 2] });
      const watch = journal.observer().beforeSend([1, 2]);
      watch.answered([{ jobId: 1, status: 'failure', errors: [{ type: 'INVALID_SESSION_ID', message: `session ${secret} is invalid` }] }, { jobId: 2, status: 'missing' }]);
      journal.observer().beforeSend([2]).failed({ mayHaveApplied: true, message: 'sent Authorization: Bearer abc.def.ghi and got nothing' });
      journal.finish({ stopped: false, requestsSent: 2, outcomes: new Map([[1, { kind: 'failed', reason: `echo ${secret}` }]]) });
      const text = fs.readFileSync(journal.file, 'utf8');
      assert.ok(!text.includes(secret) && !text.includes(JSON.stringify(secret).slice(1, -1)), text);
      assert.ok(!text.includes('abc.def.ghi'), text);
      assert.match(text, /«redacted»/);
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(journal.file).mode & 0o777, 0o600);
    });
  });

  describe('a disk that refuses writes', () => {
    /** Fails every write from the `from`-th on (the first writes the start and plan lines), as a full disk does. */
    const fullFrom = (from: number) => {
      let writes = 0;
      return (fd: number, text: string) => {
        if (++writes >= from) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        fs.writeSync(fd, text);
      };
    };

    it('turns the journal off with one warning, without throwing, and marks it incomplete', () => {
      const warnings: string[] = [];
      const store = steppingStore(temp.dir, new Redactor(), () => false, { appendDurably: fullFrom(3), logger: { ...silentLogger, warn: (m) => warnings.push(m) } });
      const journal = store.begin({ ...sampleRun, ids: [1, 2, 3, 4, 5, 6] });
      const observer = journal.observer();
      assert.doesNotThrow(() => {
        observer.beforeSend([1, 2]).answered([{ jobId: 1, status: 'success' }, { jobId: 2, status: 'success' }]); // the answer is refused
        observer.beforeSend([3, 4]).answered([{ jobId: 3, status: 'success' }, { jobId: 4, status: 'success' }]); // sent, unrecorded
        journal.finish({ stopped: false, requestsSent: 2, outcomes: new Map() });
      });
      journal.close();
      assert.match(journal.failure ?? '', /ENOSPC/);
      assert.strictEqual(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /could not be written .*cannot be recovered after a crash/);
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(journal.file).mode & 0o777, 0o400);

      const run = store.load(journal.runId);
      assert.ok(run);
      assert.deepStrictEqual([run.state, run.incomplete], ['stopped', true]);
      // 3 and 4 were accepted without a line to say so: nothing the journal shows unsent is taken as unsent.
      assert.deepStrictEqual(fates(run), { 1: 'unknown', 2: 'unknown', 3: 'unknown', 4: 'unknown', 5: 'unknown', 6: 'unknown' });
      assert.deepStrictEqual(planResume(run).send, [], 'nothing is sent before Vault is asked');
      assert.deepStrictEqual(planResume(run, new Map<number, string | null>([[1, 'CANCELLED'], [3, 'CANCELLING'], [5, 'QUEUED']])).send, [5]);
      assert.match(describeStoppedRun(run), /stopped: 0 accepted, 0 not sent, 6 of unknown fate\. Its record is incomplete/);
    });

    it('keeps the incomplete mark in the text once the run is closed', async () => {
      const store = steppingStore(temp.dir, new Redactor(), () => false, { appendDurably: fullFrom(2) });
      const journal = store.begin({ ...sampleRun, ids: [1, 2] });
      journal.observer().beforeSend([1]);
      journal.close();
      const [stopped] = await steppingStore(temp.dir).stoppedRuns();
      assert.deepStrictEqual([stopped?.header.runId, stopped?.incomplete, stopped?.counts.unknown], [journal.runId, true, 2]);
      steppingStore(temp.dir).close(journal.runId, 'dismissed');
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(journal.file).mode & 0o777, 0o600);
      const closed = steppingStore(temp.dir).load(journal.runId);
      assert.deepStrictEqual([closed?.state, closed?.incomplete, closed?.counts.unknown], ['closed', true, 2]);
    });

    it('leaves no file and records nothing when even the start cannot be written', () => {
      const store = steppingStore(temp.dir, new Redactor(), () => false, { appendDurably: fullFrom(1) });
      assert.throws(() => store.begin({ ...sampleRun, ids: [1] }), /ENOSPC/);
      assert.deepStrictEqual(fs.readdirSync(temp.dir), []);
    });
  });
});
