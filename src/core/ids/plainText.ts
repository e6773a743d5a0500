// Plain text (any other file, or text typed in the palette): integer tokens count. A token is a run
// of letters, digits and `_ . : / + -`, so that words, versions, dates and times ("v2", "1.2.3",
// "2024-05-01", "12:30") stay whole and are not mistaken for IDs; a trailing `.` or `:` ends a
// sentence or a label and is not part of the token ("job 123." means 123). Only tokens written like
// numbers that are not job IDs (12.5, -3, 1e6, 0x1F, too large) are problems: any other word in a
// text is simply not a candidate.
import { classify, isNumberLike, type Verdict } from './jobId';
import { Collector, normalizeSelections, touches } from './spans';
import type { Extraction, TextSpan } from './types';

const TOKEN = '[\\p{L}\\p{N}_.:/+-]+';
const TOKEN_CHAR = /[\p{L}\p{N}_.:/+-]/u;

export function tokenVerdict(text: string, start: number, end: number): Verdict {
  while (end > start && (text[end - 1] === '.' || text[end - 1] === ':')) end--;
  if (start === end) return { kind: 'empty' };
  const token = text.slice(start, end);
  return isNumberLike(token) ? classify(text, start, end) : { kind: 'empty' };
}

/** Widens a span to whole tokens, so a selection that starts mid-token sees the whole token. */
function widen(text: string, sel: TextSpan): TextSpan {
  let start = sel.start;
  let end = sel.end;
  while (start > 0 && TOKEN_CHAR.test(text[start - 1])) start--;
  while (end < text.length && TOKEN_CHAR.test(text[end])) end++;
  return { start, end };
}

export function extractPlainText(text: string, selections: readonly TextSpan[]): Extraction {
  const out = new Collector();
  for (const sel of normalizeSelections(selections, text.length)) {
    const region = widen(text, sel);
    const re = new RegExp(TOKEN, 'gu');
    re.lastIndex = region.start;
    for (let m = re.exec(text); m !== null && m.index <= region.end; m = re.exec(text)) {
      const end = m.index + m[0].length;
      if (touches(sel, m.index, end)) out.add(tokenVerdict(text, m.index, end));
    }
  }
  return out.finish();
}
