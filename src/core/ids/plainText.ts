// Plain text (any other file): integer tokens count. A token is a run of letters, digits and
// `_ . : / + -`, so that words, versions, dates and times ("v2", "1.2.3", "2024-05-01", "12:30") stay
// whole and are not mistaken for IDs; a trailing `.` or `:` ends a sentence or a label and is not part
// of the token ("job 123." means 123). Letters and digits are whole code points, so an astral letter
// next to digits ("𝐀123") is part of the word for a cursor exactly as for select-all.
//
// An invisible character between two token characters is part of the token, so `104` + ZERO WIDTH
// SPACE + `6892` is one token, which is a problem, never jobs 104 and 6892.
//
// Which tokens count and which are problems:
// - a token a selection touches counts when it is an ID;
// - a token written like a number that is not a job ID (12.5, -3, 1e6, 0x1F, too large, 046, digits
//   with an invisible character among them) is a problem only when one selection covers all of it:
//   a cursor in it, or a drag across part of it, selects text, not a value, and nobody meant that as
//   an ID. Any other word is simply not a candidate;
// - digits joined by separators are read by the rule of digitGroups.ts: a number written in groups
//   of digits (`1,046,892`) is one problem, as are digits joined by a character that only groups
//   digits (`104` + NO-BREAK SPACE + `6892`); a selection that touches part of one sees all of it.
//
// Selections are swept in one pass over the text they reach, whatever their number: 20,000 cursors
// in one long word read that word once.
import { groupedNumberMessage, groupsOnly, hiddenWidthAt, isDigit, isNumberLike, plainIdAt, writtenVerdict, type Verdict } from './jobId';
import { Collector } from './collector';
import { continuesChain, groupedNumberEnd, isDottedGroups, joinedAt } from './digitGroups';
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

/** Where the token starting at `pos` ends. An invisible character between two token characters is
 * part of it; one at its edge (a BOM before a number) is not. */
function tokenEnd(text: string, pos: number): number {
  for (;;) {
    const width = tokenCharAt(text, pos);
    if (width > 0) {
      pos += width;
      continue;
    }
    let after = pos;
    for (let w = hiddenWidthAt(text, after); w > 0; w = hiddenWidthAt(text, after)) after += w;
    if (after === pos || after === text.length || tokenCharAt(text, after) === 0) return pos;
    pos = after;
  }
}

/** Width of what a selection starting at `i` walks back over to see the whole of what it is in: a
 * token character, an invisible character, a separator between digits of a chain. */
function partOfBefore(text: string, i: number): number {
  const width = tokenCharBefore(text, i);
  if (width > 0) return width;
  if (joinedAt(text, i - 1)) return 1;
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? hiddenWidthAt(text, i - 2) : hiddenWidthAt(text, i - 1);
}

/** Where the digits of the token ending at `end` end, with those joined to them by characters that
 * only group digits (`104` + NO-BREAK SPACE + `6892`). */
function groupedOnlyEnd(text: string, end: number): number {
  while (groupsOnly(text.charCodeAt(end)) && isDigit(text.charCodeAt(end - 1)) && isDigit(text.charCodeAt(end + 1))) end = tokenEnd(text, end + 1);
  return end;
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
  if (start === end) return { kind: 'empty' };
  if (isDottedGroups(text, start, end)) return { kind: 'problem', start, end, message: groupedNumberMessage(text.slice(start, end)) };
  if (isNumberLike(text, start, end)) return writtenVerdict(text, start, end);
  // A number with an invisible character in it: one problem, never a word.
  let hidden = start;
  while (hidden < end && hiddenWidthAt(text, hidden) === 0) hidden++;
  if (hidden === end) return { kind: 'empty' };
  let visible = '';
  for (let i = start; i < end; ) {
    const width = hiddenWidthAt(text, i);
    if (width === 0) visible += text[i];
    i += width || 1;
  }
  return isNumberLike(visible) ? writtenVerdict(text, start, end) : { kind: 'empty' };
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
      // A selection that starts mid-token sees the whole token (and in a chain of digits, all of it).
      while (pos > scanned) {
        const w = partOfBefore(text, pos);
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
      pos = tokenEnd(text, pos);
      const grouped = pos - start <= 3 && isDigit(text.charCodeAt(start)) && !continuesChain(text, start) ? groupedNumberEnd(text, start, (i) => tokenCharAt(text, i) > 0) : -1;
      const joinedEnd = grouped < 0 ? groupedOnlyEnd(text, pos) : -1;
      if (grouped > 0 || joinedEnd > pos) {
        // Never an ID; a problem when a selection covers all of it, as for any other token.
        pos = grouped > 0 ? grouped : joinedEnd;
        if (touched.touches(start, pos) && covered.covers(start, pos)) {
          out.add(grouped > 0 ? { kind: 'problem', start, end: pos, message: groupedNumberMessage(text.slice(start, pos)) } : writtenVerdict(text, start, pos));
        }
      } else if (touched.touches(start, pos)) {
        const id = text.charCodeAt(start) === 48 ? -1 : plainIdAt(text, start, pos);
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
