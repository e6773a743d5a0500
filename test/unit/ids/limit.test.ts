// The most job IDs one selection yields (collector.ts): up to it every ID counts, beyond it nothing
// does and one problem says so where the limit is passed, whatever the format or the order in which
// the extractor meets the values. Problems are listed up to their own limit and counted beyond it. Inputs hold the limit's worth of values, so the timeout is generous
// (it makes a hang fail; it does not measure).
import * as assert from 'assert';
import { extractJobIds, MOST_PROBLEMS_LISTED, MOST_VALUES_PER_SELECTION, parseTypedIds, type Extraction } from '../../../src/core/ids';
import { all, assertWellFormed } from './helpers';

const MOST = MOST_VALUES_PER_SELECTION;

/** `count` one-digit IDs, each followed by `separator`. */
const ids = (count: number, separator: string) => `7${separator}`.repeat(count);

function assertRefused(text: string, r: Extraction, valueAt: number, valueEnd: number): void {
  assert.strictEqual(r.tooManyValues, true);
  assert.strictEqual(r.idCount, 0);
  assert.deepStrictEqual(r.occurrences, []);
  assert.deepStrictEqual(r.problems.map((p) => p.range), [{ start: valueAt, end: valueEnd }], text.slice(valueAt, valueEnd));
  assert.ok(r.problems[0].message.includes(`one run takes at most ${MOST.toLocaleString('en-US')}. Select fewer`), r.problems[0].message);
}

describe('job IDs: the most values one selection yields', function () {
  this.timeout(60000);

  it('is far above any export or crisis', () => {
    assert.ok(MOST > 1_200_000, 'a 100 MB history export holds 1.1 million IDs');
  });

  const readers = {
    csv: (text: string) => extractJobIds(text, 'csv', all(text)),
    plaintext: (text: string) => extractJobIds(text, 'plaintext', all(text)),
    typed: (text: string) => parseTypedIds(text),
  };
  for (const [name, read] of Object.entries(readers)) {
    it(`${name}: exactly the limit counts every ID; one more is one problem at that one, nothing to cancel`, () => {
      const atLimit = ids(MOST, ',');
      const r = read(atLimit);
      assert.strictEqual(r.idCount, MOST);
      assert.strictEqual(r.tooManyValues, undefined);
      assert.deepStrictEqual(r.problems, []);
      const over = `${atLimit}123,7,`;
      assertRefused(over, read(over), atLimit.length, atLimit.length + 3);
    });
  }

  it('typed: problems do not count toward the limit (they are never sent); the first are listed, the rest counted', () => {
    const text = 'x 7 '.repeat(MOST / 2) + 'y 8';
    const r = parseTypedIds(text);
    assert.strictEqual(r.tooManyValues, undefined);
    assert.strictEqual(r.idCount, MOST / 2 + 1);
    assert.strictEqual(r.problemCount, MOST / 2 + 1);
    assert.strictEqual(r.problems.length, MOST_PROBLEMS_LISTED + 1);
    const summary = r.problems[MOST_PROBLEMS_LISTED];
    assert.deepStrictEqual(summary.range, { start: 4 * MOST_PROBLEMS_LISTED, end: 4 * MOST_PROBLEMS_LISTED + 1 });
    assert.ok(summary.message.startsWith(`${(MOST / 2 + 1 - MOST_PROBLEMS_LISTED).toLocaleString('en-US')} more problems`), summary.message);
  });

  it('plain text: words that are not candidates do not count', () => {
    const text = 'a 7 '.repeat(MOST);
    const r = extractJobIds(text, 'plaintext', all(text));
    assert.strictEqual(r.idCount, MOST);
    assertWellFormed(text, r);
  });

  it('JSON met out of document order: the limit is decided on the values in document order', () => {
    // The object's job_id is met before the list's entries, which come first in the text.
    const list = (count: number) => `{"ids": [${'7,'.repeat(count - 1)}7], "job_id": 123}`;
    const under = list(MOST - 1);
    const r = extractJobIds(under, 'json', all(under));
    assert.strictEqual(r.idCount, MOST);
    assert.strictEqual(r.occurrences[MOST - 1].id, 123);
    const over = list(MOST);
    const at = over.lastIndexOf('123');
    assertRefused(over, extractJobIds(over, 'json', all(over)), at, at + 3);
  });

});
