// The commands' handlers on their own, called with the arguments VS Code passes (tree nodes,
// a document and spans, a code action's arguments), with a runner that records what it is asked.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { cancelCommands } from '../../../src/ext/cancel/cancelCommands';
import { CancelResults } from '../../../src/ext/cancel/cancelResults';
import type { CancelRequest } from '../../../src/ext/cancel/cancelRunner';
import { jobCommands } from '../../../src/ext/jobs/jobCommands';
import type { JobsModel } from '../../../src/core/jobs/model';
import { JobDetailsDocuments } from '../../../src/ext/jobs/jobDetails';
import { GroupNode, JobNode, JobSetNode } from '../../../src/ext/jobs/jobNodes';
import type { JobGroupOf } from '../../../src/core/jobs';
import { commandIds } from '../../../src/ext/names';
import type { Job } from '../../../src/core/vault';
import type { CancelRunResult } from '../../../src/core/cancel';
import type { VaultSimulator } from '../../simulator';
import { vaultSimulator } from './harness';
import { FakeSession, Redactor, documentWith, fakeSettings, jobsView, signedInConnection, spanOfText } from './fakes';

/** Calls a handler as VS Code would, with whatever arguments. */
type Handler = (...args: unknown[]) => unknown;

describe('command handlers (a recording runner, real documents)', () => {
  let sim: VaultSimulator;
  const requests: CancelRequest[] = [];
  const verified: (readonly number[] | undefined)[] = [];
  const runner = {
    run: (request: CancelRequest) => { requests.push(request); return Promise.resolve(undefined); },
    verifyUnknown: (ids?: readonly number[]) => { verified.push(ids); return Promise.resolve(undefined); },
  };
  let results: CancelResults;
  let handlers: Record<string, Handler>;
  /** The groups the view lists now, by key. */
  const groupsNow = new Map<string, JobGroupOf>();

  before(async () => {
    sim = await vaultSimulator();
  });
  beforeEach(() => {
    requests.length = 0;
    results = new CancelResults();
    handlers = cancelCommands(runner, results, { activeGroup: (_mode, key) => Promise.resolve(groupsNow.get(key)), filterText: () => 'QUEUED' });
  });
  afterEach(() => results.dispose());

  const group = new GroupNode('active');
  const jobNode = (id: number) => new JobNode({ job_id: id, title: `Job ${id}`, status: 'QUEUED' } as Job, group);
  const described = (request: CancelRequest) => ({ source: request.source, ids: request.ids.map((i) => i.id) });
  const detailed = (request: CancelRequest) => ({ detail: request.sourceDetail, titles: [...request.titles ?? []] });

  it('cancels the jobs selected in the Jobs view, only job nodes, or the one right-clicked', async () => {
    const [a, b, c] = [jobNode(11), jobNode(12), jobNode(13)];
    await handlers[commandIds.cancelJobs](a, [a, group, b, c]);
    await handlers[commandIds.cancelJobs](b, []);
    assert.deepStrictEqual(requests.map(described), [
      { source: 'the Jobs view (3 selected)', ids: [11, 12, 13] },
      { source: 'the Jobs view (1 selected)', ids: [12] },
    ]);
    assert.deepStrictEqual(detailed(requests[0]), { detail: 'the Jobs view (3 selected); filter: QUEUED', titles: [[11, 'Job 11'], [12, 'Job 12'], [13, 'Job 13']] });
  });

  it('cancels a group\'s members as the view lists them now, found by its key, not those of the row object', async () => {
    const drawn: JobGroupOf = { key: 'Nightly Sync', label: 'Nightly Sync', jobs: [], counts: new Map(), cancellableIds: [21, 22], queuedIds: [21, 22], scheduledIds: [] };
    groupsNow.set(drawn.key, { ...drawn, cancellableIds: [22, 23, 24], queuedIds: [22, 23, 24] });
    await handlers[commandIds.cancelJobGroup](new JobSetNode(group, 'title', drawn), null);
    groupsNow.clear();
    await handlers[commandIds.cancelJobGroup](new JobSetNode(group, 'title', drawn), null);
    assert.deepStrictEqual(requests.map(described), [
      { source: 'the group "Nightly Sync" of the Jobs view', ids: [22, 23, 24] },
      // Gone from the list: the row's own members, whose fate the confirmation's check tells.
      { source: 'the group "Nightly Sync" of the Jobs view', ids: [21, 22] },
    ]);
    // The record says which group, grouped how, under which filter.
    assert.deepStrictEqual(detailed(requests[0]), { detail: 'the group "Nightly Sync" (by title) of the Jobs view; filter: QUEUED', titles: [] });
  });

  it('never asks for IDs when a row\'s menu passed a row a refresh had redrawn (VS Code passes undefined and the selection)', async () => {
    const asked = (command: string, ...args: unknown[]) => Promise.race([
      Promise.resolve(handlers[command](...args)).then(() => 'done'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting: it asked for something'), 3000)),
    ]);
    try {
      assert.strictEqual(await asked(commandIds.cancelJobs, undefined, null), 'done');
      assert.strictEqual(await asked(commandIds.cancelJobs, undefined, [undefined, undefined]), 'done');
      assert.strictEqual(await asked(commandIds.cancelJobGroup, undefined, null), 'done');
      assert.deepStrictEqual(requests, []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  });

  it('cancels the IDs in the given spans of a document: IDs at their places, other values as problems', async () => {
    const document = await documentWith('spans.csv', 'job_id,title\n101,a\n202,b\n12.5,c\n');
    const rows = { start: document.offsetAt(new vscode.Position(1, 0)), end: document.offsetAt(new vscode.Position(4, 0)) };
    await handlers[commandIds.cancelSelectedIds](document.uri, [rows]);
    const [request] = requests;
    assert.strictEqual(request.document, document);
    assert.deepStrictEqual(request.ids.map((i) => [i.id, document.getText().slice(i.span?.start, i.span?.end)]), [[101, '101'], [202, '202']]);
    assert.deepStrictEqual(request.problems.map((p) => document.getText().slice(p.span.start, p.span.end)), ['12.5']);
    assert.strictEqual(request.source, path.basename(document.uri.path));
  });

  it('without arguments, cancels the active editor\'s selections (every cursor)', async () => {
    const document = await documentWith('cursors.csv', 'job_id\n301\n302\n303\n');
    const editor = await vscode.window.showTextDocument(document);
    const cell = (line: number) => new vscode.Selection(line, 0, line, 3);
    editor.selections = [cell(1), cell(3)];
    await handlers[commandIds.cancelSelectedIds]();
    assert.deepStrictEqual(requests.map((r) => r.ids.map((i) => i.id)), [[301, 303]]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts no run from the editor entry when no editor is open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await handlers[commandIds.cancelSelectedIds](), undefined);
    assert.deepStrictEqual(requests, []);
  });

  it('retries exactly the given IDs at every place their results are, and nothing it has no result for', async () => {
    const document = await documentWith('retry.csv', 'job_id\n401\n402\n401\n403\n');
    const located = [['401', 0], ['402', 0], ['401', 1], ['403', 0]].map(([text, nth]) => ({ id: Number(text), span: spanOfText(document, String(text), Number(nth)) }));
    const result: CancelRunResult = { outcomes: new Map([[401, { kind: 'failed', reason: 'HTTP 502' }], [402, { kind: 'notSent', reason: 'stopped' }],
      [403, { kind: 'accepted', state: 'CANCELLING', verified: false }]]), requestsSent: 1, stopped: true };
    results.showOutcomes(document, located, result, 'https://sandbox.example.com/api/v25.3');
    await handlers[commandIds.retryJobIds](document.uri, [401, 999]);
    const [request] = requests;
    assert.deepStrictEqual(request.ids.map((i) => [i.id, i.span?.start]), [[401, located[0].span.start], [401, located[2].span.start]]);
    assert.strictEqual(request.source, `${path.basename(document.uri.path)} (retry)`);
    assert.strictEqual(request.document?.uri.toString(), document.uri.toString());
    await handlers[commandIds.clearResults]();
    assert.deepStrictEqual(results.entriesOf(document.uri), []);
  });

  it('verifies the IDs a quick fix names, or from the palette every ID of unknown fate', async () => {
    verified.length = 0;
    await handlers[commandIds.verifyUnknown]([501, 502]);
    await handlers[commandIds.verifyUnknown]();
    await handlers[commandIds.verifyUnknown]('501');
    assert.deepStrictEqual(verified, [[501, 502], undefined, undefined]);
  });

  describe('job commands', () => {
    let model: JobsModel;
    let jobHandlers: Record<string, Handler>;

    before(async () => {
      const session = new FakeSession(await signedInConnection(sim));
      const redactor = new Redactor();
      ({ model } = jobsView(session, fakeSettings(), redactor));
      jobHandlers = jobCommands(session, model, () => model.refresh(), new JobDetailsDocuments(session, redactor), redactor);
    });
    after(() => model.dispose());

    it('copies the IDs of the selected job nodes, or the IDs a quick fix passes', async () => {
      await jobHandlers[commandIds.copyJobIds](jobNode(21), [jobNode(21), group, jobNode(22)]);
      assert.strictEqual(await vscode.env.clipboard.readText(), '21\n22');
      await jobHandlers[commandIds.copyJobIds]({ ids: [31, 32, 33] });
      assert.strictEqual(await vscode.env.clipboard.readText(), '31\n32\n33');
    });

    it('sets the filter it is given and clears it', async () => {
      await jobHandlers[commandIds.filterJobs]({ statuses: ['queued'], text: ' nightly ' });
      assert.deepStrictEqual(model.filter, { statuses: ['QUEUED'], text: 'nightly' });
      await jobHandlers[commandIds.clearFilter]();
      assert.strictEqual(model.isFiltered, false);
    });
  });
});
