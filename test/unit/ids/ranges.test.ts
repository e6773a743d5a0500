// Properties of every extraction on random input: each range covers exactly its ID's digits (UTF-16
// offsets, with astral characters, BOMs and every line ending around), results are in document order
// without repeats, and a selection never yields less than the cursors inside it would say about the
// cells it fully covers.
import * as assert from 'assert';
import { extractJobIds, type Extraction, type TextSpan } from '../../../src/core/ids';
import { randomCsv } from './random';
import { seededRandom } from '../../simulator/seededRandom';

function checkShape(text: string, r: Extraction, label: string): void {
  for (const o of r.occurrences) {
    const digits = text.slice(o.range.start, o.range.end);
    assert.match(digits, /^\d+$/, label);
    assert.strictEqual(Number(digits), o.id, label);
    assert.ok(o.id >= 1 && o.id <= Number.MAX_SAFE_INTEGER, label);
  }
  for (const list of [r.occurrences, r.problems]) {
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].range.start < list[i].range.start, `${label}: order`);
  }
}

describe('ranges and order on random input', () => {
  it('CSV: exact digits, document order, no repeats, with random selections and cursors', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const { text } = randomCsv(seed, seed % 3 === 0);
      const r = seededRandom(seed * 7);
      const selections: TextSpan[] = [];
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) {
        const a = Math.floor(r() * (text.length + 1));
        const b = r() < 0.3 ? a : Math.floor(r() * (text.length + 1));
        selections.push({ start: a, end: b });
      }
      for (const format of ['csv', 'plaintext'] as const) {
        checkShape(text, extractJobIds(text, format, selections), `seed ${seed} ${format}`);
      }
    }
  });

  it('CSV: two selections give the union of what each gives alone', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { text } = randomCsv(seed, false);
      const r = seededRandom(seed * 13);
      const one = { start: Math.floor(r() * text.length), end: 0 };
      one.end = one.start + Math.floor(r() * (text.length - one.start + 1));
      const two = { start: Math.floor(r() * text.length), end: 0 };
      two.end = two.start;
      const ranges = (e: Extraction) => e.occurrences.map((o) => o.range.start);
      const union = [...new Set([...ranges(extractJobIds(text, 'csv', [one])), ...ranges(extractJobIds(text, 'csv', [two]))])].sort((a, b) => a - b);
      assert.deepStrictEqual(ranges(extractJobIds(text, 'csv', [one, two])), union, `seed ${seed}`);
    }
  });

  it('JSON: exact digits with astral characters and CRLF before every ID', () => {
    const jobs = Array.from({ length: 50 }, (_, i) => `{"title": "${'🚀'.repeat(i % 4)}é\\"x", "job_id": ${1000 + i}, "created_by": ${60000 + i}}`);
    const text = `\ufeff{"data": [\r\n${jobs.join(',\r\n')}\r\n]}`;
    const r = extractJobIds(text, 'json', [{ start: 0, end: text.length }]);
    checkShape(text, r, 'json');
    assert.deepStrictEqual(r.occurrences.map((o) => o.id), jobs.map((_, i) => 1000 + i));
    assert.deepStrictEqual(r.problems, []);
  });
});
