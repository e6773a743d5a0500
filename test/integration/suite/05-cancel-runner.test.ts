// The cancel runner on its own, below the UI: a fake session and scripted answers stand in for the
// user, the results are the real diagnostics, and the Vault is the simulator over real sockets.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MOST_VALUES_PER_SELECTION } from '../../../src/core/ids';
import { Redactor } from '../../../src/core/log';
import { runReportCsv } from '../../../src/core/runs';
import { CancelRunner, type CancelRunSummary } from '../../../src/ext/cancel/cancelRunner';
import { CancelResults } from '../../../src/ext/cancel/cancelResults';
import type { NextStep } from '../../../src/ext/cancel/prompts';
import { requestFromSelections } from '../../../src/ext/cancel/selectionRequest';
import type { ActiveConnection } from '../../../src/ext/session';
import type { VaultSimulator } from '../../simulator';
import { cancelledInRequests, vaultSimulator, waitFor } from './harness';
import { FakeSession, ScriptedPrompts, documentWith, fakeSettings, recordingLogger, runnerJobs, signedInConnection, spanOfText, temporaryRunRecords } from './fakes';

describe('CancelRunner (fake session, scripted answers, the simulator)', () => {
  let sim: VaultSimulator;
  let active: ActiveConnection;
  const owned: vscode.Disposable[] = [];
  const kept = temporaryRunRecords();
  const { records, store } = kept;

  before(async () => {
    sim = await vaultSimulator();
    active = await signedInConnection(sim);
  });

  beforeEach(() => {
    sim.clearRequestLog();
    sim.faults.clear();
  });

  afterEach(() => {
    for (const item of owned.splice(0)) item.dispose();
  });

  after(() => kept.dispose());

  function setUp(options: { active?: ActiveConnection | null; confirm?: boolean[]; nextSteps?: (NextStep | Promise<NextStep>)[]; batchSize?: number } = {}) {
    const session = new FakeSession(options.active === null ? undefined : options.active ?? active);
    const prompts = new ScriptedPrompts({ confirm: options.confirm, nextSteps: options.nextSteps });
    const results = new CancelResults();
    const log = recordingLogger();
    let outputShown = 0;
    const runner = new CancelRunner({
      session, settings: fakeSettings({ batchSize: options.batchSize ?? 500, concurrency: 2 }), results, prompts,
      records, log, engineLog: recordingLogger(), showOutput: () => void outputShown++, jobs: runnerJobs(),
    });
    const finished: CancelRunSummary[] = [];
    owned.push(results, runner, runner.onDidFinish((summary) => finished.push(summary)));
    return { runner, session, prompts, results, log, finished, outputShown: () => outputShown };
  }

  const newJobs = (count: number, status: 'QUEUED' | 'RUNNING' = 'QUEUED') =>
    Array.from({ length: count }, (_, i) => sim.jobs.add({ status, title: `Runner ${status} ${i}` }).job_id);

  it('with nothing to cancel, shows the problems and says so, without asking for a session', async () => {
    const { runner, session, prompts, results } = setUp();
    const document = await documentWith('typos.csv', 'job_id\n12x\n');
    const outcome = await runner.run({ source: 'typos.csv', origin: 'file', ids: [], problems: [{ span: spanOfText(document, '12x'), message: '12x is not a job ID' }], document });
    assert.strictEqual(outcome, undefined);
    assert.deepStrictEqual(prompts.told, ['nothing to cancel in typos.csv, 1 problem(s)']);
    assert.strictEqual(session.signInOffers, 0);
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => [e.kind, document.getText(e.diagnostic.range)]), [['problem', '12x']]);
  });

  it('refuses a selection holding more values than one run takes: one problem where the limit is passed, nothing sent', async () => {
    const { runner, session, prompts, results } = setUp();
    const atLimit = '7,'.repeat(MOST_VALUES_PER_SELECTION);
    const document = await documentWith('pasted.csv', `${atLimit}123,7\n`);
    const outcome = await runner.run(requestFromSelections(document, [{ start: 0, end: document.getText().length }]));
    assert.strictEqual(outcome, undefined);
    assert.deepStrictEqual(prompts.told, [`too many values in ${path.basename(document.fileName)}, at most ${MOST_VALUES_PER_SELECTION}`]);
    assert.strictEqual(session.signInOffers, 0);
    assert.deepStrictEqual(prompts.confirmations, []);
    const shown = results.entriesOf(document.uri);
    assert.deepStrictEqual(shown.map((e) => [e.kind, document.offsetAt(e.diagnostic.range.start), document.getText(e.diagnostic.range)]), [['problem', atLimit.length, '123']]);
    assert.ok(shown[0].diagnostic.message.includes(`one run takes at most ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')}`), shown[0].diagnostic.message);
  });

  it('sends nothing and asks nothing more when the user does not sign in', async () => {
    const { runner, session, prompts, finished } = setUp({ active: null });
    assert.strictEqual(await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id: newJobs(1)[0] }], problems: [] }), undefined);
    assert.strictEqual(session.signInOffers, 1);
    assert.deepStrictEqual(prompts.confirmations, []);
    assert.deepStrictEqual(cancelledInRequests(sim), []);
    assert.deepStrictEqual(finished, []);
  });

  it('says an API version before v25.3 cannot cancel before asking for confirmation, and sends nothing', async () => {
    const old = await signedInConnection(sim, { apiVersion: 'v25.2' });
    const { runner, prompts } = setUp({ active: old });
    assert.strictEqual(await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id: newJobs(1)[0] }], problems: [] }), undefined);
    assert.deepStrictEqual(prompts.told, ['API v25.2 of Fake Sandbox is too old']);
    assert.deepStrictEqual(prompts.confirmations, []);
    assert.deepStrictEqual(cancelledInRequests(sim), []);
  });

  it('sends nothing when the user does not confirm', async () => {
    const { runner, log, finished } = setUp({ confirm: [false] });
    const [id] = newJobs(1);
    assert.strictEqual(await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id }], problems: [] }), undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), []);
    assert.strictEqual(sim.jobs.get(id)?.status, 'QUEUED');
    assert.deepStrictEqual(finished, []);
    assert.ok(log.lines.some((line) => line.includes('not confirmed')), log.lines.join('\n'));
  });

  it('confirms the counts, sends each distinct ID once in batches, and pins every occurrence\'s outcome', async () => {
    const { runner, prompts, results, finished, log } = setUp({ batchSize: 2 });
    const [a, b, c] = newJobs(3);
    const [running] = newJobs(1, 'RUNNING');
    const document = await documentWith('run.csv', `job_id\n${a}\n${b}\n${a}\n${running}\nabc\n${c}\n`);
    const located = [a, b, a, running, c].map((id, i) => ({ id, span: spanOfText(document, String(id), i === 2 ? 1 : 0) }));
    const summary = await runner.run({ source: 'run.csv', origin: 'file', ids: located, problems: [{ span: spanOfText(document, 'abc'), message: 'abc is not a job ID' }], document });

    assert.ok(summary);
    assert.deepStrictEqual(prompts.confirmations.map(({ distinct, duplicates, problems, source }) => ({ distinct, duplicates, problems, source })),
      [{ distinct: 4, duplicates: 1, problems: 1, source: 'run.csv' }]);
    assert.deepStrictEqual(cancelledInRequests(sim), [[a, b], [running, c]], 'batches of 2, each distinct ID once, in order');
    assert.deepStrictEqual(summary.counts, { accepted: 3, notEligible: 1, invalidInput: 0, notSent: 0, unknown: 0, failed: 0 });
    assert.deepStrictEqual(finished, [summary], 'finished fires once, with the summary');
    const shown = results.entriesOf(document.uri).map((e) => [document.getText(e.diagnostic.range), e.kind]);
    assert.deepStrictEqual(shown, [[String(a), 'accepted'], [String(b), 'accepted'], [String(a), 'accepted'], [String(running), 'notEligible'], ['abc', 'problem'], [String(c), 'accepted']]);
    await waitFor('the summary', () => prompts.summaries.length === 1 || undefined);
    assert.deepStrictEqual(prompts.summaries.map(({ warn, canRetry }) => ({ warn, canRetry })), [{ warn: true, canRetry: false }]);
    assert.ok(log.lines.some((line) => /run \d+: 2 request\(s\); 3 accepted, 1 notEligible/.test(line)), log.lines.join('\n'));
  });

  it('Retry Failed checks IDs of unknown fate first and sends again only those Vault shows not cancelled', async function () {
    this.timeout(60_000);
    const connection = await signedInConnection(sim, { timeoutMs: 500 });
    let chooseRetry: (step: NextStep) => void = () => undefined;
    const { runner, prompts, results, finished } = setUp({ active: connection, nextSteps: [new Promise<NextStep>((resolve) => (chooseRetry = resolve))] });
    const [late, notApplied] = newJobs(2);
    const document = await documentWith('unknown-retry.csv', `job_id\n${late}\n${notApplied}\n`);
    // No answer ever reaches the client, and no status can be read: both IDs end of unknown fate.
    sim.faults.set({ kind: 'dropBeforeApply', path: /actions\/cancel/ });
    sim.faults.set({ kind: 'proxy502', path: /services\/jobs\/\d+$|jobs\/(monitors|histories)/ });
    const first = await runner.run({ source: 'unknown-retry.csv', origin: 'file', ids: [late, notApplied].map((id) => ({ id, span: spanOfText(document, String(id)) })), problems: [], document });
    assert.strictEqual(first?.counts.unknown, 2, JSON.stringify(first?.counts));
    assert.deepStrictEqual(prompts.summaries.map(({ canRetry, canVerify }) => ({ canRetry, canVerify })), [{ canRetry: true, canVerify: true }]);
    assert.strictEqual(runner.unknownFates.size, 2);
    // Vault applied one of them after all (a request it finished late); the check must find that out.
    sim.jobs.setStatus(late, 'CANCELLING');
    sim.faults.clear();
    sim.clearRequestLog();
    chooseRetry('retryFailed');
    await waitFor('the retry to finish', () => finished.length === 2 || undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [[notApplied]], 'only the ID Vault still shows queued is sent again');
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => [e.id, e.kind]), [[late, 'accepted'], [notApplied, 'accepted']]);
    assert.strictEqual(runner.unknownFates.size, 0, 'nothing is left of unknown fate');
    assert.ok(prompts.told.includes('checked 2 on Fake Sandbox: 1 accepted, 1 failed'), prompts.told.join('\n'));
  });

  it('sends exactly the failed IDs again when the user picks Retry Failed, at their places in the file', async () => {
    const { runner, prompts, results, finished } = setUp({ nextSteps: ['retryFailed'] });
    const ids = newJobs(2);
    const document = await documentWith('retry.csv', `job_id\n${ids.join('\n')}\n`);
    sim.faults.set({ kind: 'batchFailure', type: 'INSUFFICIENT_ACCESS', message: 'not licensed', path: /actions\/cancel/, times: 1 });
    const first = await runner.run({ source: 'retry.csv', origin: 'file', ids: ids.map((id) => ({ id, span: spanOfText(document, String(id)) })), problems: [], document });
    assert.strictEqual(first?.counts.failed, 2);
    await waitFor('the retry to finish', () => finished.length === 2 || undefined);
    assert.deepStrictEqual(prompts.confirmations.map((c) => c.source), ['retry.csv', 'retry.csv (retry)']);
    assert.deepStrictEqual(cancelledInRequests(sim), [ids, ids]);
    assert.strictEqual(finished[1].counts.accepted, 2);
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => e.kind), ['accepted', 'accepted'], 'the retry\'s outcomes replace the failures');
  });

  it('opens the output when the user picks Show Output', async () => {
    const { runner, prompts, outputShown } = setUp({ nextSteps: ['showOutput'] });
    await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id: newJobs(1)[0] }], problems: [] });
    await waitFor('the summary', () => prompts.summaries.length === 1 || undefined);
    await waitFor('the output to be shown', () => outputShown() === 1 || undefined);
  });

  it('records the run: its Vault, user, source and every ID\'s outcome with Vault\'s message, and no session ID', async () => {
    const { runner } = setUp({ batchSize: 2 });
    const [a, b] = newJobs(2);
    const [running] = newJobs(1, 'RUNNING');
    const summary = await runner.run({ source: 'typed job IDs', origin: 'typed', ids: [{ id: a }, { id: running }, { id: b }, { id: a }], problems: [] });
    const runId = summary?.runId;
    assert.ok(runId, 'the run has a record');
    const run = store.load(runId);
    assert.ok(run, 'the record is kept');
    assert.strictEqual(run.state, 'finished');
    assert.deepStrictEqual({ dns: run.header.vault.dns, source: run.header.source, user: run.header.user.name, ids: run.header.ids },
      { dns: sim.dns, source: 'typed', user: sim.username, ids: [a, running, b] });
    assert.deepStrictEqual([...run.ids].map(([id, state]) => [id, state.fate]), [[a, 'accepted'], [running, 'refused'], [b, 'accepted']]);
    assert.strictEqual(run.ids.get(running)?.message, `Job [${running}] is not found in QUEUED or QUEUEING state`, 'Vault\'s message for the refusal');
    const journal = fs.readFileSync(path.join(store.directory, fs.readdirSync(store.directory).find((n) => n.includes(runId)) ?? ''), 'utf8');
    const report = runReportCsv(run, new Redactor());
    for (const text of [journal, report]) assert.ok(!text.includes(active.session.sessionId), 'no session ID is recorded');
    assert.strictEqual(report.split('\n')[0], 'job_id,outcome,vault_message,sent_at,vault,user,action,title,source,final_state,final_at');
  });
});
