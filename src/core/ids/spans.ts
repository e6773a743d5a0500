// Selection bookkeeping shared by the extractors.
import type { TextSpan } from './types';

/** Clamped to the text and sorted by start, so extractors can sweep them in one pass. */
export function normalizeSelections(selections: readonly TextSpan[], length: number): TextSpan[] {
  return selections
    .map((s) => {
      const a = Math.max(0, Math.min(length, Math.min(s.start, s.end)));
      const b = Math.max(0, Math.min(length, Math.max(s.start, s.end)));
      return { start: a, end: b };
    })
    .sort((x, y) => x.start - y.start || x.end - y.end);
}

/**
 * Whether a selection takes the item spanning [start, end]. A non-empty selection takes what it
 * overlaps by at least one character: a selection that ends exactly where a cell starts (the usual
 * result of selecting whole lines) or starts exactly where a cell ends does not take that cell. An
 * empty selection, a cursor, takes the item it stands in or at either edge of.
 */
export function touches(sel: TextSpan, start: number, end: number): boolean {
  return sel.start === sel.end ? start <= sel.start && sel.start <= end : start < sel.end && sel.start < end && start < end;
}

/**
 * Whether any of many selections touches each of many items, in time linear in both: items must
 * come with non-decreasing ends (cells, tokens, errors in document order). Selections whose start is
 * before an item's end are admitted once, for good; an item is touched when an admitted non-empty
 * selection ends after its start, or an admitted cursor stands at or after its start (the same rule
 * as `touches`, asked of all selections at once instead of one by one).
 */
export class SelectionSweep {
  private next = 0;
  private maxEnd = -1;
  private maxCursor = -1;
  private coverNext = 0;
  private coverMaxEnd = -1;

  constructor(private readonly sorted: readonly TextSpan[]) {}

  touches(start: number, end: number): boolean {
    const sels = this.sorted;
    while (this.next < sels.length) {
      const s = sels[this.next];
      const cursor = s.start === s.end;
      if (!(s.start < end || (cursor && s.start === end))) break;
      if (cursor) this.maxCursor = Math.max(this.maxCursor, s.start);
      else this.maxEnd = Math.max(this.maxEnd, s.end);
      this.next++;
    }
    return (start < end && this.maxEnd > start) || this.maxCursor >= start;
  }

  /** Whether one non-empty selection covers all of [start, end); starts must not decrease between calls. */
  covers(start: number, end: number): boolean {
    const sels = this.sorted;
    while (this.coverNext < sels.length && sels[this.coverNext].start <= start) {
      this.coverMaxEnd = Math.max(this.coverMaxEnd, sels[this.coverNext].end);
      this.coverNext++;
    }
    return this.coverMaxEnd >= end && this.coverMaxEnd > start;
  }
}

/**
 * `touches` asked of all selections at once, for items met in any order (a JSON parser's errors,
 * whose order is nearly but not quite that of the text): a binary search each, over the selections
 * sorted by start with the furthest end reached so far, and over the cursors.
 */
export class SelectionIndex {
  private readonly starts: number[] = [];
  private readonly furthestEnds: number[] = [];
  private readonly cursors: number[] = [];

  constructor(sorted: readonly TextSpan[]) {
    let furthest = -1;
    for (const s of sorted) {
      if (s.start === s.end) this.cursors.push(s.start);
      else {
        furthest = Math.max(furthest, s.end);
        this.starts.push(s.start);
        this.furthestEnds.push(furthest);
      }
    }
  }

  /** The furthest end of the non-empty selections that start at or before `at` (or -1): they
   * touch every item that starts at or after `at` and ends by then. */
  coveredUntil(at: number): number {
    const k = lastBelow(this.starts, at + 1);
    return k >= 0 ? this.furthestEnds[k] : -1;
  }

  touches(start: number, end: number): boolean {
    // The last non-empty selection starting before `end`: any earlier one ends no further.
    const k = lastBelow(this.starts, end);
    if (start < end && k >= 0 && this.furthestEnds[k] > start) return true;
    const c = lastBelow(this.cursors, end + 1);
    return c >= 0 && this.cursors[c] >= start;
  }
}

/** The index of the last item of `sorted` below `limit`, or -1. */
function lastBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < limit) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
