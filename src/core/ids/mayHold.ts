// The cheap question a code action provider asks on every selection change: could this selection
// hold a job ID? It looks for a digit near each selection, in a window bounded whatever the file's
// size, and never parses. False positives only cost the provider a full extraction later (when the
// user picks the action); false negatives would hide the action, so the windows are wide enough for
// every case the extractors take: the whole line around a CSV cell (the ID column of a selected row
// is on that line), and a few KB around a JSON selection (an object counts when any part of it is
// selected, and its job_id may be some lines away).
import type { IdFormat, TextSpan } from './types';

const LINE_WINDOW = 2048;
const JSON_WINDOW = 8192;
/** How much text around a selection a caller must pass for these windows to be complete. */
export const mayHoldContextChars = Math.max(LINE_WINDOW, JSON_WINDOW);
const MAX_SCAN = 64 * 1024;

export function selectionMayHoldIds(text: string, format: IdFormat, selections: readonly TextSpan[]): boolean {
  for (const s of selections) {
    const selStart = Math.max(0, Math.min(s.start, s.end, text.length));
    const selEnd = Math.min(text.length, Math.max(s.start, s.end, 0));
    let start: number;
    let end: number;
    if (format === 'json' || format === 'jsonc') {
      start = Math.max(0, selStart - JSON_WINDOW);
      end = Math.min(text.length, selEnd + JSON_WINDOW);
    } else {
      start = selStart;
      end = selEnd;
      const floor = Math.max(0, start - LINE_WINDOW);
      while (start > floor && !isLineBreak(text.charCodeAt(start - 1))) start--;
      const ceiling = Math.min(text.length, end + LINE_WINDOW);
      while (end < ceiling && !isLineBreak(text.charCodeAt(end))) end++;
    }
    // A huge selection with no digit in its first 64 KB still may hold one: say yes without looking.
    if (end - start > MAX_SCAN) return true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) return true;
    }
  }
  return false;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
