import * as assert from 'assert';
import { shiftSpan } from '../../../src/core/ids/spanShift';

const insert = (at: number, length: number) => ({ rangeOffset: at, rangeLength: 0, insertedLength: length });
const replace = (at: number, removed: number, inserted: number) => ({ rangeOffset: at, rangeLength: removed, insertedLength: inserted });

describe('shiftSpan: a result span through edits', () => {
  const span = { start: 10, end: 15 };

  it('moves with edits before it, by what they add or remove', () => {
    assert.deepStrictEqual(shiftSpan(span, [insert(0, 3)]), { start: 13, end: 18 });
    assert.deepStrictEqual(shiftSpan(span, [replace(2, 6, 1)]), { start: 5, end: 10 });
    assert.deepStrictEqual(shiftSpan(span, [insert(0, 2), replace(4, 1, 0)]), { start: 11, end: 16 }, 'several edits of one event add up');
  });

  it('stays put for edits after it', () => {
    assert.deepStrictEqual(shiftSpan(span, [insert(20, 5), replace(15, 3, 0)]), span);
  });

  it('moves for an insertion exactly at its start and stays for one exactly at its end', () => {
    assert.deepStrictEqual(shiftSpan(span, [insert(10, 1)]), { start: 11, end: 16 });
    assert.deepStrictEqual(shiftSpan(span, [insert(15, 1)]), span);
  });

  it('is gone when an edit touches the text under it', () => {
    assert.strictEqual(shiftSpan(span, [insert(12, 1)]), undefined, 'typing inside');
    assert.strictEqual(shiftSpan(span, [replace(14, 1, 1)]), undefined, 'replacing its last character');
    assert.strictEqual(shiftSpan(span, [replace(8, 3, 3)]), undefined, 'a replacement overlapping its start');
    assert.strictEqual(shiftSpan(span, [replace(0, 30, 0)]), undefined, 'deleting around it');
    assert.strictEqual(shiftSpan(span, [insert(0, 4), insert(13, 1)]), undefined, 'offsets refer to the text before the event');
  });

  it('moves to the very start when everything before it is deleted', () => {
    assert.deepStrictEqual(shiftSpan(span, [replace(0, 10, 0)]), { start: 0, end: 5 });
  });
});
