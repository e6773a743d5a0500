// IDs typed in the palette: separated by commas, semicolons, spaces or lines. Everything typed was
// meant as an ID, so every token that is not one is a problem (unlike plain text in a file, where
// words are just words). Digits joined by separators are read by the rule of digitGroups.ts, so
// `1,046,892` is one problem, not jobs 1, 46 and 892; invisible characters and the spaces that only
// group digits (no-break, thin, narrow no-break) separate nothing: inside a token they make it a
// problem, at its edges they are dropped.
import { groupedNumberMessage, groupsOnly, hiddenWidthAt, plainIdAt, writtenVerdict } from './jobId';
import { Collector } from './collector';
import { continuesChain, groupedNumberEnd, isDottedGroups } from './digitGroups';
import type { Extraction } from './types';

/** Whitespace as `\s` knows it (the IDs box may hold text pasted from anywhere), but for the spaces
 * that only group digits, a comma or a semicolon. */
function isSeparator(c: number): boolean {
  return c === 44 || c === 59 || c === 32 || (c >= 9 && c <= 13) || c === 0x1680 || (c >= 0x2000 && c <= 0x2006) || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

/** Width of a character dropped at a token's edge: an invisible one or a space that groups digits. */
function edgeWidthAt(input: string, i: number): number {
  const c = input.charCodeAt(i);
  return c !== 39 && c !== 0x2019 && groupsOnly(c) ? 1 : hiddenWidthAt(input, i);
}

export function parseTypedIds(input: string): Extraction {
  const out = new Collector();
  const goesOn = (i: number) => !isSeparator(input.charCodeAt(i)) && edgeWidthAt(input, i) === 0;
  // Scanned by hand: a regular expression's match objects cost more than the IDs on a long paste.
  for (let i = 0; i < input.length && !out.full; ) {
    while (i < input.length && (isSeparator(input.charCodeAt(i)) || edgeWidthAt(input, i) > 0)) i += Math.max(1, edgeWidthAt(input, i));
    const start = i;
    if (start === input.length) break;
    const grouped = continuesChain(input, start) ? -1 : groupedNumberEnd(input, start, goesOn);
    if (grouped > 0) {
      out.problem(start, grouped, groupedNumberMessage(input.slice(start, grouped)));
      i = grouped;
      continue;
    }
    while (i < input.length && !isSeparator(input.charCodeAt(i))) i++;
    let end = i;
    for (let w = edgeBefore(input, end, start); w > 0; w = edgeBefore(input, end, start)) end -= w;
    const id = input.charCodeAt(start) === 48 ? -1 : plainIdAt(input, start, end);
    if (id > 0) out.addId(id, start, end);
    else if (isDottedGroups(input, start, end)) out.problem(start, end, groupedNumberMessage(input.slice(start, end)));
    else out.add(writtenVerdict(input, start, end));
  }
  return out.finish();
}

/** Width of the edge character (see `edgeWidthAt`) ending at `end`, after `start`, or 0. */
function edgeBefore(input: string, end: number, start: number): number {
  if (end <= start) return 0;
  const c = input.charCodeAt(end - 1);
  const pair = c >= 0xdc00 && c <= 0xdfff && end - 2 >= start;
  return pair && hiddenWidthAt(input, end - 2) === 2 ? 2 : edgeWidthAt(input, end - 1) === 1 ? 1 : 0;
}
