// The JSON reader reads long runs of list entries, comments and stray characters by hand instead of
// token by token through jsonc-parser's scanner (jsonParse.ts). On seeded random damaged documents,
// whole and cut, both readings must give the same objects, list entries, syntax errors and counts,
// and the same extraction for random selections.
import * as assert from 'assert';
import { parseJson, type JsonObjects } from '../../../src/core/ids/jsonParse';
import { extractJson } from '../../../src/core/ids/jsonSelection';
import { normalizeSelections, SelectionIndex } from '../../../src/core/ids/spans';
import type { TextSpan } from '../../../src/core/ids';
import { seededRandom } from '../../simulator/seededRandom';
import { randomDamagedJson } from './random';

function randomSelections(r: () => number, length: number): TextSpan[] {
  if (r() < 0.3) return [{ start: 0, end: length }];
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const a = Math.floor(r() * (length + 1));
    return { start: a, end: r() < 0.3 ? a : Math.floor(r() * (length + 1)) };
  });
}

function columns(o: JsonObjects) {
  const n = o.count;
  return {
    n, start: [...o.start.subarray(0, n)], end: [...o.end.subarray(0, n)], parent: [...o.parent.subarray(0, n)], listed: [...o.listed.subarray(0, n)],
    cutOff: [...o.cutOff.subarray(0, n)], slotRank: [...o.slotRank.subarray(0, n)], slotStart: [...o.slotStart.subarray(0, n)],
    slotEnd: [...o.slotEnd.subarray(0, n)], slotKind: [...o.slotKind.subarray(0, n)], containerKeys: [...o.containerKeys],
  };
}

/** Everything a parse passes on, with every entry passed one by one (the sink never counts). */
function parsed(text: string, strict: boolean, sels: TextSpan[], byHand: boolean) {
  const index = new SelectionIndex(normalizeSelections(sels, text.length));
  const entries: number[][] = [];
  const { objects, errors, unlistedErrors } = parseJson(text, strict, {
    touches: (start, end) => index.touches(start, end),
    coveredUntil: (at) => index.coveredUntil(at),
    listEntry: (start, end, kind) => {
      entries.push([start, end, kind]);
      return false;
    },
    countEntries: () => assert.fail('counted without being allowed to'),
  }, byHand);
  return { objects: columns(objects), errors, unlistedErrors, entries };
}

describe('JSON read by hand and through the scanner', function () {
  this.timeout(120000);

  it('give the same entries, errors and objects, and the same extraction, on damaged documents', () => {
    let byHandRead = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const r = seededRandom(seed);
      const text = randomDamagedJson(r);
      const sels = randomSelections(r, text.length);
      for (const strict of [true, false]) {
        const label = `seed ${seed} ${strict ? 'json' : 'jsonc'} ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)} ${JSON.stringify(sels)}`;
        assert.deepStrictEqual(parsed(text, strict, sels, true), parsed(text, strict, sels, false), label);
        const byHand = extractJson(text, strict, sels, true);
        const scanned = extractJson(text, strict, sels, false);
        assert.deepStrictEqual(
          { occurrences: byHand.occurrences, problems: byHand.problems, problemCount: byHand.problemCount, tooManyValues: byHand.tooManyValues },
          { occurrences: scanned.occurrences, problems: scanned.problems, problemCount: scanned.problemCount, tooManyValues: scanned.tooManyValues },
          label,
        );
        if (byHand.problemCount > 1000) byHandRead++;
      }
    }
    // The runs do reach past the problems listed, where the counting by hand starts.
    assert.ok(byHandRead > 100, String(byHandRead));
  });

  it('count each [1 1 1 entry and each /*/ comment error of a long line past those listed', () => {
    for (const [text, strict] of [[`[${'1 '.repeat(20000)}]`, true], ['/*'.repeat(20000), false], [`[${'"\\x",'.repeat(20000)}]`, true], [`{"x": [${'1 '.repeat(20000)}]}`, true]] as const) {
      for (const sels of [[{ start: 0, end: text.length }], [{ start: 7, end: text.length - 7 }], [{ start: 3, end: 9000 }, { start: 9000, end: 30000 }, { start: 20, end: 20 }]]) {
        const byHand = extractJson(text, strict, sels, true);
        const scanned = extractJson(text, strict, sels, false);
        assert.strictEqual(byHand.problemCount, scanned.problemCount, `${text.slice(0, 10)} ${JSON.stringify(sels)}`);
        assert.deepStrictEqual(byHand.problems, scanned.problems);
      }
    }
  });
});
