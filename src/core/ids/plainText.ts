// Plain text (any other file): integer tokens count. A token is a run of letters, digits and
// `_ . : / + -`, so that words, versions, dates and times ("v2", "1.2.3", "2024-05-01", "12:30") stay
// whole and are not mistaken for IDs; a trailing `.` or `:` ends a sentence or a label and is not part
// of the token ("job 123." means 123). Letters and digits are whole code points, so an astral letter
// next to digits ("𝐀123") is part of the word for a cursor exactly as for select-all.
//
// Which tokens count and which are problems:
// - a token a selection touches counts when it is an ID;
// - a token written like a number that is not a job ID (12.5, -3, 1e6, 0x1F, too large) is a problem
//   only when one selection covers all of it: a cursor in it, or a drag across part of it, selects
//   text, not a value, and nobody meant that as an ID. Any other word is simply not a candidate.
//
// Selections are swept in one pass over the text they reach, whatever their number: 20,000 cursors
// in one long word read that word once.
import { classify, isNumberLike, plainIdAt, type Verdict } from './jobId';
import { Collector } from './collector';
import { normalizeSelections, SelectionSweep } from './spans';
import type { Extraction, TextSpan } from './types';

/** Letters, digits, `_ . : / + -`, by code point; checked without a regular expression for ASCII. */
const NON_ASCII_TOKEN_CHAR = /^[\p{L}\p{N}]$/u;

/** 1 for the ASCII token characters, by code: a table, as every character of the text is looked up. */
const ASCII_TOKEN = new Uint8Array(128).map((_, c) =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 47 || c === 43 || c === 45 ? 1 : 0);

/** Width (1 or 2 code units) of the token character starting at `i`, or 0. */
function tokenCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_TOKEN[c];
  const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return NON_ASCII_TOKEN_CHAR.test(text.slice(i, i + width)) ? width : 0;
}

/** Width of the token character ending just before `i`, or 0. */
function tokenCharBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c < 128) return ASCII_TOKEN[c];
  const width = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? 2 : 1;
  return NON_ASCII_TOKEN_CHAR.test(text.slice(i - width, i)) ? width : 0;
}

/** The token's value: without the `.` or `:` that ends a sentence or a label. */
function valueEnd(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 58)) end--;
  return end;
}

/** Whether a token starting with this character can be written like a number: a word cannot. */
function mayStartNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

export function tokenVerdict(text: string, start: number, end: number): Verdict {
  if (!mayStartNumber(text.charCodeAt(start))) return { kind: 'empty' };
  end = valueEnd(text, start, end);
  if (start === end || !isNumberLike(text, start, end)) return { kind: 'empty' };
  return classify(text, start, end);
}

export function extractPlainText(text: string, selections: readonly TextSpan[]): Extraction {
  const out = new Collector();
  const sels = normalizeSelections(selections, text.length);
  const touched = new SelectionSweep(sels);
  const covered = new SelectionSweep(sels);
  // Everything before `scanned` has been read; it is never inside a token (see below).
  let scanned = 0;
  for (const sel of sels) {
    const reach = sel.end;
    if (reach < scanned) continue;
    let pos = sel.start;
    if (pos > scanned) {
      // A selection that starts mid-token sees the whole token.
      while (pos > scanned) {
        const w = tokenCharBefore(text, pos);
        if (w === 0) break;
        pos -= w;
      }
    } else pos = scanned;
    while (pos < text.length) {
      const w = tokenCharAt(text, pos);
      if (w === 0) {
        if (pos >= reach) break;
        pos++;
        continue;
      }
      const start = pos;
      while (pos < text.length) {
        const width = tokenCharAt(text, pos);
        if (width === 0) break;
        pos += width;
      }
      if (touched.touches(start, pos)) {
        const id = plainIdAt(text, start, pos);
        if (id > 0) out.addId(id, start, pos);
        else {
          const v = tokenVerdict(text, start, pos);
          if (v.kind === 'id' || (v.kind === 'problem' && covered.covers(v.start, v.end))) out.add(v);
        }
      }
      if (pos >= reach || out.full) break;
    }
    if (out.full) break;
    // `pos` is at a non-token character or the end, so no token crosses it.
    scanned = pos;
  }
  return out.finish();
}
