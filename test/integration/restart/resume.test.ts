// Second host, on the first one's user data: the stopped run is offered at start-up with counts that
// add up to its IDs; Verify and Resume settles the IDs of unknown fate through Vault's lists, writes
// what it found into the stopped run's record, and sends only the unsent ones, in a new recorded run;
// both runs' CSV reports tell each ID's outcome, and no file holds the session. The orchestrator then
// reads the simulator's request log for the check's cost and to prove no ID was sent twice.
import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Redactor } from '../../../src/core/log';
import { RunStore, type RunSummary } from '../../../src/core/runs';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import { answerDialog, clickNotificationButton, extensionApi, vaultName, waitFor, waitForNotification } from '../suite/harness';
import { click, quickInput, waitForWorkbenchText } from '../suite/workbench';
import { batchSize, scenarioFromEnvironment, type VerifyHandoff } from './scenario';
import { signIn } from './signIn';

// A Vault message may hold a comma (quoted in the report): a CSV reader, not a split on commas.
const csvRows = (text: string) => parse(text) as string[][]; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion

describe('the next start after a host was killed mid-run', () => {
  it('offers the stopped run, verifies the unknown IDs through the lists, records what it found, resumes only the unsent ones and reports both runs', async () => {
    const scenario = scenarioFromEnvironment();
    const { ids, dns, username, cancelledBefore, finishedLongBefore } = scenario;
    const [answered, held, unsent] = [ids.slice(0, batchSize), ids.slice(batchSize, 2 * batchSize), ids.slice(2 * batchSize)];
    const api = await extensionApi();
    const offer = await waitForNotification(/The last cancel run on .* stopped/);
    assert.match(offer, new RegExp(`The last cancel run on ${vaultName} \\(${dns.replace(/\./g, '\\.')}\\) stopped before it finished.*: ` +
      `${batchSize} accepted, ${batchSize} not sent, ${batchSize} of unknown fate \\(${ids.length} in all\\)`));

    await signIn(scenario);
    const finished = new Promise<CancelRunSummary>((resolve) => api.cancel.onDidFinish(resolve));
    const verify: VerifyHandoff = { clickedAt: Date.now() };
    fs.writeFileSync(scenario.verifyFile, JSON.stringify(verify));
    await clickNotificationButton('Verify and Resume');
    await answerDialog(new RegExp(`Cancel ${unsent.length} jobs on ${vaultName}`), `Cancel ${unsent.length} Jobs`);
    const summary = await finished;
    assert.strictEqual(summary.counts.accepted, unsent.length, JSON.stringify(summary.counts));
    assert.deepStrictEqual([...summary.result.outcomes.keys()], unsent, 'only the IDs the journal proves unsent');
    const refusedHeld = cancelledBefore.length + finishedLongBefore.length;
    const accepted = answered.length + held.length - refusedHeld;
    const settled = await waitForNotification(/Vault's lists settled/);
    assert.match(settled, new RegExp(`settled ${held.length} of the stopped run's jobs of unknown fate .*: ${accepted} accepted, ` +
      `${cancelledBefore.length} already cancelled before this run, ${finishedLongBefore.length} not eligible, ${unsent.length} not sent \\(${ids.length} in all\\)`));

    const store = new RunStore(api.runs.directory, new Redactor());
    const [resumed, stopped, ...others] = await store.list();
    assert.strictEqual(others.length, 0, 'two runs are kept');
    assert.deepStrictEqual(shape(store, resumed), { source: 'resume', state: 'finished', ids: unsent, resumes: stopped.header.runId });
    assert.deepStrictEqual(shape(store, stopped), { source: 'typed', state: 'closed', ids, resumes: undefined });
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'the stopped run is offered no more');

    // The stopped run's report holds what the check found, and its outcomes add up to the run's IDs.
    const stoppedEditor = await api.runs.showReport(stopped.header.runId);
    assert.ok(stoppedEditor);
    const rows = csvRows(stoppedEditor.document.getText());
    assert.deepStrictEqual(rows[0], ['job_id', 'outcome', 'vault_message', 'sent_at', 'vault', 'user', 'action', 'title', 'source', 'final_state', 'final_at']);
    const outcomeOf = new Map(rows.slice(1).map(([id, outcome, message]) => [Number(id), { outcome, message }]));
    assert.strictEqual(outcomeOf.size, ids.length, 'one row per ID');
    const expected = (id: number) => (cancelledBefore.includes(id) || finishedLongBefore.includes(id) ? 'notEligible' : unsent.includes(id) ? 'notSent' : 'accepted');
    assert.deepStrictEqual(ids.filter((id) => outcomeOf.get(id)?.outcome !== expected(id)), [], 'each ID with the outcome the check established');
    for (const id of cancelledBefore) assert.match(outcomeOf.get(id)?.message ?? '', /^already cancelled before this run: Vault shows it CANCELLED since /);
    for (const id of held.filter((id) => !cancelledBefore.includes(id) && !finishedLongBefore.includes(id))) assert.match(outcomeOf.get(id)?.message ?? '', /^Vault shows it CANCELL/);
    const tally = new Map<string, number>();
    for (const { outcome } of outcomeOf.values()) tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    assert.deepStrictEqual(Object.fromEntries(tally), { accepted, notEligible: refusedHeld, notSent: unsent.length });
    assert.deepStrictEqual(rows.slice(1).map((row) => row[3] !== ''), ids.map((id) => !unsent.includes(id)), 'sent_at for the sent IDs only');
    for (const row of rows.slice(1)) assert.deepStrictEqual(row.slice(4, 6), [`${vaultName} (${dns})`, username]);

    // The palette's way to the resumed run's report.
    const shown = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.showCancelRuns');
    await waitForWorkbenchText(quickInput, (text) => /from the stopped run of/.test(text) && new RegExp(`${accepted} accepted, ${refusedHeld} not eligible, ${unsent.length} not sent`).test(text));
    await click('.quick-input-list .monaco-list-row:has-text("from the stopped run of")');
    const editor = await shown;
    assert.ok(editor && editor.document.uri.fsPath.startsWith(api.runs.reportDirectory + path.sep), editor?.document.uri.fsPath);
    assert.deepStrictEqual(csvRows(editor.document.getText()).slice(1).map(([id, outcome]) => [Number(id), outcome]), unsent.map((id) => [id, 'accepted']));

    const sessionId = api.session.active?.session.sessionId;
    assert.ok(sessionId, 'signed in');
    await waitFor('the files to be written', () => fs.existsSync(api.runs.reportDirectory) || undefined);
    for (const file of [...files(api.runs.directory)]) assert.ok(!fs.readFileSync(file, 'utf8').includes(sessionId), `${file} holds no session ID`);
  });
});

function shape(store: RunStore, run: RunSummary | undefined) {
  return run && { source: run.header.source, state: run.state, ids: store.load(run.header.runId)?.header.ids, resumes: run.header.resumes };
}

function* files(directory: string): Generator<string> {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}
