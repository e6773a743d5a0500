// Selected CSV cells → job IDs and problems, in one streaming pass: cells are classified as the
// tokenizer passes them and nothing is kept per row, so a select-all over 100 MB holds only its
// results. Tokenizing starts at the record that holds the first selection (see recordStart.ts) and
// stops after the last selection, so a small selection in a large file costs a quote scan of the
// text before it, not a full parse (bench/ids.bench.ts measures both; the README's Benchmarks has
// the figures).
import { CsvTokenizer, FieldKind, quotedThenTextValue } from './csvTokenizer';
import { detectDelimiter } from './delimiter';
import { classify, isNumberLike, notAnIdMessage, type Verdict } from './jobId';
import { recordStartAt } from './recordStart';
import { Collector, normalizeSelections, touches } from './spans';
import type { Extraction, TextSpan } from './types';

const UNCLOSED = 'CSV syntax error: this quote is never closed, so the rest of the file is one cell';

/** Header names of a job ID column, compared without case, spaces, underscores or hyphens. A
 * column named exactly like the job ID wins over a generic "id" column. */
export function idHeaderRank(name: string): number {
  const key = name.toLowerCase().replace(/[\s_-]+/g, '');
  return key === 'jobid' ? 2 : key === 'id' ? 1 : 0;
}

interface Header {
  /** The first record is a header: it has text and no number at all. */
  present: boolean;
  /** Column of the job IDs per the header, or -1. */
  idColumn: number;
}

function readHeader(text: string, delimiter: string, start: number): Header {
  const t = new CsvTokenizer(text, delimiter, start);
  let hasText = false;
  let hasNumber = false;
  let idColumn = -1;
  let bestRank = 0;
  while (t.next()) {
    const value = t.value().trim();
    if (value !== '') {
      if (isNumberLike(value)) hasNumber = true;
      else hasText = true;
      const rank = idHeaderRank(value);
      if (rank > bestRank) {
        bestRank = rank;
        idColumn = t.column;
      }
    }
    if (t.endsRecord) break;
  }
  const present = hasText && !hasNumber;
  return { present, idColumn: present ? idColumn : -1 };
}

interface Cell {
  kind: FieldKind;
  fieldStart: number;
  fieldEnd: number;
  innerStart: number;
  innerEnd: number;
}

function cellVerdict(text: string, c: Cell): Verdict {
  switch (c.kind) {
    case FieldKind.Plain:
      return classify(text, c.fieldStart, c.fieldEnd);
    case FieldKind.Quoted:
      return classify(text, c.innerStart, c.innerEnd);
    case FieldKind.QuotedWithEscapes: {
      // A value holding a quote is never an ID; the message shows it as the user reads it.
      const v = classify(text, c.innerStart, c.innerEnd);
      if (v.kind !== 'problem') return v;
      return { ...v, message: notAnIdMessage(text.slice(v.start, v.end).replace(/""/g, '"')) };
    }
    case FieldKind.QuotedThenText: {
      const v = classify(text, c.fieldStart, c.fieldEnd);
      return v.kind === 'problem' ? { ...v, message: notAnIdMessage(quotedThenTextValue(text, c).trim()) } : v;
    }
    case FieldKind.Unclosed:
      return { kind: 'problem', start: c.fieldStart, end: c.fieldStart + 1, message: UNCLOSED };
  }
}

/**
 * Per selection: the "ID column only" rule applies when the header names a job ID column and the
 * selection spans several columns. Then, like a JSON object selected anywhere inside, every row the
 * selection touches counts through its ID cell, even where the selection starts after that cell or
 * ends before it: selecting rows of an export, whole or from the middle of one row to the middle of
 * another, means their jobs. Until a selection has touched a second column it may still be a
 * one-column selection (a cell, or one line of a column box selection), whose cells count as they
 * are, so its rows wait in `pending` (one entry per row, and only when that column is not the ID
 * column: a select-all decides on its first row, and a column box selection is one row each).
 */
interface SelectionState {
  sel: TextSpan;
  firstColumn: number;
  several: boolean;
  /** The cell it touched in the current row, when it is still a one-column selection. */
  touchedRow: boolean;
  cell: Cell | undefined;
  pending: { cell: Cell | undefined; idCell: Cell | undefined }[];
}

function snapshot(c: Cell): Cell {
  return copyCell(c, { kind: c.kind, fieldStart: 0, fieldEnd: 0, innerStart: 0, innerEnd: 0 });
}

function copyCell(from: Cell, to: Cell): Cell {
  to.kind = from.kind;
  to.fieldStart = from.fieldStart;
  to.fieldEnd = from.fieldEnd;
  to.innerStart = from.innerStart;
  to.innerEnd = from.innerEnd;
  return to;
}

export function extractCsv(text: string, delimiterHint: 'csv' | 'tsv', selections: readonly TextSpan[]): Extraction {
  const out = new Collector();
  const sels = normalizeSelections(selections, text.length);
  if (sels.length === 0) return out.finish();
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = delimiterHint === 'tsv' ? '\t' : detectDelimiter(text, bodyStart);
  const header = readHeader(text, delimiter, bodyStart);
  const idColumn = header.idColumn;
  const lastEnd = sels.reduce((m, s) => Math.max(m, s.end), 0);

  const from = recordStartAt(text, delimiter, bodyStart, sels[0].start);
  const t = new CsvTokenizer(text, delimiter, from, from === bodyStart ? 0 : 1);
  const states: SelectionState[] = sels.map((sel) => ({ sel, firstColumn: -1, several: false, touchedRow: false, cell: undefined, pending: [] }));
  let next = 0;
  let active: SelectionState[] = [];
  let rowIdCell: Cell | undefined;
  const spareCell: Cell = { kind: FieldKind.Plain, fieldStart: 0, fieldEnd: 0, innerStart: 0, innerEnd: 0 };

  const emit = (c: Cell | undefined) => {
    if (c !== undefined) out.add(cellVerdict(text, c));
  };
  const settle = (s: SelectionState) => {
    for (const p of s.pending) emit(s.several ? p.idCell : p.cell);
    s.pending = [];
  };
  /** At the end of a row, every selection that touched it yields the row (or queues it). */
  const endRow = () => {
    for (const s of active) {
      if (!s.touchedRow) continue;
      // A one-column selection in the ID column yields the same cells either way: no need to wait.
      if (s.several || s.firstColumn === idColumn) emit(rowIdCell);
      else s.pending.push({ cell: s.cell, idCell: rowIdCell && snapshot(rowIdCell) });
      s.touchedRow = false;
      s.cell = undefined;
    }
    rowIdCell = undefined;
  };

  while (t.next()) {
    const start = t.fieldStart;
    const end = t.fieldEnd;
    if (start > lastEnd && t.column === 0) break;
    if (t.column === 0 && active.some((s) => isBehind(s.sel, start))) {
      active = active.filter((s) => {
        if (!isBehind(s.sel, start)) return true;
        settle(s);
        return false;
      });
    }
    while (next < states.length && states[next].sel.start <= end) active.push(states[next++]);
    // Kept even before a selection starts: a row touched after its ID cell still counts by it.
    // One object reused for every row (a select-all over 100 MB has a million rows); copied only
    // when a row has to wait in `pending`.
    if (t.column === idColumn) rowIdCell = copyCell(t, rowIdCell ?? spareCell);
    if (active.length === 0 || (header.present && t.record === 0)) {
      if (t.endsRecord) endRow();
      continue;
    }
    if (idColumn < 0) {
      // No ID column: every touched cell counts as it is, once.
      if (active.some((s) => touches(s.sel, start, end))) emit(t);
      continue;
    }
    for (const s of active) {
      if (!touches(s.sel, start, end)) continue;
      // A quote never closed swallows the rest of the file: say so whichever column it is in.
      if (t.kind === FieldKind.Unclosed) emit(t);
      s.touchedRow = true;
      if (s.firstColumn < 0) s.firstColumn = t.column;
      else if (!s.several && t.column !== s.firstColumn) {
        s.several = true;
        settle(s);
      }
      if (!s.several) s.cell = snapshot(t);
    }
    if (t.endsRecord) endRow();
  }
  endRow();
  for (const s of active) settle(s);
  return out.finish();
}

/** The selection ends before this cell, so no later cell can be under it either. */
function isBehind(sel: TextSpan, cellStart: number): boolean {
  return sel.start === sel.end ? sel.start < cellStart : sel.end <= cellStart;
}
