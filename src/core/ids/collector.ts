// Collects what the extractors find, compactly, and stops them at the limit of one run.
import type { Verdict } from './jobId';
import type { Extraction, IdOccurrence, IdProblem, TextSpan } from './types';

/**
 * Most job IDs one selection may yield: beyond it the selection yields one problem where the limit
 * is passed and nothing to cancel.
 *
 * Why a limit: every ID becomes an object, a diagnostic and a line of output in the extension, and a
 * 10 MB line of `1,` holds 5 million IDs; no export or crisis comes near it. A Vault has at most
 * thousands to tens of thousands of active jobs to cancel, and the 100 MB history export of the
 * benchmarks (every instance ever run, far more than any cancel run) holds 1.1 million IDs, still
 * under it. Why this value: far above both, yet low enough that the worst one-line inputs are read
 * within twice the time of a normal 10 MB export (bench/ids.bench.ts; the README's Benchmarks): at
 * 2,000,000 a line of `a 1,` read as plain text took up to 2.4 times as long.
 */
export const MOST_VALUES_PER_SELECTION = 1_500_000;

/**
 * Most problems one selection lists one by one; the one after them says how many more there were.
 * Problems are not limited like IDs (they are never sent), but each listed one is a diagnostic, and
 * damaged text yields one for every few characters: a 10 MB line of `/*` in JSONC, 1.4 million. A
 * thousand is more than anyone reads through, and enough to show the pattern of any damage; the
 * rest are counted.
 */
export const MOST_PROBLEMS_LISTED = 1_000;

function tooManyValuesMessage(): string {
  return `More than ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')} job IDs are selected up to here: ` +
    `one run takes at most ${MOST_VALUES_PER_SELECTION.toLocaleString('en-US')}. Select fewer and run again.`;
}

function moreProblemsMessage(count: number): string {
  return `${count.toLocaleString('en-US')} more problems from here on (values that are not job IDs, syntax errors) are not ` +
    `listed one by one: a selection lists at most ${MOST_PROBLEMS_LISTED.toLocaleString('en-US')}`;
}

/** Entries per block of a RangeList: full blocks are added, never copied into larger ones. */
const BLOCK = 1 << 16;
const FIRST_BLOCK = 64;

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

  /** Starts where the last one does: the same cell met by two selections, or a second syntax error
   * where one is already shown (at the end of a cut text, a string cut off and the colon it lacks). */
  repeats(start: number): boolean {
    const n = this.count - 1;
    return n >= 0 && this.startAt(n) === start;
  }

  push(start: number, end: number, value: number): void {
    const n = this.count;
    if (n > 0 && this.startAt(n - 1) >= start) this.ordered = false;
    const block = n / BLOCK | 0;
    const at = n % BLOCK;
    if (at === 0) {
      // A block starts small and doubles up to its size: most extractions hold a few values, and a
      // megabyte of blocks for each would cost more than reading them.
      this.startBlocks.push(new Int32Array(FIRST_BLOCK));
      this.endBlocks.push(new Int32Array(FIRST_BLOCK));
      this.valueBlocks.push(new Float64Array(FIRST_BLOCK));
    } else if (at === this.startBlocks[block].length) {
      const grown = <T extends Int32Array | Float64Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.startBlocks[block] = grown(this.startBlocks[block], new Int32Array(at * 2));
      this.endBlocks[block] = grown(this.endBlocks[block], new Int32Array(at * 2));
      this.valueBlocks[block] = grown(this.valueBlocks[block], new Float64Array(at * 2));
    }
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
    for (const e of entries) if (!this.repeats(e.start)) this.push(e.start, e.end, e.value);
    this.ordered = true;
  }

  /** The first `count` entries (all by default) as items. */
  map<T>(item: (start: number, end: number, value: number) => T, count = this.count): T[] {
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) {
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
  /** The ID that passed the limit, once one has. */
  private overflowAt: TextSpan | undefined;
  /** Problems found and only counted: those after the first MOST_PROBLEMS_LISTED + 1 of a run of
   * problems found in document order (so the first ones in document order are always kept). */
  private unlisted = 0;
  /** Problems kept since the last one found out of document order. */
  private keptInOrder = 0;
  private lastStart = -1;

  /** True once the limit is passed: an extractor stops reading then, nothing it finds counts. */
  get full(): boolean {
    return this.overflowAt !== undefined;
  }

  add(v: Verdict): void {
    if (v.kind === 'id') this.addId(v.id, v.start, v.end);
    else if (v.kind === 'problem') this.problem(v.start, v.end, v.message);
  }

  addId(id: number, start: number, end: number): void {
    if (!this.ids.repeats(start) && !this.passesLimit(start, end)) this.ids.push(start, end, id);
  }

  problem(start: number, end: number, message: string): void {
    if (this.admitProblem(start)) this.listProblem(start, end, message);
  }

  /**
   * The first half of `problem`, for a problem whose message costs something to build: whether a
   * problem at `start` is to be listed (then `listProblem` must follow); when it is not (a repeat,
   * or one past those listed) it has been counted here, and its message need never be built. A line
   * of damaged JSON holds millions of such problems.
   */
  admitProblem(start: number): boolean {
    if (this.full || start === this.lastStart) return false;
    if (start < this.lastStart) this.keptInOrder = 0;
    this.lastStart = start;
    if (this.keptInOrder > MOST_PROBLEMS_LISTED) {
      this.unlisted++;
      return false;
    }
    return true;
  }

  listProblem(start: number, end: number, message: string): void {
    this.keptInOrder++;
    const last = this.messages.length - 1;
    if (last < 0 || this.messages[last] !== message) this.messages.push(message);
    this.problems.push(start, end, this.messages.length - 1);
  }

  /** Whether a problem found now, after the last one in document order, would only be counted. */
  get countsOnly(): boolean {
    return !this.full && this.keptInOrder > MOST_PROBLEMS_LISTED;
  }

  /** `count` problems found in document order, after the last one and each past those listed
   * (see `countsOnly`), the last of them at `lastStart`: as many calls of `problem` would do. */
  countUnlistedUpTo(count: number, lastStart: number): void {
    this.unlisted += count;
    this.lastStart = lastStart;
  }

  /** Problems a reader found and counted without passing them on (see jsonParse.ts). */
  countUnlisted(count: number): void {
    this.unlisted += count;
  }

  finish(): Extraction {
    const { ids, problems, messages } = this;
    // Sorting is the exception (several selections met out of order), not the rule: a select-all
    // over a 100 MB file arrives ordered and is returned as it is.
    if (!ids.ordered) {
      ids.sort();
      // Repeats counted before they were dropped may have passed the limit; the true count decides.
      if (this.overflowAt === undefined && ids.count > MOST_VALUES_PER_SELECTION) this.overflowAt = { start: ids.startAt(MOST_VALUES_PER_SELECTION), end: ids.endAt(MOST_VALUES_PER_SELECTION) };
    }
    if (!problems.ordered) problems.sort();
    if (this.overflowAt !== undefined) {
      return { occurrences: [], idCount: 0, problems: [{ range: this.overflowAt, message: tooManyValuesMessage() }], problemCount: 1, tooManyValues: true };
    }
    const problemCount = problems.count + this.unlisted;
    const listed = Math.min(problems.count, MOST_PROBLEMS_LISTED);
    let occurrences: IdOccurrence[] | undefined;
    let problemList: IdProblem[] | undefined;
    return {
      get occurrences(): IdOccurrence[] {
        return (occurrences ??= ids.map((start, end, id) => ({ id, range: { start, end } })));
      },
      idCount: ids.count,
      get problems(): IdProblem[] {
        if (problemList) return problemList;
        problemList = problems.map((start, end, message) => ({ range: { start, end }, message: messages[message] }), listed);
        // The summary stands where the first problem not listed is (kept whenever any was counted).
        if (problemCount > listed) problemList.push({ range: { start: problems.startAt(listed), end: problems.endAt(listed) }, message: moreProblemsMessage(problemCount - listed) });
        return problemList;
      },
      problemCount,
    };
  }

  /** In document order the limit is passed by the ID found now; out of order `finish` decides. */
  private passesLimit(start: number, end: number): boolean {
    if (this.overflowAt !== undefined) return true;
    if (!this.ids.ordered || this.ids.count < MOST_VALUES_PER_SELECTION) return false;
    this.overflowAt = { start, end };
    return true;
  }
}
