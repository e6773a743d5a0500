// CancelResults on its own: the diagnostics it builds from outcomes, how they follow edits, and how
// later runs and Clear replace them. Real documents, real diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CancelResults } from '../../../src/ext/cancel/cancelResults';
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

  it('pins each outcome at its occurrence with its severity and code; a repeat points at the first', async () => {
    const document = await documentWith('pins.csv', 'job_id,title\n101,"Ünïcode ✓"\n202,b\n101,again\n303,x\n');
    const at = (text: string, nth = 0) => ({ id: Number(text), span: spanOfText(document, text, nth) });
    results.showProblems(document, [{ span: spanOfText(document, 'again'), message: 'again is not a job ID' }]);
    results.showOutcomes(document, [at('101'), at('202'), at('101', 1), at('303')], runResult([
      [101, accepted],
      [202, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'Job [202] is not found in QUEUED or QUEUEING state' }],
      [303, { kind: 'failed', reason: 'HTTP 502', errorType: undefined }],
    ]), vaultUrl);
    const diagnostics = ours(document.uri);
    const summary = diagnostics.map((d) => [document.getText(d.range), vscode.DiagnosticSeverity[d.severity], d.code]);
    assert.deepStrictEqual(summary, [
      ['101', 'Information', 'CANCELLING'], ['202', 'Warning', 'INVALID_DATA'], ['101', 'Information', 'CANCELLING'],
      ['again', 'Warning', 'INVALID_JOB_ID'], ['303', 'Error', 'FAILED'],
    ]);
    const repeat = diagnostics[2];
    assert.match(repeat.message, /^Job 101: .*\(same ID as line 2\)$/);
    assert.strictEqual(repeat.relatedInformation?.[0].location.range.start.line, 1, 'points at the first occurrence');
    assert.match(diagnostics[1].message, /Job \[202\] is not found/);
  });

  it('moves results with edits before them, keeps them for edits after, and drops one whose text changes', async () => {
    const document = await documentWith('edits.csv', 'job_id\n111\n222\n333\n');
    results.showOutcomes(document, ['111', '222', '333'].map((text) => ({ id: Number(text), span: spanOfText(document, text) })),
      runResult([[111, accepted], [222, accepted], [333, accepted]]), vaultUrl);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# exported\n'); // before all of them
    edit.replace(document.uri, new vscode.Range(2, 1, 2, 2), '9'); // inside 222
    edit.insert(document.uri, new vscode.Position(4, 0), '\n'); // after all of them
    assert.ok(await vscode.workspace.applyEdit(edit));
    const left = await waitFor('the results to follow the edit', () => {
      const d = ours(document.uri);
      return d.length === 2 ? d : undefined;
    });
    assert.deepStrictEqual(left.map((d) => [d.range.start.line, document.getText(d.range)]), [[2, '111'], [4, '333']]);
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => document.getText().slice(e.span.start, e.span.end)), ['111', '333'], 'the spans moved too');
  });

  it('replaces earlier results at the same places, keeps the others, and clears per file or all', async () => {
    const document = await documentWith('again.csv', 'job_id\n111\n222\n');
    const other = await documentWith('other.csv', 'job_id\n333\n');
    const spanOf = (text: string) => ({ id: Number(text), span: spanOfText(document, text) });
    results.showOutcomes(document, [spanOf('111'), spanOf('222')], runResult([[111, { kind: 'notSent', reason: 'stopped' }], [222, accepted]]), vaultUrl);
    results.showOutcomes(document, [spanOf('111')], runResult([[111, accepted]]), vaultUrl);
    results.showOutcomes(other, [{ id: 333, span: spanOfText(other, '333') }], runResult([[333, accepted]]), vaultUrl);
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => [e.id, e.kind]), [[111, 'accepted'], [222, 'accepted']]);
    const touching = results.entriesAt(document, new vscode.Range(2, 1, 2, 1));
    assert.deepStrictEqual(touching.map((e) => e.id), [222], 'the entry under a position, for its quick fixes');
    results.clear(document.uri);
    assert.deepStrictEqual(ours(document.uri), []);
    assert.strictEqual(ours(other.uri).length, 1, 'another file keeps its results');
    results.clear();
    assert.deepStrictEqual(ours(other.uri), []);
  });

  it('turns CANCELLING results CANCELLED once their own Vault lists the jobs done, and no others', async () => {
    const document = await documentWith('follow.csv', 'job_id\n501\n502\n503\n501\n504\n');
    const at = (text: string, nth = 0) => ({ id: Number(text), span: spanOfText(document, text, nth) });
    results.showOutcomes(document, [at('501'), at('502'), at('503'), at('501', 1), at('504')], runResult([
      [501, accepted], [502, accepted], [503, accepted],
      [504, { kind: 'notEligible', errorType: 'INVALID_DATA', message: 'Job [504] is not found in QUEUED or QUEUEING state' }],
    ]), vaultUrl);
    const job = (job_id: number, status: string) => ({ job_id, status, title: `Job ${job_id}` } as Job);
    const codes = () => ours(document.uri).map((d) => `${document.getText(d.range)}:${d.code as string}`);

    results.followActiveJobs({ vaultUrl: 'https://other.example.com/api/v25.3', jobs: [] });
    assert.deepStrictEqual(codes(), ['501:CANCELLING', '502:CANCELLING', '503:CANCELLING', '501:CANCELLING', '504:INVALID_DATA'], 'another Vault\'s listing changes nothing');

    // 501 no longer active, 502 listed CANCELLED, 503 still CANCELLING (or listed by a listing older than the cancel).
    results.followActiveJobs({ vaultUrl, jobs: [job(502, 'CANCELLED'), job(503, 'CANCELLING'), job(504, 'QUEUED')] });
    assert.deepStrictEqual(codes(), ['501:CANCELLED', '502:CANCELLED', '503:CANCELLING', '501:CANCELLED', '504:INVALID_DATA']);
    const messages = ours(document.uri).map((d) => d.message);
    assert.strictEqual(messages[0], 'Job 501: Cancelled');
    assert.strictEqual(messages[3], 'Job 501: Cancelled (same ID as line 2)', 'a repeat keeps pointing at the first');
    assert.deepStrictEqual(results.entriesOf(document.uri).map((e) => e.following !== undefined), [false, false, true, false, false], 'done ones are no longer followed');

    results.followActiveJobs({ vaultUrl, jobs: [] });
    assert.deepStrictEqual(codes(), ['501:CANCELLED', '502:CANCELLED', '503:CANCELLED', '501:CANCELLED', '504:INVALID_DATA']);
  });
});
