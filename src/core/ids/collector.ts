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
 * under it. Why this value: far above both, yet low enough that the worst one-line input is read
 * within twice the time of a normal 10 MB export (bench/ids.bench.ts; the README's Benchmarks).
 */
export const MOST_VALUES_PER_SELECTION = 2_000_000;

export function tooManyValuesMessage(): string {
  return `More than ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')} job IDs and other values are selected up to here: ` +
    `one run takes at most ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')}. Select fewer and run again.`;
}

/**
 * Collects verdicts; `finish` puts them in document order and drops repeats (two selections on one
 * cell). IDs are kept in typed arrays and become objects only when `occurrences` is first read: a
 * select-all over a large export holds a million of them, and objects that live that long cost the
 * collector more than reading the text does.
 */
export class Collector {
  private ids = new Float64Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private idCount = 0;
  private readonly problems: IdProblem[] = [];
  private ordered = true;
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
    const n = this.idCount;
    if (n > 0 && this.starts[n - 1] >= start) {
      if (this.starts[n - 1] === start && this.ends[n - 1] === end) return;
      this.ordered = false;
    }
    if (this.passesLimit(start, end)) return;
    if (n === this.ids.length) this.grow(n * 2);
    this.ids[n] = id;
    this.starts[n] = start;
    this.ends[n] = end;
    this.idCount = n + 1;
  }

  problem(start: number, end: number, message: string): void {
    const last = this.problems.length > 0 ? this.problems[this.problems.length - 1].range : undefined;
    if (last !== undefined && last.start >= start) {
      if (last.start === start && last.end === end) return;
      this.ordered = false;
    }
    if (this.passesLimit(start, end)) return;
    this.problems.push({ range: { start, end }, message });
  }

  finish(): Extraction {
    // Sorting is the exception (several selections met out of order), not the rule: a select-all
    // over a 100 MB file arrives ordered and is returned as it is.
    if (!this.ordered) {
      this.sortIds();
      dedupeProblems(this.problems);
      // Repeats counted before they were dropped may have passed the limit; the true count decides.
      if (this.overflowAt === undefined && this.idCount + this.problems.length > MOST_VALUES_PER_SELECTION) {
        this.overflowAt = this.nthValue(MOST_VALUES_PER_SELECTION);
      }
    }
    if (this.overflowAt !== undefined) {
      return { occurrences: [], idCount: 0, problems: [{ range: this.overflowAt, message: tooManyValuesMessage() }], tooManyValues: true };
    }
    return lazyExtraction(this.ids, this.starts, this.ends, this.idCount, this.problems);
  }

  /** In document order the limit is passed by the value found now; out of order `finish` decides. */
  private passesLimit(start: number, end: number): boolean {
    if (this.overflowAt !== undefined) return true;
    if (!this.ordered || this.idCount + this.problems.length < MOST_VALUES_PER_SELECTION) return false;
    this.overflowAt = { start, end };
    return true;
  }

  private grow(size: number): void {
    const resize = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.idCount));
      return to;
    };
    this.ids = resize(this.ids, new Float64Array(size));
    this.starts = resize(this.starts, new Int32Array(size));
    this.ends = resize(this.ends, new Int32Array(size));
  }

  /** Sorts the IDs by range and drops repeats, in place. */
  private sortIds(): void {
    const { ids, starts, ends } = this;
    const order = Array.from({ length: this.idCount }, (_, i) => i).sort((a, b) => starts[a] - starts[b] || ends[a] - ends[b]);
    const sorted = { ids: new Float64Array(order.length), starts: new Int32Array(order.length), ends: new Int32Array(order.length) };
    let n = 0;
    for (const i of order) {
      if (n > 0 && sorted.starts[n - 1] === starts[i] && sorted.ends[n - 1] === ends[i]) continue;
      sorted.ids[n] = ids[i];
      sorted.starts[n] = starts[i];
      sorted.ends[n] = ends[i];
      n++;
    }
    Object.assign(this, sorted);
    this.idCount = n;
  }

  /** The range of the `n`th value (0-based) of IDs and problems merged in document order. */
  private nthValue(n: number): TextSpan {
    let i = 0;
    let p = 0;
    for (;;) {
      const takeId = i < this.idCount && (p >= this.problems.length || this.starts[i] <= this.problems[p].range.start);
      const range = takeId ? { start: this.starts[i++], end: this.ends[i - 1] } : this.problems[p++].range;
      if (n-- === 0) return range;
    }
  }
}

function dedupeProblems(list: IdProblem[]): void {
  list.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let n = 0;
  for (const item of list) {
    if (n > 0 && item.range.start === list[n - 1].range.start && item.range.end === list[n - 1].range.end) continue;
    list[n++] = item;
  }
  list.length = n;
}

/** The occurrences are built on first read, once. */
function lazyExtraction(ids: Float64Array, starts: Int32Array, ends: Int32Array, count: number, problems: IdProblem[]): Extraction {
  let occurrences: IdOccurrence[] | undefined;
  return {
    get occurrences(): IdOccurrence[] {
      if (occurrences === undefined) {
        occurrences = new Array<IdOccurrence>(count);
        for (let i = 0; i < count; i++) occurrences[i] = { id: ids[i], range: { start: starts[i], end: ends[i] } };
      }
      return occurrences;
    },
    idCount: count,
    problems,
  };
}
