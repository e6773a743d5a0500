// CancelResults on its own: the results and diagnostics it builds from outcomes (diagnostics only for
// what needs action, at most as many as VS Code keeps), how they follow edits, and how later runs and
// Clear replace them. Real documents, real diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CancelResults } from '../../../src/ext/cancel/cancelResults';
import { ResultsTreeProvider, resultsViewCommands, type ResultsNode } from '../../../src/ext/cancel/resultsView';
import type { CancelOutcome, CancelRunResult } from '../../../src/core/cancel';
import type { Job } from '../../../src/core/vault';
import { waitFor } from './harness';
import { documentWith, spanOfText } from './fakes';

const runResult = (outcomes: [number, CancelOutcome][]): CancelRunResult => ({ outcomes: new Map(outcomes), requestsSent: 1, stopped: false });
const accepted: CancelOutcome = { kind: 'accepted', state: 'CANCELLING', verified: false };
const vaultUrl = 'https://sandbox.example.com/api/v25.3';

describe('CancelResults (real documents and diagnostics)', () => {
  let results: CancelResults;

  beforeEach(() => {
    results = new CancelResults();
  });
  afterEach(() => results.dispose());

  const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vault Jobs');

  const textOf = (document: vscode.TextDocument, d: vscode.Diagnostic) => document.getText(d.range);
  const byPlace = (a: vscode.Diagnostic, b: vscode.Diagnostic) => a.range.start.compareTo(b.range.start);
  const texts = (document: vscode.TextDocument) => results.entriesOf(document.uri).map((e) => `${document.getText().slice(e.span.start, e.span.end)}:${e.kind}`);

  it('pins each outcome at its occurrence; those that need action are diagnostics with their severity and code; a repeat points at the first', async () => {
    const document = await documentWith('pins.csv', 'job_id,title\n101,"Ünïcode ✓"\n202,b\n101,again\n303,x\n');
    const at = (text: string, nth = 0) => ({ id: Number(text), span: spanOfText(document, text, nth) });
    results.showProblems(document, [{ span: spanOfText(document, 'again'), message: 'again is not a job ID' }]);
    results.showOutcomes(document, [at('101'), at('202'), at('101', 1), at('303')], runResult([
      [101, accepted],
      [202, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'Job [202] is not found in QUEUED or QUEUEING state' }],
      [303, { kind: 'failed', reason: 'HTTP 502', errorType: undefined }],
    ]), vaultUrl);
    assert.deepStrictEqual(texts(document), ['101:accepted', '202:notEligible', '101:accepted', 'again:problem', '303:failed']);
    const diagnostics = ours(document.uri).sort(byPlace);
    const summary = diagnostics.map((d) => [textOf(document, d), vscode.DiagnosticSeverity[d.severity], d.code]);
    assert.deepStrictEqual(summary, [['202', 'Warning', 'INVALID_DATA'], ['again', 'Warning', 'INVALID_JOB_ID'], ['303', 'Error', 'FAILED']], 'none for accepted IDs');
    const repeat = results.entriesOf(document.uri)[2].diagnostic;
    assert.match(repeat.message, /^Job 101: .*\(same ID as line 2\)$/);
    assert.strictEqual(repeat.relatedInformation?.[0].location.range.start.line, 1, 'points at the first occurrence');
    assert.match(diagnostics[0].message, /Job \[202\] is not found/);
  });

  it('moves results with edits before them, keeps them for edits after, and drops one whose text changes', async () => {
    const document = await documentWith('edits.csv', 'job_id\n111\n222\n333\n');
    const failed: CancelOutcome = { kind: 'failed', reason: 'HTTP 502' };
    results.showOutcomes(document, ['111', '222', '333'].map((text) => ({ id: Number(text), span: spanOfText(document, text) })),
      runResult([[111, failed], [222, failed], [333, accepted]]), vaultUrl);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# exported\n'); // before all of them
    edit.replace(document.uri, new vscode.Range(2, 1, 2, 2), '9'); // inside 222
    edit.insert(document.uri, new vscode.Position(4, 0), '\n'); // after all of them
    assert.ok(await vscode.workspace.applyEdit(edit));
    const left = await waitFor('the results to follow the edit', () => {
      const d = ours(document.uri);
      return d.length === 1 ? d : undefined;
    });
    assert.deepStrictEqual(left.map((d) => [d.range.start.line, document.getText(d.range)]), [[2, '111']]);
    assert.deepStrictEqual(texts(document), ['111:failed', '333:accepted'], 'the spans moved too');
  });

  it('replaces earlier results at the same places, keeps the others, and clears per file or all', async () => {
    const document = await documentWith('again.csv', 'job_id\n111\n222\n');
    const other = await documentWith('other.csv', 'job_id\n333\n');
    const spanOf = (text: string) => ({ id: Number(text), span: spanOfText(document, text) });
    results.showOutcomes(document, [spanOf('111'), spanOf('222')], runResult([[111, { kind: 'notSent', reason: 'stopped' }], [222, accepted]]), vaultUrl);
    results.showOutcomes(document, [spanOf('111')], runResult([[111, accepted]]), vaultUrl);
    results.showOutcomes(other, [{ id: 333, span: spanOfText(other, '333') }], runResult([[333, { kind: 'notSent', reason: 'stopped' }]]), vaultUrl);
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => [e.id, e.kind]), [[111, 'accepted'], [222, 'accepted']]);
    const touching = results.entriesAt(document, new vscode.Range(2, 1, 2, 1));
    assert.deepStrictEqual(touching.map((e) => e.id), [222], 'the entry under a position, for its quick fixes');
    results.clear(document.uri);
    assert.deepStrictEqual(results.entriesOf(document.uri), []);
    assert.strictEqual(ours(other.uri).length, 1, 'another file keeps its results');
    results.clear();
    assert.deepStrictEqual(ours(other.uri), []);
    assert.deepStrictEqual(results.files(), []);
  });

  it('turns CANCELLING results CANCELLED once their own Vault lists the jobs done, and no others', async () => {
    const document = await documentWith('follow.csv', 'job_id\n501\n502\n503\n501\n504\n');
    const at = (text: string, nth = 0) => ({ id: Number(text), span: spanOfText(document, text, nth) });
    results.showOutcomes(document, [at('501'), at('502'), at('503'), at('501', 1), at('504')], runResult([
      [501, accepted], [502, accepted], [503, accepted],
      [504, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'Job [504] is not found in QUEUED or QUEUEING state' }],
    ]), vaultUrl);
    const job = (job_id: number, status: string) => ({ job_id, status, title: `Job ${job_id}` } as Job);
    const codes = () => results.entriesOf(document.uri).map((e) => `${document.getText().slice(e.span.start, e.span.end)}:${e.diagnostic.code as string}`);

    results.followActiveJobs({ vaultUrl: 'https://other.example.com/api/v25.3', jobs: [] });
    assert.deepStrictEqual(codes(), ['501:CANCELLING', '502:CANCELLING', '503:CANCELLING', '501:CANCELLING', '504:INVALID_DATA'], 'another Vault\'s listing changes nothing');

    // 501 no longer active, 502 listed CANCELLED, 503 still CANCELLING (or listed by a listing older than the cancel).
    results.followActiveJobs({ vaultUrl, jobs: [job(502, 'CANCELLED'), job(503, 'CANCELLING'), job(504, 'QUEUED')] });
    assert.deepStrictEqual(codes(), ['501:CANCELLED', '502:CANCELLED', '503:CANCELLING', '501:CANCELLED', '504:INVALID_DATA']);
    const messages = results.entriesOf(document.uri).map((e) => e.diagnostic.message);
    assert.strictEqual(messages[0], 'Job 501: Cancelled');
    assert.strictEqual(messages[3], 'Job 501: Cancelled (same ID as line 2)', 'a repeat keeps pointing at the first');
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => e.following !== undefined), [false, false, true, false, false], 'done ones are no longer followed');

    results.followActiveJobs({ vaultUrl, jobs: [] });
    assert.deepStrictEqual(codes(), ['501:CANCELLED', '502:CANCELLED', '503:CANCELLED', '501:CANCELLED', '504:INVALID_DATA']);
  });

  it('keeps diagnostics within what VS Code shows, the most actionable first, and says at the top how many more there are', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => 700000 + i);
    const document = await documentWith('many.csv', `job_id\n${ids.join('\n')}\n`);
    const offsets = ids.reduce<number[]>((all, _id, i) => [...all, i === 0 ? 'job_id\n'.length : all[i - 1] + String(ids[i - 1]).length + 1], []);
    const refused: CancelOutcome = { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'not found in QUEUED or QUEUEING state' };
    // 1,500 refused, then 300 failed and 200 accepted, the failed ones last in the file.
    const outcome = (i: number): CancelOutcome => (i < 1500 ? refused : i < 1700 ? accepted : { kind: 'failed', reason: 'HTTP 502' });
    results.showOutcomes(document, ids.map((id, i) => ({ id, span: { start: offsets[i], end: offsets[i] + String(id).length } })),
      runResult(ids.map((id, i) => [id, outcome(i)])), vaultUrl);

    assert.strictEqual(results.entriesOf(document.uri).length, 2000, 'every ID has its result');
    const diagnostics = ours(document.uri);
    assert.strictEqual(diagnostics.length, 1000, 'no more than VS Code shows, so that it drops none');
    const more = diagnostics.filter((d) => d.code === 'MORE_RESULTS');
    assert.strictEqual(more.length, 1);
    assert.strictEqual(more[0].range.start.line, 0, 'at the top of the file');
    assert.match(more[0].message, /^801 more cancel results that need action are not shown as problems .* Show Cancel Results lists every one\.$/);
    const shown = diagnostics.filter((d) => d !== more[0]);
    assert.strictEqual(shown.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 300, 'every failed one, though last in the file');
    assert.strictEqual(shown.filter((d) => d.code === 'INVALID_DATA').length, 699);
    assert.ok(shown.every((d) => Number(textOf(document, d)) >= 700000), 'each at its ID');

    // An edit keeps the limit, and the count follows the results that are left.
    const edit = new vscode.WorkspaceEdit();
    edit.delete(document.uri, new vscode.Range(1, 0, 101, 0)); // 100 refused IDs
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the count to follow', () => ours(document.uri).some((d) => d.code === 'MORE_RESULTS' && d.message.startsWith('701 more')) || undefined);
    assert.strictEqual(ours(document.uri).length, 1000);
    assert.strictEqual(results.entriesOf(document.uri).length, 1900);
  });
});

describe('the Cancel Results view (real documents, the extension\'s commands)', () => {
  let results: CancelResults;
  let tree: ResultsTreeProvider;

  beforeEach(() => {
    results = new CancelResults();
    tree = new ResultsTreeProvider(results);
  });
  afterEach(() => {
    tree.dispose();
    results.dispose();
  });

  it('lists every result by kind with counts, a page of rows at a time; a row opens its place; Copy Job IDs and the filter work on groups', async () => {
    const ids = Array.from({ length: 1205 }, (_, i) => 710000 + i);
    const document = await documentWith('view.csv', `job_id\n${ids.join('\n')}\nx\n`);
    const failed = ids.slice(0, 1200);
    const located = ids.map((id) => ({ id, span: spanOfText(document, String(id)) }));
    results.showProblems(document, [{ span: spanOfText(document, 'x'), message: 'x is not a job ID' }]);
    results.showOutcomes(document, located, runResult(ids.map((id, i) => [id, i < 1200 ? { kind: 'failed', reason: 'HTTP 502' } : accepted])), vaultUrl);

    const groups = tree.getChildren();
    const items = groups.map((g) => tree.getTreeItem(g));
    assert.deepStrictEqual(items.map((i) => [i.label, i.description, i.contextValue]), [
      ['Failed', '1200', 'resultGroup.retryable'], ['Not a job ID', '1', 'resultGroup'], ['Accepted', '5', 'resultGroup'],
    ]);
    const rows = tree.getChildren(groups[0]);
    assert.strictEqual(rows.length, 1001);
    const more = tree.getTreeItem(rows[1000]);
    assert.strictEqual(more.label, 'Show the other 200');
    const handlers = resultsViewCommands(tree);
    await handlers['vaultJobs.showMoreResults']?.(...((more.command?.arguments ?? []) as unknown[]));
    const all = tree.getChildren(tree.getChildren()[0]);
    assert.deepStrictEqual(all.map((row) => (row.type === 'result' ? row.result.entry.id : undefined)), failed, 'every failed ID once, in file order');

    const row = tree.getTreeItem(all[1199]);
    assert.strictEqual(row.label, String(failed[1199]));
    assert.strictEqual(row.description, `${document.uri.path.split('/').pop()}:1201 — Job ${failed[1199]}: Failed: HTTP 502`);
    assert.strictEqual(row.command?.command, 'vscode.open');
    const [uri, options] = row.command.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.strictEqual(uri.toString(), document.uri.toString());
    assert.strictEqual(document.getText(options.selection), String(failed[1199]), 'opens at the ID');
    assert.strictEqual(tree.getTreeItem(tree.getChildren(tree.getChildren()[1])[0]).label, 'x', 'text that is no ID is listed as written');

    await handlers['vaultJobs.copyResultIds']?.(tree.getChildren()[2]);
    assert.strictEqual(await vscode.env.clipboard.readText(), ids.slice(1200).join('\n'));

    await handlers['vaultJobs.filterResults']?.(String(failed[7]));
    const filtered: ResultsNode[] = tree.getChildren();
    assert.deepStrictEqual(filtered.map((g) => (g.type === 'resultGroup' ? [g.kind, g.results.map((r) => r.entry.id)] : [])), [['failed', [failed[7]]]]);
    assert.deepStrictEqual(tree.counts(), { listed: 1, total: 1206 });
    await handlers['vaultJobs.clearResultsFilter']?.();
    assert.deepStrictEqual(tree.counts(), { listed: 1206, total: 1206 });
  });
});
