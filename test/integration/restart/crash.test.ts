// First host: a cancel run typed in the palette, 50 IDs per request, whose second request the
// simulator applies and then holds open. Once that request is in the run's journal, this host tells
// the orchestrator its process ID and is killed (SIGKILL) while it waits for the answer.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { answerDialog, extensionApi, setSetting, vaultName, waitFor } from '../suite/harness';
import { pressKey, quickInput, typeText, waitForWorkbenchText } from '../suite/workbench';
import { batchSize, scenarioFromEnvironment, type CrashHandoff } from './scenario';
import { signIn } from './signIn';

const journalSends = (directory: string): number => (fs.existsSync(directory) ? fs.readdirSync(directory) : [])
  .filter((name) => name.endsWith('.jsonl'))
  .reduce((sum, name) => sum + (fs.readFileSync(path.join(directory, name), 'utf8').match(/"t":"send"/g) ?? []).length, 0);

describe('a cancel run in a host that is killed mid-way', () => {
  it('journals each request before it leaves, up to the one held open when the host dies', async () => {
    const scenario = scenarioFromEnvironment();
    const api = await extensionApi();
    await signIn(scenario);
    await setSetting('batchSize', batchSize);
    await setSetting('concurrency', 1);
    assert.strictEqual(journalSends(api.runs.directory), 0, 'a fresh global storage');

    const run = vscode.commands.executeCommand('vaultJobs.cancelJobs');
    await waitForWorkbenchText(quickInput, (text) => /Job IDs to cancel/.test(text), 30000);
    await typeText(scenario.ids.join(', '));
    await pressKey('Enter');
    await answerDialog(new RegExp(`Cancel ${scenario.ids.length} jobs on ${vaultName}`), `Cancel ${scenario.ids.length} Jobs`);

    await waitFor('the second request in the journal', () => journalSends(api.runs.directory) === 2 || undefined, 60000);
    const handoff: CrashHandoff = { pid: process.pid, runsDirectory: api.runs.directory };
    fs.writeFileSync(scenario.handoffFile, JSON.stringify(handoff));
    const ended = await Promise.race([run.then(() => 'finished'), new Promise((resolve) => setTimeout(() => resolve('not killed'), 90000))]);
    assert.fail(`the run ${String(ended)}: the orchestrator was to kill this extension host while the second request was held open`);
  });
});
