// A position-exact RFC 4180 tokenizer. It walks the document's string itself, so every field's
// start and end are UTF-16 offsets for free, and it builds no string for a field nobody asked about.
//
// Why not csv-parse at run time (it is the project's CSV parser and stays the oracle of
// test/unit/ids/csvDifferential.test.ts, which checks that both give the same values on the whole corpus
// and on random input): csv-parse reports a field's end only as a UTF-8 byte count and never its
// start, so exact ranges would need a second walk converting bytes to UTF-16 offsets and re-scanning
// each field for its quotes, on top of csv-parse's own parse. And csv-parse's parse alone is several
// times slower than this whole extraction, with a higher peak memory: bench/ids.bench.ts measures
// both side by side (figures in the README's Benchmarks).
//
// Quotes follow csv-parse's relaxed reading, which is also what spreadsheets do with damaged files:
// a quote inside an unquoted field is a literal character; a quoted field followed by more text
// before the delimiter is taken literally, quotes included; a quote never closed runs to the end of
// the text (csv-parse throws there; we report it as a problem instead).
// Line endings: CRLF, LF and CR all end a record, mixed freely.

const QUOTE = 34;
const LF = 10;
const CR = 13;

export enum FieldKind {
  /** Value is the raw text. */
  Plain,
  /** Value is the text between the quotes, without doubled quotes inside. */
  Quoted,
  /** Between the quotes, with `""` standing for `"`. */
  QuotedWithEscapes,
  /** Opening quote with no closing quote: the field runs to the end of the text. */
  Unclosed,
  /** A quoted part with `""` inside, then more text before the delimiter: csv-parse's value is the
   * quoted part with its escapes undone, its quotes kept, then the text. (Without escapes that is
   * simply the raw text, and the field is `Plain`.) */
  QuotedThenText,
}

export class CsvTokenizer {
  /** Raw span of the current field: from its first character (an opening quote included) to the
   * delimiter or line break that ends it. */
  fieldStart = 0;
  fieldEnd = 0;
  /** For quoted kinds, the span between the quotes. */
  innerStart = 0;
  innerEnd = 0;
  kind = FieldKind.Plain;
  /** Column and record of the current field, 0-based. */
  column = -1;
  record = 0;

  private pos: number;
  private readonly len: number;
  private readonly delim: number;
  /** After a delimiter another field always follows, even at the end of the text (`a,`). */
  private fieldPending = true;
  private endedRecord = false;

  constructor(
    private readonly text: string,
    delimiter: string,
    start = 0,
    /** Numbering of the record `start` opens, when starting mid-text at a record start. */
    firstRecord = 0,
  ) {
    this.pos = start;
    this.len = text.length;
    this.delim = delimiter.charCodeAt(0);
    this.record = firstRecord;
    this.fieldPending = start < this.len;
  }

  /** Moves to the next field; false when the text is exhausted. */
  next(): boolean {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    if (p >= len && !this.fieldPending) return false;
    if (this.endedRecord) {
      this.record++;
      this.column = 0;
      this.endedRecord = false;
    } else {
      this.column++;
    }
    this.fieldStart = p;
    this.kind = FieldKind.Plain;
    if (p < len && text.charCodeAt(p) === QUOTE) {
      let from = p + 1;
      let close: number;
      let escapes = false;
      for (;;) {
        close = text.indexOf('"', from);
        if (close < 0 || close >= len) break;
        if (close + 1 < len && text.charCodeAt(close + 1) === QUOTE) {
          escapes = true;
          from = close + 2;
          continue;
        }
        break;
      }
      if (close < 0 || close >= len) {
        this.kind = FieldKind.Unclosed;
        this.innerStart = p + 1;
        this.innerEnd = len;
        this.fieldEnd = len;
        this.pos = len;
        this.fieldPending = false;
        this.endedRecord = true;
        return true;
      }
      const after = close + 1 < len ? text.charCodeAt(close + 1) : -1;
      if (after === this.delim || after === LF || after === CR || after === -1) {
        this.kind = escapes ? FieldKind.QuotedWithEscapes : FieldKind.Quoted;
        this.innerStart = p + 1;
        this.innerEnd = close;
        p = close + 1;
      } else {
        this.kind = escapes ? FieldKind.QuotedThenText : FieldKind.Plain;
        this.innerStart = p + 1;
        this.innerEnd = close;
        p = this.scanPlain(close + 1);
      }
    } else {
      p = this.scanPlain(p);
    }
    this.fieldEnd = p;
    if (p >= len) {
      this.pos = len;
      this.fieldPending = false;
      this.endedRecord = true;
      return true;
    }
    const c = text.charCodeAt(p);
    if (c === this.delim) {
      this.pos = p + 1;
      this.fieldPending = true;
    } else {
      this.pos = c === CR && p + 1 < len && text.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
      this.fieldPending = false;
      this.endedRecord = true;
    }
    return true;
  }

  /** True when the current field is the last of its record. */
  get endsRecord(): boolean {
    return this.endedRecord;
  }

  /** The field's value as csv-parse gives it. */
  value(): string {
    switch (this.kind) {
      case FieldKind.Plain:
        return this.text.slice(this.fieldStart, this.fieldEnd);
      case FieldKind.Quoted:
        return this.text.slice(this.innerStart, this.innerEnd);
      case FieldKind.QuotedThenText:
        return quotedThenTextValue(this.text, this);
      default:
        return this.text.slice(this.innerStart, this.innerEnd).replace(/""/g, '"');
    }
  }

  private scanPlain(p: number): number {
    const text = this.text;
    const len = this.len;
    const delim = this.delim;
    for (; p < len; p++) {
      const c = text.charCodeAt(p);
      if (c === delim || c === LF || c === CR) break;
    }
    return p;
  }
}

export function quotedThenTextValue(text: string, f: { innerStart: number; innerEnd: number; fieldEnd: number }): string {
  return `"${text.slice(f.innerStart, f.innerEnd).replace(/""/g, '"')}${text.slice(f.innerEnd, f.fieldEnd)}`;
}
