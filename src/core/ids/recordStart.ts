// Where to start tokenizing for a selection in the middle of a large CSV. Whether an offset is inside
// a quoted field (where a line break is data, not a record end) depends on every quote before it, so
// a tokenizer cannot simply start at the previous line break. This scan reproduces exactly the
// tokenizer's quote rules (a quote opens a field only at a field start; "" inside is an escape) but
// jumps from quote to quote with indexOf instead of visiting every character, and looks for line
// breaks only in the unquoted gaps between them: for a selection at the end of a large export, a
// fraction of the time tokenizing the same prefix takes (bench/ids.bench.ts; figures in the README's
// Benchmarks). test/unit/ids/csvDifferential.test.ts
// checks it against the tokenizer's own record starts at every offset of random texts.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The start offset of the record that contains `target`, scanning from `from` (a record start). */
export function recordStartAt(text: string, delimiter: string, from: number, target: number): number {
  const delim = delimiter.charCodeAt(0);
  let pos = from;
  // The last unquoted gap known to hold a line break: searched backwards once, at the end. The next
  // line break of each kind at or after `pos` is cached, so telling whether a gap holds one costs a
  // comparison, and the whole scan stays linear even on a 1 MB line full of quotes.
  let breakGapEnd = -1;
  let nextLf = -1;
  let nextCr = -1;
  const noteGap = (end: number): void => {
    if (nextLf < pos) nextLf = indexOrInfinity(text, '\n', pos);
    if (nextCr < pos) nextCr = indexOrInfinity(text, '\r', pos);
    if (nextLf < end || nextCr < end) breakGapEnd = end;
  };
  const recordStart = (): number => {
    if (breakGapEnd < 0) return from;
    // One of the two is inside the gap, and anything inside it is later than anything before it.
    return Math.max(text.lastIndexOf('\n', breakGapEnd - 1), text.lastIndexOf('\r', breakGapEnd - 1)) + 1;
  };
  for (;;) {
    const q = text.indexOf('"', pos);
    if (q < 0 || q >= target) {
      noteGap(target);
      return recordStart();
    }
    noteGap(q);
    // The character before a quote we reach is never inside a quoted field: a delimiter or a line
    // break there means the quote starts a field.
    const prev = q === from ? -1 : text.charCodeAt(q - 1);
    if (q !== from && prev !== delim && prev !== LF && prev !== CR) {
      pos = q + 1; // a literal quote inside an unquoted field
      continue;
    }
    let close = text.indexOf('"', q + 1);
    while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
    // Never closed, or closing at or after the target: the target is inside this quoted field.
    if (close < 0 || close >= target) return recordStart();
    pos = close + 1;
  }
}

function indexOrInfinity(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? Infinity : i;
}
