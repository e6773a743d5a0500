// Second host, on the first one's user data: the stopped run is offered at start-up; Verify and Resume
// settles the IDs of unknown fate through Vault and sends only the unsent ones, in a new recorded run;
// both runs' CSV reports tell each ID's outcome, and no file holds the session. The orchestrator then
// reads the simulator's request log to prove no ID was sent twice across the two hosts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Redactor } from '../../../src/core/log';
import { RunStore, type RunSummary } from '../../../src/core/runs';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import { answerDialog, clickNotificationButton, extensionApi, vaultName, waitFor, waitForNotification } from '../suite/harness';
import { click, quickInput, waitForWorkbenchText } from '../suite/workbench';
import { scenarioFromEnvironment } from './scenario';
import { signIn } from './signIn';

const csvRows = (text: string) => text.trim().split('\n').map((line) => line.split(','));

describe('the next start after a host was killed mid-run', () => {
  it('offers the stopped run, verifies the unknown IDs, resumes only the unsent ones and reports both runs', async () => {
    const scenario = scenarioFromEnvironment();
    const { ids, dns, username } = scenario;
    const api = await extensionApi();
    const offer = await waitForNotification(/The last cancel run on .* stopped/);
    assert.match(offer, new RegExp(`The last cancel run on ${vaultName} \\(${dns.replace(/\./g, '\\.')}\\) stopped: 2 accepted, 2 not sent, 2 of unknown fate`));

    await signIn(scenario);
    const finished = new Promise<CancelRunSummary>((resolve) => api.cancel.onDidFinish(resolve));
    await clickNotificationButton('Verify and Resume');
    await answerDialog(new RegExp(`Cancel 2 jobs on ${vaultName}`), 'Cancel 2 Jobs');
    const summary = await finished;
    assert.strictEqual(summary.counts.accepted, 2, JSON.stringify(summary.counts));
    assert.deepStrictEqual([...summary.result.outcomes.keys()], ids.slice(4), 'only the IDs the journal proves unsent');

    const store = new RunStore(api.runs.directory, new Redactor());
    const [resumed, stopped, ...others] = await store.list();
    assert.strictEqual(others.length, 0, 'two runs are kept');
    assert.deepStrictEqual(shape(store, resumed), { source: 'resume', state: 'finished', ids: ids.slice(4), resumes: stopped.header.runId });
    assert.deepStrictEqual(shape(store, stopped), { source: 'typed', state: 'closed', ids, resumes: undefined });
    assert.deepStrictEqual(await store.stoppedRuns(), [], 'the stopped run is offered no more');

    const stoppedEditor = await api.runs.showReport(stopped.header.runId);
    assert.ok(stoppedEditor);
    const rows = csvRows(stoppedEditor.document.getText());
    assert.deepStrictEqual(rows[0], ['job_id', 'outcome', 'vault_message', 'sent_at', 'vault', 'user', 'action']);
    assert.deepStrictEqual(rows.slice(1).map(([id, outcome]) => [Number(id), outcome]),
      [[ids[0], 'accepted'], [ids[1], 'accepted'], [ids[2], 'unknown'], [ids[3], 'unknown'], [ids[4], 'notSent'], [ids[5], 'notSent']]);
    assert.deepStrictEqual(rows.slice(1).map((row) => row[3] !== ''), [true, true, true, true, false, false], 'sent_at for the sent IDs only');
    for (const row of rows.slice(1)) assert.deepStrictEqual(row.slice(4, 6), [`${vaultName} (${dns})`, username]);

    // The palette's way to the resumed run's report.
    const shown = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.showCancelRuns');
    await waitForWorkbenchText(quickInput, (text) => /resuming a stopped run/.test(text) && /2 accepted, 2 not sent, 2 of unknown fate/.test(text));
    await click('.quick-input-list .monaco-list-row:has-text("resuming a stopped run")');
    const editor = await shown;
    assert.ok(editor && editor.document.uri.fsPath.startsWith(api.runs.reportDirectory + path.sep), editor?.document.uri.fsPath);
    assert.deepStrictEqual(csvRows(editor.document.getText()).slice(1).map(([id, outcome]) => [Number(id), outcome]), [[ids[4], 'accepted'], [ids[5], 'accepted']]);

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
