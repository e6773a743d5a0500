// Where to start tokenizing for a selection in the middle of a large CSV. Whether an offset is inside
// a quoted field (where a line break is data, not a record end) depends on every quote before it, so
// a tokenizer cannot simply start at the previous line break. This scan reproduces exactly the
// tokenizer's quote rules (a quote opens a field only at a field start; "" inside is an escape) but
// jumps from quote to quote with indexOf instead of visiting every character, and looks for line
// breaks only in the unquoted gaps between them. bench/ids.bench.ts measures what it saves for a
// 1,000-row selection at the end of a 100 MB file; test/unit/ids/recordStart.test.ts checks it
// against the tokenizer's own record starts.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The start offset of the record that contains `target`, scanning from `from` (a record start). */
export function recordStartAt(text: string, delimiter: string, from: number, target: number): number {
  const delim = delimiter.charCodeAt(0);
  let recordStart = from;
  let pos = from;
  // The next line break of each kind at or after `pos`, cached so that a long run of quotes on one
  // line never makes lastIndexOf walk back over the same text again and again.
  let nextLf = -1;
  let nextCr = -1;
  const lastBreakBefore = (end: number): void => {
    if (nextLf !== Infinity && nextLf < pos) nextLf = indexOrInfinity(text, '\n', pos);
    if (nextCr !== Infinity && nextCr < pos) nextCr = indexOrInfinity(text, '\r', pos);
    let last = -1;
    if (nextLf < end) last = text.lastIndexOf('\n', end - 1);
    if (nextCr < end) last = Math.max(last, text.lastIndexOf('\r', end - 1));
    if (last >= 0) recordStart = last + 1;
  };
  for (;;) {
    const q = text.indexOf('"', pos);
    if (q < 0 || q >= target) {
      lastBreakBefore(target);
      return recordStart;
    }
    lastBreakBefore(q);
    const prev = q === recordStart ? -1 : text.charCodeAt(q - 1);
    if (q !== recordStart && prev !== delim && prev !== LF && prev !== CR) {
      pos = q + 1; // a literal quote inside an unquoted field
      continue;
    }
    let close = text.indexOf('"', q + 1);
    while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
    // Never closed, or closing at or after the target: the target is inside this quoted field.
    if (close < 0 || close >= target) return recordStart;
    pos = close + 1;
  }
}

function indexOrInfinity(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? Infinity : i;
}
