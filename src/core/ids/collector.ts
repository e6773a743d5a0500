// Collects what the extractors find, compactly, and stops them at the limit of one run.
import type { Verdict } from './jobId';
import type { Extraction, IdOccurrence, IdProblem, TextSpan } from './types';

/**
 * Most values (job IDs and values that are not job IDs, together) one selection may yield: beyond
 * it the selection yields one problem where the limit is passed and nothing to cancel.
 *
 * Why a limit: every value becomes an object, a diagnostic and a line of output in the extension,
 * and a 10 MB line of `1,` holds 5 million IDs; no export or crisis comes near it. A Vault has at
 * most thousands to tens of thousands of active jobs to cancel, and the 100 MB history export of the
 * benchmarks (every instance ever run, far more than any cancel run) holds 1.1 million IDs, still
 * under it. Why this value: far above both, yet low enough that the worst one-line inputs are read
 * within twice the time of a normal 10 MB export (bench/ids.bench.ts; the README's Benchmarks): at
 * 2,000,000 a line of `a 1,` read as plain text took up to 2.4 times as long.
 */
export const MOST_VALUES_PER_SELECTION = 1_500_000;

function tooManyValuesMessage(): string {
  return `More than ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')} job IDs and other values are selected up to here: ` +
    `one run takes at most ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')}. Select fewer and run again.`;
}

/** Entries per block of a RangeList: blocks are added, never copied into larger ones. */
const BLOCK = 1 << 16;

/**
 * Ranges in document order with one number each (an ID, or which message), in typed arrays: a
 * select-all over a large export yields a million of them, and objects that live that long cost the
 * garbage collector more than reading the text does. Objects are built when the list is first read.
 */
class RangeList {
  private readonly startBlocks: Int32Array[] = [];
  private readonly endBlocks: Int32Array[] = [];
  private readonly valueBlocks: Float64Array[] = [];
  count = 0;
  /** Each range starts after the one before it. */
  ordered = true;

  /** The same range as the last one (two selections on one cell). */
  repeats(start: number, end: number): boolean {
    const n = this.count - 1;
    return n >= 0 && this.startAt(n) === start && this.endAt(n) === end;
  }

  push(start: number, end: number, value: number): void {
    const n = this.count;
    if (n > 0 && this.startAt(n - 1) >= start) this.ordered = false;
    if (n % BLOCK === 0) {
      this.startBlocks.push(new Int32Array(BLOCK));
      this.endBlocks.push(new Int32Array(BLOCK));
      this.valueBlocks.push(new Float64Array(BLOCK));
    }
    const block = n / BLOCK | 0;
    const at = n % BLOCK;
    this.startBlocks[block][at] = start;
    this.endBlocks[block][at] = end;
    this.valueBlocks[block][at] = value;
    this.count = n + 1;
  }

  startAt(i: number): number {
    return this.startBlocks[i / BLOCK | 0][i % BLOCK];
  }

  endAt(i: number): number {
    return this.endBlocks[i / BLOCK | 0][i % BLOCK];
  }

  /** Sorts by range and drops repeats. */
  sort(): void {
    const entries = this.map((start, end, value) => ({ start, end, value })).sort((a, b) => a.start - b.start || a.end - b.end);
    this.count = 0;
    this.startBlocks.length = this.endBlocks.length = this.valueBlocks.length = 0;
    for (const e of entries) if (!this.repeats(e.start, e.end)) this.push(e.start, e.end, e.value);
    this.ordered = true;
  }

  map<T>(item: (start: number, end: number, value: number) => T): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) {
      const block = i / BLOCK | 0;
      const at = i % BLOCK;
      out[i] = item(this.startBlocks[block][at], this.endBlocks[block][at], this.valueBlocks[block][at]);
    }
    return out;
  }
}

/** Collects verdicts; `finish` puts them in document order and drops repeats (two selections on one cell). */
export class Collector {
  private readonly ids = new RangeList();
  private readonly problems = new RangeList();
  /** Problems' messages; a message the same as the one before is kept once (damaged text repeats). */
  private readonly messages: string[] = [];
  /** The value that passed the limit, once one has. */
  private overflowAt: TextSpan | undefined;

  /** True once the limit is passed: an extractor stops reading then, nothing it finds counts. */
  get full(): boolean {
    return this.overflowAt !== undefined;
  }

  add(v: Verdict): void {
    if (v.kind === 'id') this.addId(v.id, v.start, v.end);
    else if (v.kind === 'problem') this.problem(v.start, v.end, v.message);
  }

  addId(id: number, start: number, end: number): void {
    if (!this.ids.repeats(start, end) && !this.passesLimit(start, end)) this.ids.push(start, end, id);
  }

  problem(start: number, end: number, message: string): void {
    if (this.problems.repeats(start, end) || this.passesLimit(start, end)) return;
    const last = this.messages.length - 1;
    if (last < 0 || this.messages[last] !== message) this.messages.push(message);
    this.problems.push(start, end, this.messages.length - 1);
  }

  finish(): Extraction {
    const { ids, problems, messages } = this;
    // Sorting is the exception (several selections met out of order), not the rule: a select-all
    // over a 100 MB file arrives ordered and is returned as it is.
    if (!ids.ordered || !problems.ordered) {
      ids.sort();
      problems.sort();
      // Repeats counted before they were dropped may have passed the limit; the true count decides.
      if (this.overflowAt === undefined && ids.count + problems.count > MOST_VALUES_PER_SELECTION) this.overflowAt = this.nthValue(MOST_VALUES_PER_SELECTION);
    }
    if (this.overflowAt !== undefined) {
      return { occurrences: [], idCount: 0, problems: [{ range: this.overflowAt, message: tooManyValuesMessage() }], tooManyValues: true };
    }
    let occurrences: IdOccurrence[] | undefined;
    let problemList: IdProblem[] | undefined;
    return {
      get occurrences(): IdOccurrence[] {
        return (occurrences ??= ids.map((start, end, id) => ({ id, range: { start, end } })));
      },
      idCount: ids.count,
      get problems(): IdProblem[] {
        return (problemList ??= problems.map((start, end, message) => ({ range: { start, end }, message: messages[message] })));
      },
    };
  }

  /** In document order the limit is passed by the value found now; out of order `finish` decides. */
  private passesLimit(start: number, end: number): boolean {
    if (this.overflowAt !== undefined) return true;
    if (!this.ids.ordered || !this.problems.ordered || this.ids.count + this.problems.count < MOST_VALUES_PER_SELECTION) return false;
    this.overflowAt = { start, end };
    return true;
  }

  /** The range of the `n`th value (0-based) of IDs and problems merged in document order. */
  private nthValue(n: number): TextSpan {
    const { ids, problems } = this;
    let i = 0;
    let p = 0;
    for (;;) {
      const list = i < ids.count && (p >= problems.count || ids.startAt(i) <= problems.startAt(p)) ? ids : problems;
      const at = list === ids ? i++ : p++;
      if (n-- === 0) return { start: list.startAt(at), end: list.endAt(at) };
    }
  }
}
