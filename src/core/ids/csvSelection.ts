// Selected CSV cells → job IDs and problems, in one streaming pass: cells are classified as the
// tokenizer passes them and nothing is kept per row, so a select-all over 100 MB holds only its
// results. Tokenizing starts at the record that holds the first selection (see recordStart.ts) and
// stops after the last selection, so a small selection in a large file costs a quote scan of the
// text before it, not a full parse (bench/ids.bench.ts measures both; the README's Benchmarks has
// the figures).
import { CsvTokenizer, FieldKind, quotedThenTextValue } from './csvTokenizer';
import { detectDelimiter } from './delimiter';
import { classify, isNumberLike, isSpace, notAnIdMessage, plainIdAt, type Verdict } from './jobId';
import { idKeyRank } from './keys';
import { recordStartAt } from './recordStart';
import { Collector } from './collector';
import { normalizeSelections, SelectionSweep } from './spans';
import type { Extraction, TextSpan } from './types';

const UNCLOSED = 'CSV syntax error: this quote is never closed, so the rest of the file is one cell';

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
    // Judged in place: a header cell can be megabytes of damaged text, and only short names rank.
    const quoted = t.kind === FieldKind.Quoted;
    let start = quoted ? t.innerStart : t.fieldStart;
    let end = quoted ? t.innerEnd : t.fieldEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start < end) {
      // A value holding a quote (escaped, or text after a closing one) is text, never a number or a name.
      const plain = quoted || t.kind === FieldKind.Plain;
      if (plain && isNumberLike(text, start, end)) hasNumber = true;
      else hasText = true;
      const rank = plain ? idKeyRank(text.slice(start, Math.min(end, start + 64))) : 0;
      if (rank > bestRank) {
        bestRank = rank;
        idColumn = t.column;
      }
    }
    // A number anywhere means no header, whatever follows: a one-line file of a million cells is
    // not read twice.
    if (t.endsRecord || hasNumber) break;
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

/** Adds the cell's ID when it is plainly one (see plainIdAt), without building a verdict. */
function addPlainId(out: Collector, text: string, c: Cell): boolean {
  const quoted = c.kind === FieldKind.Quoted;
  if (!quoted && c.kind !== FieldKind.Plain) return false;
  const start = quoted ? c.innerStart : c.fieldStart;
  const end = quoted ? c.innerEnd : c.fieldEnd;
  const id = plainIdAt(text, start, end);
  if (id > 0) out.addId(id, start, end);
  return id > 0;
}

/** The tokenizer's current field, kept past the field (the ID cell of a row is read at the row's end). */
function copyCell(from: Cell, to: Cell): Cell {
  to.kind = from.kind;
  to.fieldStart = from.fieldStart;
  to.fieldEnd = from.fieldEnd;
  to.innerStart = from.innerStart;
  to.innerEnd = from.innerEnd;
  return to;
}

/**
 * Which cells count, the same for a cursor, a drag and select-all:
 * - when the header names a job ID column (see keys.ts), a row counts through its ID cell whenever a
 *   selection touches any cell of it, like a JSON job object selected anywhere inside: selecting a
 *   title, a created_by value or a whole row means that row's job, never the value selected. A row
 *   whose ID cell is empty yields nothing: no other column is ever taken for it;
 * - without one, every touched cell counts as it is. A cell that is not an ID is a problem only when
 *   one selection covers its whole value: a cursor in a word, or a drag across part of it, selects
 *   text that nobody meant as an ID. A quote never closed is always reported: it swallows the rest
 *   of the file.
 */
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
  const touched = new SelectionSweep(sels);
  const covered = new SelectionSweep(sels);
  // One object reused for every row (a select-all over 100 MB has a million rows).
  const rowIdCell: Cell = { kind: FieldKind.Plain, fieldStart: 0, fieldEnd: 0, innerStart: 0, innerEnd: 0 };
  let rowHasId = false;
  let rowTouched = false;

  while (!out.full && t.next()) {
    if (t.fieldStart > lastEnd && t.column === 0) break;
    const isHeader = header.present && t.record === 0;
    const hit = !isHeader && touched.touches(t.fieldStart, t.fieldEnd);
    if (idColumn >= 0) {
      if (t.column === idColumn) {
        copyCell(t, rowIdCell);
        rowHasId = true;
      }
      rowTouched ||= hit;
      if (hit && t.kind === FieldKind.Unclosed && t.column !== idColumn) out.add(cellVerdict(text, t));
      if (t.endsRecord) {
        if (rowTouched && rowHasId && !addPlainId(out, text, rowIdCell)) out.add(cellVerdict(text, rowIdCell));
        rowTouched = false;
        rowHasId = false;
      }
    } else if (hit && !addPlainId(out, text, t)) {
      const v = cellVerdict(text, t);
      if (v.kind !== 'problem' || t.kind === FieldKind.Unclosed || covered.covers(v.start, v.end)) out.add(v);
    }
  }
  // The tokenizer ends the last field of the text as the end of a record, so every row is settled.
  return out.finish();
}
