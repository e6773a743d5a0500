// What showing 50,000 cancel results in one file costs, and each edit while they are shown: the work
// the extension does per change in plain Node (the VS Code parts, drawing and IPC, are the
// workbench's). Showing: which results become diagnostics (at most 1,000, most actionable first),
// the view's groups, and the decorations of the lines around the screen; an edit: every result's span
// moved, the diagnostics chosen again, the decorations on screen found again, and (at most every
// 250 ms) the view's groups. Offsets become lines by binary search over line starts, as VS Code's
// documents do.
import { diagnosticsToShow, entriesWithin, groupByKind, mergeResults, resultMatches, type ResultKind } from '../src/core/cancel';
import { shiftSpan, type TextSpan } from '../src/core/ids';

const n = 50_000;
const rounds = 21;
/** Lines an editor shows, and the margin the decorations cover above and below them. */
const visibleLines = 60;
const marginLines = 200;

interface Entry { readonly id: number; readonly kind: ResultKind; readonly span: TextSpan; readonly message: string }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(what: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    what();
    times.push(performance.now() - started);
  }
  return times;
}

/** The line of an offset, as a TextDocument's positionAt finds it. */
function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function main(): void {
  // A CSV of 50,000 IDs, one per line; outcomes as a large run gives them: most refused, some of each other kind.
  const ids = Array.from({ length: n }, (_, i) => 1_000_000 + i);
  const lineStarts = [0];
  let offset = 'job_id\n'.length;
  const kinds: ResultKind[] = ['notEligible', 'notEligible', 'notEligible', 'accepted', 'failed', 'notSent', 'unknown', 'notEligible'];
  const entries: Entry[] = ids.map((id, i) => {
    lineStarts.push(offset);
    const span = { start: offset, end: offset + String(id).length };
    offset = span.end + 1;
    return { id, kind: kinds[i % kinds.length], span, message: `Job ${id}: Not eligible for cancellation: Job [${id}] is not found in QUEUED or QUEUEING state` };
  });
  const middleLine = n / 2;
  const window = { start: lineStarts[middleLine - marginLines], end: lineStarts[middleLine + visibleLines + marginLines] };

  const show = (shown: readonly Entry[]) => {
    const { shown: diagnostics } = diagnosticsToShow(shown);
    for (const entry of diagnostics) lineAt(lineStarts, entry.span.start);
    const onScreen = entriesWithin(shown, window.start, window.end);
    for (const entry of onScreen) lineAt(lineStarts, entry.span.start);
    return [diagnostics.length, onScreen.length];
  };
  const [diagnosticCount, decorated] = show(entries);
  const groups = groupByKind(entries);

  // An edit: a character typed on a line above the screen, before half of the results.
  const edits = [{ rangeOffset: lineStarts[middleLine - 1000], rangeLength: 0, insertedLength: 1 }];
  const moved = () => entries.map((entry) => {
    const span = shiftSpan(entry.span, edits);
    return span && (span.start === entry.span.start ? entry : { ...entry, span });
  }).filter((entry): entry is Entry => entry !== undefined);

  const rows = [
    { what: `show ${n} results: diagnostics + decorations on screen`, times: time(() => show(entries)), note: `${diagnosticCount} diagnostics (of ${entries.filter((e) => e.kind !== 'accepted').length} that need action), ${decorated} decorations around ${visibleLines} visible lines` },
    { what: `the view's groups of ${n} results`, times: time(() => groupByKind(entries)), note: groups.map((g) => `${g.kind} ${g.entries.length}`).join(', ') },
    { what: `one edit: spans moved + diagnostics + decorations`, times: time(() => show(moved())), note: 'a character typed above the screen, half the results move' },
    { what: `the view after an edit (at most every 250 ms)`, times: time(() => groupByKind(moved())), note: 'spans moved, then grouped' },
    { what: `a second run over the same ${n} places, merged`, times: time(() => mergeResults(entries, entries.map((e) => ({ ...e, kind: 'accepted' as const })))), note: 'each earlier result replaced' },
    { what: `the view filtered by one ID`, times: time(() => entries.filter((e) => resultMatches('1025000', { id: e.id, text: e.message, file: 'jobs.csv' }))), note: `${n} results matched against the filter` },
  ];
  console.log(`${n} results in one file, median of ${rounds}`);
  for (const row of rows) console.log(`${row.what.padEnd(56)} ${median(row.times).toFixed(2).padStart(8)} ms  (${Math.min(...row.times).toFixed(2)}–${Math.max(...row.times).toFixed(2)})  ${row.note}`);
  for (const row of rows) console.log(JSON.stringify({ bench: 'results', what: row.what, ms: Number(median(row.times).toFixed(2)), note: row.note }));
}

main();
