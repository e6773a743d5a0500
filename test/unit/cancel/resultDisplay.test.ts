// Which results become diagnostics when a file holds more than VS Code keeps, and how the view groups
// and filters them.
import * as assert from 'assert';
import { diagnosticsToShow, entriesWithin, groupByKind, mergeResults, needsAction, resultMatches, type ResultKind } from '../../../src/core/cancel';

const at = (kind: ResultKind, start: number) => ({ kind, span: { start, end: start + 3 } });

describe('result display', () => {
  it('keeps every result that needs action when they fit, most actionable first, none for accepted', () => {
    const entries = [at('accepted', 0), at('notEligible', 10), at('failed', 20), at('problem', 30), at('unknown', 40), at('notSent', 50), at('invalidInput', 60)];
    const { shown, hidden } = diagnosticsToShow(entries, 10);
    assert.deepStrictEqual(shown.map((e) => e.kind), ['failed', 'unknown', 'notSent', 'notEligible', 'invalidInput', 'problem']);
    assert.strictEqual(hidden, 0);
    assert.ok(!needsAction('accepted'));
  });

  it('past the limit keeps room for the summary: the most actionable in file order, and how many more there are', () => {
    const entries = [
      ...Array.from({ length: 1500 }, (_, i) => at('notEligible', i * 10)),
      ...Array.from({ length: 300 }, (_, i) => at('failed', 20_000 + i * 10)),
      ...Array.from({ length: 133 }, (_, i) => at('accepted', 40_000 + i * 10)),
      at('unknown', 5),
    ];
    const { shown, hidden } = diagnosticsToShow(entries, 1000);
    assert.strictEqual(shown.length, 999, 'one place left for the summary');
    assert.strictEqual(hidden, 1801 - 999);
    assert.deepStrictEqual(shown.slice(0, 301).map((e) => e.kind), [...Array<string>(300).fill('failed'), 'unknown']);
    assert.ok(shown.slice(301).every((e) => e.kind === 'notEligible'));
    assert.deepStrictEqual(shown.slice(301, 304).map((e) => e.span.start), [0, 10, 20], 'in file order within a kind');
    assert.ok(shown.every((e) => e.kind !== 'accepted'));
  });

  it('exactly at the limit needs no summary', () => {
    const { shown, hidden } = diagnosticsToShow(Array.from({ length: 1000 }, (_, i) => at('failed', i)), 1000);
    assert.deepStrictEqual([shown.length, hidden], [1000, 0]);
  });

  it('groups by kind in urgency order, accepted last, leaving out empty kinds', () => {
    const groups = groupByKind([at('accepted', 0), at('failed', 1), at('accepted', 2), at('notSent', 3)]);
    assert.deepStrictEqual(groups.map((g) => [g.kind, g.entries.map((e) => e.span.start)]), [['failed', [1]], ['notSent', [3]], ['accepted', [0, 2]]]);
    assert.deepStrictEqual(groupByKind([]), []);
  });

  it('filters by every word, in any case, across the ID, the outcome and the file', () => {
    const entry = { id: 1046892, text: 'Not eligible for cancellation: Job [1046892] is not found in QUEUED state', file: 'jobs.csv' };
    assert.ok(resultMatches('', entry));
    assert.ok(resultMatches('  ', entry));
    assert.ok(resultMatches('104689', entry));
    assert.ok(resultMatches('queued JOBS.csv', entry));
    assert.ok(!resultMatches('queued other.csv', entry));
    assert.ok(resultMatches('not', { text: 'Not a valid job ID: x', file: 'a.txt' }), 'an entry without an ID');
  });
});

describe('results within a window of a file', () => {
  const sorted = Array.from({ length: 1000 }, (_, i) => ({ span: { start: i * 10, end: i * 10 + 4 } }));

  it('finds exactly the entries that reach into the window, by their offsets', () => {
    assert.deepStrictEqual(entriesWithin(sorted, 95, 125).map((e) => e.span.start), [100, 110, 120]);
    assert.deepStrictEqual(entriesWithin(sorted, 103, 111).map((e) => e.span.start), [100, 110], 'one that starts before the window and ends in it');
    assert.deepStrictEqual(entriesWithin(sorted, 104, 110), [], 'a gap between entries');
    assert.strictEqual(entriesWithin(sorted, 0, 10_000).length, 1000);
    assert.deepStrictEqual(entriesWithin(sorted, 20_000, 30_000), []);
    assert.deepStrictEqual(entriesWithin([], 0, 10), []);
  });
});

describe('results of a run merged with the earlier ones of a file', () => {
  const result = (start: number, end: number, run: string) => ({ span: { start, end }, run });

  it('replaces earlier results at the places of the new ones, keeps the others, in file order', () => {
    const earlier = [result(0, 3, 'a'), result(10, 13, 'a'), result(20, 23, 'a'), result(30, 33, 'a')];
    const added = [result(21, 22, 'b'), result(10, 13, 'b'), result(40, 43, 'b'), result(5, 8, 'b')]; // in any order
    assert.deepStrictEqual(mergeResults(earlier, added).map((r) => `${r.span.start}${r.run}`), ['0a', '5b', '10b', '21b', '30a', '40b']);
    assert.deepStrictEqual(mergeResults([], added).length, 4);
    assert.deepStrictEqual(mergeResults(earlier, []), earlier);
  });

  it('touching is not overlapping', () => {
    assert.deepStrictEqual(mergeResults([result(0, 3, 'a'), result(6, 9, 'a')], [result(3, 6, 'b')]).map((r) => r.run), ['a', 'b', 'a']);
  });
});
