// Test helpers: selections written as markers in the text itself, so a test reads like the document.
// `«` … `»` is a selection, `¦` a cursor (an empty selection): characters no fixture needs otherwise.
// Markers are removed from the text.
import * as assert from 'assert';
import type { Extraction, TextSpan } from '../../../src/core/ids';

export function marked(source: string, open = '«', close = '»', cursor = '¦'): { text: string; selections: TextSpan[] } {
  let text = '';
  const selections: TextSpan[] = [];
  let openAt = -1;
  for (const ch of source) {
    if (ch === open) openAt = text.length;
    else if (ch === close) {
      selections.push({ start: openAt, end: text.length });
      openAt = -1;
    } else if (ch === cursor) selections.push({ start: text.length, end: text.length });
    else text += ch;
  }
  return { text, selections };
}

/** What a user would see: each ID with the text at its range, each problem with its text. */
export function readable(text: string, r: Extraction): { ids: [number, string][]; problems: [string, string][] } {
  return {
    ids: r.occurrences.map((o) => [o.id, text.slice(o.range.start, o.range.end)]),
    problems: r.problems.map((p) => [text.slice(p.range.start, p.range.end), p.message]),
  };
}

export const all = (text: string): TextSpan[] => [{ start: 0, end: text.length }];

/** Every range non-empty, inside the text, in document order, and each ID's range exactly its digits. */
export function assertWellFormed(text: string, r: Extraction, label = ''): void {
  for (const list of [r.occurrences, r.problems]) {
    let previous = -1;
    for (const { range } of list) {
      assert.ok(range.start >= 0 && range.start < range.end && range.end <= text.length, `${label}: range ${JSON.stringify(range)} in ${text.length}`);
      assert.ok(range.start > previous, `${label}: order`);
      previous = range.start;
    }
  }
  for (const o of r.occurrences) assert.strictEqual(text.slice(o.range.start, o.range.end).replace(/^0+(?=\d)/, ''), String(o.id), label);
}
