// The job IDs a cursor stands for in a JSON document, answered from an index built once per version
// of the document instead of by parsing it on every cursor move (about 25 ms per MB).
//
// The index keeps what a cursor query needs: every object's span, its enclosing object and which
// object's job ID a cursor inside it means (the rules are jsonSelection.ts's, and `idsAt` answers
// exactly as `extractJobIds` does for the same cursors), and the entries of lists of IDs that are
// job IDs. All in typed arrays sorted by start, so a query is a binary search.
//
// Typing inside a string that names no job ID (a title, a status, a date) changes no job ID and no
// structure as long as it adds no quote, backslash or control character: such edits only move what
// follows (`applyEdits`). Any other edit may change anything: the index is then rebuilt.
import { parseJson } from './jsonParse';
import { settleSlots, slotId } from './jsonSelection';
import type { IdOccurrence } from './types';

/** One replacement, in offsets of the text before the change (as VS Code reports them). */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** Growable columns of 32-bit integers. */
class Column {
  values = new Int32Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }

  done(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

/** The index of the last of `sorted` at or below `at`, or -1. */
function lastAtOrBelow(sorted: Int32Array, at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= at) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Whether typing `text` inside a plain string keeps it one plain string. */
function keepsStringPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 92 || c < 0x20) return false;
  }
  return true;
}

export class JsonCursorIndex {
  private constructor(
    private length: number,
    private readonly objectStart: Int32Array,
    private readonly objectEnd: Int32Array,
    private readonly objectParent: Int32Array,
    /** The object whose job ID a cursor in this one means, or -1. */
    private readonly objectMeans: Int32Array,
    /** The job ID in each object's slot (0: none) and its range. */
    private readonly objectId: Float64Array,
    private readonly objectIdStart: Int32Array,
    private readonly objectIdEnd: Int32Array,
    /** Entries of lists of IDs that are job IDs: their span, the ID and its range. */
    private readonly entryStart: Int32Array,
    private readonly entryEnd: Int32Array,
    private readonly entryId: Float64Array,
    private readonly entryIdStart: Int32Array,
    private readonly entryIdEnd: Int32Array,
    /** Plain strings under keys that name no job ID, quotes included. */
    private readonly plainStart: Int32Array,
    private readonly plainEnd: Int32Array,
  ) {}

  /** `strict`: JSON rather than JSONC. */
  static build(text: string, strict: boolean): JsonCursorIndex {
    const entryStart = new Column();
    const entryEnd = new Column();
    const entryIdStart = new Column();
    const entryIdEnd = new Column();
    const entryIds: number[] = [];
    const plainStart = new Column();
    const plainEnd = new Column();
    const { objects } = parseJson(text, strict, {
      // Syntax errors are not job IDs: none is kept.
      touches: () => false,
      coveredUntil: () => Number.MAX_SAFE_INTEGER,
      listEntry: (start, end, kind) => {
        const id = slotId(text, start, end, kind);
        if (id !== undefined) {
          entryStart.push(start);
          entryEnd.push(end);
          entryIds.push(id.id);
          entryIdStart.push(id.start);
          entryIdEnd.push(id.end);
        }
        // Entries that are sure problems hold no job ID: they need not be passed one by one.
        return true;
      },
      countEntries: () => undefined,
      plainString: (start, end) => {
        plainStart.push(start);
        plainEnd.push(end);
      },
    });
    const means = settleSlots(objects);
    const n = objects.count;
    const objectId = new Float64Array(n);
    const objectIdStart = new Int32Array(n);
    const objectIdEnd = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const id = objects.slotRank[i] > 0 ? slotId(text, objects.slotStart[i], objects.slotEnd[i], objects.slotKindAt(i)) : undefined;
      if (id === undefined) continue;
      objectId[i] = id.id;
      objectIdStart[i] = id.start;
      objectIdEnd[i] = id.end;
    }
    return new JsonCursorIndex(
      text.length, objects.start.slice(0, n), objects.end.slice(0, n), objects.parent.slice(0, n), means, objectId, objectIdStart, objectIdEnd,
      entryStart.done(), entryEnd.done(), Float64Array.from(entryIds), entryIdStart.done(), entryIdEnd.done(), plainStart.done(), plainEnd.done(),
    );
  }

  /** The job IDs the cursors at `offsets` stand for, in document order: what `extractJobIds` gives
   * for the same cursors. */
  idsAt(offsets: readonly number[]): IdOccurrence[] {
    const found: IdOccurrence[] = [];
    for (const offset of offsets) {
      const at = Math.max(0, Math.min(this.length, offset));
      // The innermost object around the cursor: the last one opened before it, or one around that.
      let o = lastAtOrBelow(this.objectStart, at);
      while (o >= 0 && this.objectEnd[o] < at) o = this.objectParent[o];
      const means = o >= 0 ? this.objectMeans[o] : -1;
      if (means >= 0 && this.objectId[means] > 0) found.push({ id: this.objectId[means], range: { start: this.objectIdStart[means], end: this.objectIdEnd[means] } });
      // Entries it stands in or at either edge of (two when they touch).
      for (let e = lastAtOrBelow(this.entryStart, at); e >= 0 && this.entryEnd[e] >= at; e--) {
        found.push({ id: this.entryId[e], range: { start: this.entryIdStart[e], end: this.entryIdEnd[e] } });
      }
    }
    found.sort((a, b) => a.range.start - b.range.start);
    return found.filter((x, i) => i === 0 || x.range.start !== found[i - 1].range.start);
  }

  /**
   * Follows the changes of one edit of the document (which do not overlap and all refer to the text
   * before them) when each only types inside a plain string under a key that names no job ID, and
   * adds no quote, backslash or control character there: then no job ID and no structure changes,
   * and what follows moves. Returns false, changing nothing, for any other edit: the index no longer
   * describes the text and must be built again.
   */
  applyEdits(changes: readonly TextChange[]): boolean {
    const sorted = [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset);
    for (const c of sorted) {
      const s = lastAtOrBelow(this.plainStart, c.rangeOffset);
      // Inside the quotes: after the opening one, before the closing one.
      if (s < 0 || c.rangeOffset <= this.plainStart[s] || c.rangeOffset + c.rangeLength >= this.plainEnd[s] || !keepsStringPlain(c.text)) return false;
    }
    const ends = sorted.map((c) => c.rangeOffset + c.rangeLength);
    /** What the changes up to each one add. */
    const added: number[] = [];
    let total = 0;
    for (const c of sorted) added.push((total += c.text.length - c.rangeLength));
    // A position after the end of some changes moves by what they added (none is inside one).
    for (const column of [this.objectStart, this.entryStart, this.entryEnd, this.entryIdStart, this.entryIdEnd, this.plainStart, this.plainEnd]) {
      // Sorted: the positions between the ends of two changes all move alike. Where each run starts
      // is found before any moves.
      const from = ends.map((end) => lastAtOrBelow(column, end - 1) + 1);
      for (let k = 0; k < ends.length; k++) {
        const to = k + 1 < ends.length ? from[k + 1] : column.length;
        for (let i = from[k]; i < to; i++) column[i] += added[k];
      }
    }
    for (const column of [this.objectEnd, this.objectIdStart, this.objectIdEnd]) {
      for (let i = 0; i < column.length; i++) {
        const x = column[i];
        if (x < ends[0]) continue;
        let k = ends.length - 1;
        while (ends[k] > x) k--;
        column[i] = x + added[k];
      }
    }
    this.length += total;
    return true;
  }
}
