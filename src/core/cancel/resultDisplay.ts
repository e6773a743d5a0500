// How a file's results are shown when there are many: which outcome kinds need action, in what
// order, and which of them become diagnostics. VS Code keeps at most 1,000 diagnostics per file and
// drops the least severe beyond that, so the choice of which ones it keeps is made here, on purpose;
// every outcome is also shown by decorations and the Cancel Results view, which have no such limit.
import type { TextSpan } from '../ids';
import type { CancelOutcomeKind } from './outcome';

/** An outcome's kind, or 'problem': selected text that is no job ID (never sent). */
export type ResultKind = CancelOutcomeKind | 'problem';

/**
 * Most actionable first: failed and unknown (Retry, Verify), then not sent (Retry), not eligible, not
 * a job ID; accepted last, as it needs nothing. The order of the view's groups and of the diagnostics kept.
 */
export const resultKindsByUrgency: readonly ResultKind[] = ['failed', 'unknown', 'notSent', 'notEligible', 'invalidInput', 'problem', 'accepted'];

/** VS Code's own limit of diagnostics per file (its extension host drops the rest, least severe first). */
export const MOST_DIAGNOSTICS_PER_FILE = 1000;

/** Whether an outcome asks something of the user; these get a diagnostic, accepted ones do not. */
export function needsAction(kind: ResultKind): boolean {
  return kind !== 'accepted';
}

export interface ResultGroup<T> {
  readonly kind: ResultKind;
  readonly entries: T[];
}

/** The entries by kind, in urgency order, each group in the entries' order; empty kinds left out. Linear. */
export function groupByKind<T extends { readonly kind: ResultKind }>(entries: Iterable<T>): ResultGroup<T>[] {
  const byKind = new Map<ResultKind, T[]>(resultKindsByUrgency.map((kind) => [kind, []]));
  for (const entry of entries) byKind.get(entry.kind)?.push(entry);
  return resultKindsByUrgency.flatMap((kind) => {
    const grouped = byKind.get(kind) ?? [];
    return grouped.length ? [{ kind, entries: grouped }] : [];
  });
}

/**
 * The entries of one file that get a diagnostic: those that need action, most actionable first and
 * in file order within a kind, at most `most` in all. When more need one, the last place goes to a
 * summary the caller adds ("N more"): `shown` then holds `most - 1` and `hidden` the rest.
 */
export function diagnosticsToShow<T extends { readonly kind: ResultKind; readonly span: TextSpan }>(
  entries: readonly T[], most = MOST_DIAGNOSTICS_PER_FILE,
): { shown: T[]; hidden: number } {
  // Counted first, then only the entries that fit are collected: this runs on every edit of a file
  // that may hold 50,000 results, and copying them all into groups would cost the edit that much.
  const counts = new Map<ResultKind, number>();
  let total = 0;
  for (const { kind } of entries) {
    if (!needsAction(kind)) continue;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    total++;
  }
  const room = total <= most ? total : Math.max(0, most - 1);
  const quota = new Map<ResultKind, number>();
  let left = room;
  for (const kind of resultKindsByUrgency) {
    const taken = Math.min(counts.get(kind) ?? 0, left);
    quota.set(kind, taken);
    left -= taken;
  }
  const byKind = new Map<ResultKind, T[]>(resultKindsByUrgency.map((kind) => [kind, []]));
  for (const entry of entries) {
    const bucket = byKind.get(entry.kind);
    if (bucket && bucket.length < (quota.get(entry.kind) ?? 0)) bucket.push(entry);
  }
  return { shown: resultKindsByUrgency.flatMap((kind) => byKind.get(kind) ?? []), hidden: total - room };
}

/** A filter of the results: every word of `filter` (any case) in the ID, the outcome's text or the file's name. */
export function resultMatches(filter: string, entry: { readonly id?: number; readonly text: string; readonly file: string }): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${entry.id ?? ''} ${entry.text} ${entry.file}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * The entries (sorted by span start, as a file's results are) that start within [start, end): what an
 * editor's visible lines show, found by binary search so that a file of 50,000 results costs a
 * scroll or an edit only the few dozen on screen.
 */
export function entriesWithin<T extends { readonly span: TextSpan }>(sorted: readonly T[], start: number, end: number): T[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle].span.end <= start) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  for (let i = low; i < sorted.length && sorted[i].span.start < end; i++) found.push(sorted[i]);
  return found;
}

/**
 * A file's results after a run: `added`, and of `earlier` those that overlap none of them, in file
 * order. Both are sorted by start and hold no overlapping spans (one result per place), so one sweep
 * does it: comparing each earlier result with the added ones until one overlaps grows with the
 * product of both counts, about 1.25 billion comparisons for a second run over the same 50,000 places.
 */
export function mergeResults<T extends { readonly span: TextSpan }>(earlier: readonly T[], added: readonly T[]): T[] {
  const incoming = [...added].sort((a, b) => a.span.start - b.span.start);
  const kept: T[] = [];
  let next = 0;
  for (const old of earlier) {
    while (next < incoming.length && incoming[next].span.end <= old.span.start) next++;
    const overlapping = next < incoming.length && incoming[next].span.start < old.span.end;
    if (!overlapping) kept.push(old);
  }
  return [...kept, ...incoming].sort((a, b) => a.span.start - b.span.start);
}
