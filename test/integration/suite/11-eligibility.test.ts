// The eligibility check before a cancel, in the runner: what the confirmation is told, what "only the
// eligible" sends, and when the check is skipped. Scripted answers stand in for the user; the Vault is
// the simulator over real sockets.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CancelRunner } from '../../../src/ext/cancel/cancelRunner';
import { CancelResults } from '../../../src/ext/cancel/cancelResults';
import { describeEligibility, type ConfirmChoice } from '../../../src/ext/cancel/prompts';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { cancelledInRequests, vaultSimulator } from './harness';
import { FakeSession, ScriptedPrompts, documentWith, fakeSettings, jobsView, recordingLogger, runnerJobs, signedInConnection, spanOfText, temporaryRunRecords } from './fakes';

describe('eligibility before a cancel (CancelRunner, scripted answers, the simulator)', () => {
  const owned: vscode.Disposable[] = [];
  afterEach(() => {
    for (const item of owned.splice(0)) item.dispose();
  });

  async function setUp(sim: VaultSimulator, confirm: ConfirmChoice[]) {
    const prompts = new ScriptedPrompts({ confirm });
    const results = new CancelResults();
    const records = temporaryRunRecords();
    const session = new FakeSession(await signedInConnection(sim));
    const { model } = jobsView(session);
    const runner = new CancelRunner({
      session, settings: fakeSettings(), results, prompts, records: records.records,
      log: recordingLogger(), engineLog: recordingLogger(), showOutput: () => undefined, jobs: runnerJobs(model),
    });
    owned.push(results, runner, records, model);
    return { runner, prompts, results, store: records.store, model };
  }

  it('tells the confirmation what the Active list shows, and "only the eligible" sends just those; the rest end as not sent', async () => {
    const sim = await vaultSimulator();
    sim.clearRequestLog();
    const { runner, prompts, results, store } = await setUp(sim, ['eligibleOnly']);
    const queued = sim.jobs.addMany(2, { status: 'SCHEDULED', title: 'Eligibility Probe' }).map((j) => j.job_id);
    const [running] = sim.jobs.addMany(1, { status: 'RUNNING', title: 'Eligibility Probe' }).map((j) => j.job_id);
    const document = await documentWith('eligible.csv', `job_id\n${queued.join('\n')}\n${running}\n`);
    const ids = [...queued, running].map((id) => ({ id, span: spanOfText(document, String(id)) }));

    const summary = await runner.run({ source: 'eligible.csv', origin: 'file', ids, problems: [], document });
    const [{ eligibility }] = prompts.confirmations;
    assert.strictEqual(eligibility?.kind, 'checked');
    assert.deepStrictEqual(eligibility.eligibility.eligible.sort(), [...queued].sort());
    assert.deepStrictEqual(eligibility.eligibility.refused, [{ id: running, status: 'RUNNING' }]);
    assert.strictEqual(describeEligibility(eligibility), '2 are scheduled/queued and will be cancelled; 1 is running or finished and Vault will refuse it.');
    assert.deepStrictEqual(cancelledInRequests(sim), [queued]);
    assert.deepStrictEqual(summary?.counts, { accepted: 2, notEligible: 0, invalidInput: 0, notSent: 1, unknown: 0, failed: 0 });
    const left = results.entriesOf(document.uri).find((e) => document.getText(e.diagnostic.range) === String(running));
    assert.strictEqual(left?.kind, 'notSent');
    assert.match(left.diagnostic.message, /left out at your choice: Vault showed it RUNNING/);
    assert.deepStrictEqual(prompts.summaries.map((notice) => notice.canRetry), [false], 'no retry for what the user chose to leave out');
    const record = store.load(summary?.runId ?? '');
    assert.deepStrictEqual(record?.header.ids, queued, 'the record holds the IDs to send only, so a resume can never send one kept back');
    assert.strictEqual(record.ids.get(running)?.fate, 'notSent', 'the kept-back ID is in the report with its reason');
  });

  it('hands the Active list it read to the jobs model: the view and the results follow it without listing again', async () => {
    const sim = await vaultSimulator();
    const { runner, model } = await setUp(sim, [false]);
    // More IDs than a check by Job Status takes (up to 20): the check reads the Active list.
    const ids = sim.jobs.addMany(21, { status: 'QUEUED', title: 'Model Probe' }).map((j) => j.job_id);
    const [id] = ids;
    const heard: number[][] = [];
    const listening = model.onDidListActive((listing) => heard.push(listing.jobs.map((job) => job.job_id)));
    assert.strictEqual(await runner.run({ source: 'typed job IDs', origin: 'typed', ids: ids.map((each) => ({ id: each })), problems: [] }), undefined, 'not confirmed');
    listening.dispose();
    assert.strictEqual(heard.length, 1, 'the results heard the check\'s listing once');
    assert.ok(heard[0].includes(id));
    sim.clearRequestLog();
    const held = await model.activeList();
    assert.ok(held.jobs.some((job) => job.job_id === id), 'the model holds the check\'s listing');
    assert.deepStrictEqual(sim.requestLog.filter((r) => r.path.includes('/monitors')), [], 'the view does not list again');
  });

  it('skips the check without a call when the burst budget is low, and says why', async () => {
    const lean = await startSimulator({ jobs: 20, seed: 5, burstLimit: 60 });
    try {
      const { runner, prompts } = await setUp(lean, [false]);
      lean.clearRequestLog();
      const [id] = lean.jobs.addMany(1, { status: 'QUEUED' }).map((j) => j.job_id);
      assert.strictEqual(await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id }], problems: [] }), undefined);
      const [{ eligibility }] = prompts.confirmations;
      assert.strictEqual(eligibility?.kind, 'skipped');
      assert.strictEqual(eligibility.reason, 'budget');
      assert.match(describeEligibility(eligibility), /^Which of them Vault will accept was not checked: only \d+ API calls are left in Vault's burst window\.$/);
      assert.deepStrictEqual(lean.requestLog.map((r) => r.path), [], 'no call for the check, none for a cancel that was not confirmed');
    } finally {
      await lean.close();
    }
  });
});
