// One pass over a JSON or JSONC document that keeps only what job IDs need: every object (its span,
// its parent, the value under its best job ID key), the entries of lists of IDs, and syntax errors.
//
// Tokens come from jsonc-parser's scanner (UTF-16 offsets, comments, every JSON escape), but the
// structure is read here, with an explicit stack, instead of by jsonc-parser's `visit`: `visit`
// recurses once per nesting level, so a pasted `[[[[…` a million deep exhausts the call stack and
// throws, and its per-callback bookkeeping (JSON paths, closures) doubled the cost of a 10 MB
// select-all. The reading and the error recovery follow `visit` step by step (same error codes at
// the same tokens, same tokens skipped), so a document reads the same as it did through it.
//
// Two kinds of run are read by hand instead, token by token as the scanner would, because damaged
// text is made of millions of them and the scanner's cost per token made such a text take 10–30
// times as long as a select-all of a normal export: the entries of a list while each is a number or
// a string (readPlainEntries), and comments and stray characters (skipDamage). A test compares both
// readings on random damaged documents (test/unit/ids/jsonByHand.test.ts).
//
// Syntax errors are kept only where a selection can see them, and only the first ones: damaged text
// yields one for every few characters (a 10 MB line of `/*` in JSONC, 1.7 million), and the
// selection lists at most MOST_PROBLEMS_LISTED problems (collector.ts); the rest are counted, and
// past those listed, problems a selection covers are counted without being built one by one.
import { createScanner, ParseErrorCode, printParseErrorCode, ScanError, SyntaxKind } from 'jsonc-parser';
import { MOST_PROBLEMS_LISTED } from './collector';
import { isDigit } from './jobId';
import { idKeyRank, isIdListKey } from './keys';

export const enum SlotKind {
  String,
  /** A number, true or false: judged by its source text (a parsed number is already rounded). */
  Literal,
  Null,
  /** An object or list where an ID was expected. */
  Object,
  List,
  /** A string cut off by a line break or the end of the text. */
  UnclosedString,
  /** A string with a bad escape or a control character in it. */
  BadString,
  /** A number that only space or comments follow before the end of a text that never closes: the
   * end of the text may have cut it. */
  CutNumber,
  /** A number with more after it than JSON allows (`12a34`, `-007`, `1046892abc`): one value
   * written wrong, never the number its first characters make. */
  MalformedNumber,
  /** A number followed by something other than a comma or the end of its list or object (`[1046
   * 892]`): it may be the first part of a longer value. */
  Unfollowed,
  /** A list entry without a comma before it: it may be the last part of a longer value. */
  Unpreceded,
  /** An `id` in an object the end of the text cuts off (or inside one): a job ID key after the cut
   * would outrank it. Given to a slot once the whole text is read (jsonSelection.ts). */
  Outrankable,
}

/** Whether a list entry of this kind is a problem whatever its text: all but a string, a number
 * that counts (Literal) and null. */
export function isSureProblem(kind: SlotKind): boolean {
  return kind !== SlotKind.String && kind !== SlotKind.Literal && kind !== SlotKind.Null;
}

/** Where the parse passes what it finds, as it finds it. */
export interface JsonSink {
  /** Whether an item at [start, end] concerns any selection (see spans.ts: `touches`). */
  touches(start: number, end: number): boolean;
  /** An offset such that every item from `at` on that ends by it concerns a selection (-1 if none). */
  coveredUntil(at: number): number;
  /**
   * An entry of a list of IDs, or a bare value as the whole document, in document order. Returns
   * whether the entries that follow, as long as each is a sure problem (see isSureProblem) that a
   * selection concerns, would only be counted: then the parse may pass those on as a number
   * (`countEntries`) instead of one by one. A damaged line holds millions, past the problems listed.
   */
  listEntry(start: number, end: number, kind: SlotKind): boolean;
  /** `count` entries after the last one passed, each a sure problem within `coveredUntil`; the last
   * of them at [lastStart, lastEnd), of kind `lastKind`. */
  countEntries(count: number, lastStart: number, lastEnd: number, lastKind: SlotKind): void;
  /** A string at [start, end) (quotes included), without an escape or a control character, under a
   * key that names no job ID: what is typed inside it changes no job ID (jsonCursorIndex.ts). */
  plainString?(start: number, end: number): void;
}

/** A value that may be a job ID, at [start, end) (a string with its quotes). */
export interface Slot {
  start: number;
  end: number;
  kind: SlotKind;
  /** The key it is under ('' in a list): the message of a container names it. */
  key: string;
}

/**
 * Every object, by index in document order of their opening braces, as columns of numbers: a
 * select-all reads them all once more after the parse, and typed arrays read in order cost a
 * fraction of a pass over as many small objects spread over the heap.
 */
export class JsonObjects {
  count = 0;
  start = new Int32Array(64);
  /** After its closing brace, or where the text ends when it is never closed. */
  end = new Int32Array(64);
  /** 1 when the text ends before the object closes. */
  cutOff = new Uint8Array(64);
  /** Index of the enclosing object, or -1. */
  parent = new Int32Array(64);
  /** 1 for the root object or an element of a list, rather than the value of some key ("owner": {…}). */
  listed = new Uint8Array(64);
  /** The rank (keys.ts) of the key its slot is under; 0 when it has no slot. */
  slotRank = new Uint8Array(64);
  slotStart = new Int32Array(64);
  slotEnd = new Int32Array(64);
  /** A SlotKind. */
  slotKind = new Uint8Array(64);
  /** The key of a slot that holds an object or a list, which its problem names. */
  readonly containerKeys = new Map<number, string>();

  add(start: number, end: number, parent: number, listed: boolean): number {
    const i = this.count;
    if (i === this.start.length) this.grow(i * 2);
    this.start[i] = start;
    this.end[i] = end;
    this.parent[i] = parent;
    this.listed[i] = listed ? 1 : 0;
    this.cutOff[i] = 0;
    this.slotRank[i] = 0;
    this.count = i + 1;
    return i;
  }

  /** The value at [start, end) under a key of rank `rank`: the object's slot if it ranks higher. */
  offer(i: number, start: number, end: number, kind: SlotKind, key: string, rank: number): void {
    if (rank <= this.slotRank[i]) return;
    this.slotRank[i] = rank;
    this.slotStart[i] = start;
    this.slotEnd[i] = end;
    this.slotKind[i] = kind;
    if (kind === SlotKind.Object || kind === SlotKind.List) this.containerKeys.set(i, key);
  }

  slotKindAt(i: number): SlotKind {
    return this.slotKind[i];
  }

  private grow(size: number): void {
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.parent = grown(this.parent, new Int32Array(size));
    this.listed = grown(this.listed, new Uint8Array(size));
    this.cutOff = grown(this.cutOff, new Uint8Array(size));
    this.slotRank = grown(this.slotRank, new Uint8Array(size));
    this.slotStart = grown(this.slotStart, new Int32Array(size));
    this.slotEnd = grown(this.slotEnd, new Int32Array(size));
    this.slotKind = grown(this.slotKind, new Uint8Array(size));
  }
}

export interface JsonError {
  /** Where it is shown: never empty. */
  start: number;
  end: number;
  /** Which selections it concerns: those touching this span. */
  scopeStart: number;
  scopeEnd: number;
  message: string;
}

export interface ParsedJson {
  objects: JsonObjects;
  /** Those a selection touches: the first MOST_PROBLEMS_LISTED + 1 in document order, and the ones
   * at the end of the text (a container never closed). */
  errors: JsonError[];
  /** Errors a selection touches beyond those. */
  unlistedErrors: number;
}

interface Frame {
  isArray: boolean;
  open: number;
  /** Object: its index in `objects`. */
  object: number;
  /** Array: its entries are IDs. */
  idList: boolean;
  /** The innermost object at or around this container, or -1. */
  enclosingObject: number;
  needsComma: boolean;
}

/** JSON's whitespace, and the byte order mark. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

/** A value the scanner would read as one token without an error: a string without an escape or a
 * control character, a number followed by what ends a token, true, false or null. Sticky, and each
 * branch a run of one character class or a fixed word: the engine's native scan, linear. */
// eslint-disable-next-line no-control-regex -- control characters are what ends a plain string here
const PLAIN_VALUE = /"[^"\\\u0000-\u001f]*"|(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)(?=[ \t\r\n{}[\],:"/]|$)/y;

/** What jsonc-parser's scanner reads as trivia or a line break (not the byte order mark). */
function isTrivia(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether a number can end before `text[i]`: JSON's whitespace, a structural character or a
 * comment. Anything else there (a letter, a digit after a leading zero, a second sign, a no-break
 * space or an invisible character) makes the number and what follows it one malformed value. */
function endsNumber(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 93 || c === 125 || c === 91 || c === 123 || c === 58 || c === 34) return true;
  return c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42);
}

/** Built once per code: damaged text yields the same error millions of times. */
const syntaxMessages = new Map<ParseErrorCode, string>();

function syntaxMessage(code: ParseErrorCode): string {
  let message = syntaxMessages.get(code);
  // printParseErrorCode gives "PropertyNameExpected"; users read "property name expected".
  if (message === undefined) syntaxMessages.set(code, (message = `JSON syntax error: ${printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`));
  return message;
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

const INVALID_COMMENT = syntaxMessage(ParseErrorCode.InvalidCommentToken);
const INVALID_SYMBOL = syntaxMessage(ParseErrorCode.InvalidSymbol);
const UNEXPECTED_END_OF_COMMENT = syntaxMessage(ParseErrorCode.UnexpectedEndOfComment);
const VALUE_EXPECTED = syntaxMessage(ParseErrorCode.ValueExpected);
const COMMA_EXPECTED = syntaxMessage(ParseErrorCode.CommaExpected);
const INVALID_NUMBER = syntaxMessage(ParseErrorCode.InvalidNumberFormat);
const INVALID_UNICODE = syntaxMessage(ParseErrorCode.InvalidUnicode);
const INVALID_ESCAPE = syntaxMessage(ParseErrorCode.InvalidEscapeCharacter);
const INVALID_CHARACTER = syntaxMessage(ParseErrorCode.InvalidCharacter);

/** Where the readers by hand pass their errors: in document order, none held. */
type ErrorReport = (message: string, start: number, end: number) => void;

// The two readers by hand below are functions of their own, with the text a parameter: read from a
// closure, each character costs a third more, and they exist to read millions of tokens fast.

/**
 * From `i` on, what `parseJson`'s `scanNext` does for comments and stray characters, by hand up to
 * the next token that is neither: the same tokens and the same errors, and where that token starts.
 * Each is a token of its own for jsonc-parser's scanner, and a damaged text is millions of them (a
 * 10 MB line of `/*` in JSONC, 3.5 million): read one by one they took 2.5 times as long as a
 * select-all of a 10 MB export. Called only once the scanner has met one, so a sound text never
 * comes here.
 */
function skipDamage(text: string, i: number, strict: boolean, report: ErrorReport): number {
  const n = text.length;
  /** The character at `i`: each is read once. */
  let c = text.charCodeAt(i);
  for (;;) {
    while (isTrivia(c)) c = text.charCodeAt(++i);
    if (i >= n) return i;
    const start = i;
    if (c === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        i += 2;
        while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        if (strict) report(INVALID_COMMENT, start, i);
      } else if (next === 42) {
        // The scanner's loop, step for step: where it stops when the comment is never closed (one
        // past the end when the text ends in `/*` or a line break) is part of the spans it gives.
        i += 2;
        let closed = false;
        while (i < n - 1) {
          const ch = text.charCodeAt(i++);
          if (ch === 42 && text.charCodeAt(i) === 47) {
            i++;
            closed = true;
            break;
          }
          if (ch === 13 && text.charCodeAt(i) === 10) i++;
        }
        if (!closed) report(strict ? INVALID_COMMENT : UNEXPECTED_END_OF_COMMENT, start, ++i);
        else if (strict) report(INVALID_COMMENT, start, i);
      } else report(INVALID_SYMBOL, start, ++i);
      c = text.charCodeAt(i);
      continue;
    }
    // A number, or a lone minus sign, which is a stray character.
    if (c === 45 && !isDigit(text.charCodeAt(i + 1))) {
      report(INVALID_SYMBOL, start, ++i);
      c = text.charCodeAt(i);
      continue;
    }
    if (isDigit(c) || c === 45 || !isSymbolCharacter(c)) return start;
    const first = c;
    while (i < n && isSymbolCharacter(c)) c = text.charCodeAt(++i);
    // true, false or null is a token; any other word a stray one.
    if ((first === 116 || first === 102 || first === 110) && i - start <= 5) {
      const word = text.slice(start, i);
      if (word === 'true' || word === 'false' || word === 'null') return start;
    }
    report(INVALID_SYMBOL, start, i);
  }
}

/**
 * Reads the entries of a list from `i` (where a token starts) on, by hand, as long as each is a
 * number or a string that `parseJson`'s loop would read as one token of the scanner (commas
 * missing, doubled or not), and returns where it stopped, or -1 when it read none; the first other
 * thing (a bracket, a word, a comment, a cut string...) is left to that loop. The same entries and
 * the same errors in the same order as that loop gives them, but without a scanner token, an error
 * held or a string built per entry: a damaged 10 MB line of `[1 1 1 …` holds 5 million entries,
 * each a problem, which read through the scanner took 20–30 times as long as a select-all of a
 * 10 MB export. `needsComma`: an entry came before; `idList`: the entries are IDs (passed to the
 * sink, and their own syntax errors are explained by them), else only their errors are reported.
 */
function readPlainEntries(text: string, i: number, needsComma: boolean, idList: boolean, sink: JsonSink, report: ErrorReport): number {
  const n = text.length;
  let read = false;
  /** Entries that are sure problems up to here are only counted (see JsonSink), and how many were. */
  let countedUpTo = -1;
  let counted = 0;
  let last = 0;
  let lastEnd = 0;
  let lastKind = SlotKind.Null;
  /** The character at `i` (then at `v`, the value): each is read once. */
  let c = text.charCodeAt(i);
  entries: for (;;) {
    let v = i;
    const comma = c === 44;
    if (comma) {
      c = text.charCodeAt(++v);
      while (isTrivia(c)) c = text.charCodeAt(++v);
    }
    const unpreceded = !comma && needsComma;
    /** Where the scanner's token ends; where the value ends (a malformed number runs on). */
    let tokenEnd: number;
    let end: number;
    let kind: SlotKind;
    /** The error of the value itself, if any. */
    let valueError: string | undefined;
    if (c === 34) {
      let e = v + 1;
      for (;;) {
        // Cut by a line break or the end of the text: left to the scanner.
        if (e >= n) break entries;
        const d = text.charCodeAt(e);
        if (d === 34) break;
        if (d === 92) {
          if (++e >= n) break entries;
          const escaped = text.charCodeAt(e++);
          if (escaped === 117) {
            let digits = 0;
            while (digits < 4 && isHexDigitCode(text.charCodeAt(e))) {
              e++;
              digits++;
            }
            if (digits < 4) valueError = INVALID_UNICODE;
          } else if (!isSimpleEscape(escaped)) valueError = INVALID_ESCAPE;
          continue;
        }
        if (d < 0x20) {
          if (d === 10 || d === 13) break entries;
          valueError = INVALID_CHARACTER;
        }
        e++;
      }
      tokenEnd = end = e + 1;
      c = text.charCodeAt(end);
      kind = valueError === undefined ? (unpreceded ? SlotKind.Unpreceded : SlotKind.String) : SlotKind.BadString;
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(v + 1)))) {
      // jsonc-parser's reading of a number; one it reports as cut (`1.`, `1e`) is left to it.
      // `d` is the character at `e`.
      let e = c === 45 ? v + 1 : v;
      const firstDigit = c === 45 ? text.charCodeAt(e) : c;
      let d = text.charCodeAt(++e);
      if (firstDigit !== 48) while (isDigit(d)) d = text.charCodeAt(++e);
      if (d === 46) {
        d = text.charCodeAt(++e);
        if (!isDigit(d)) break entries;
        while (isDigit(d)) d = text.charCodeAt(++e);
      }
      if ((d | 32) === 101) {
        d = text.charCodeAt(++e);
        if (d === 43 || d === 45) d = text.charCodeAt(++e);
        if (!isDigit(d)) break entries;
        while (isDigit(d)) d = text.charCodeAt(++e);
      }
      tokenEnd = end = e;
      c = d;
      if (end < n && !isTrivia(d) && !endsNumber(text, end)) {
        while (end < n && !endsNumber(text, end)) end++;
        c = text.charCodeAt(end);
        kind = SlotKind.MalformedNumber;
        valueError = INVALID_NUMBER;
      } else if (unpreceded) kind = SlotKind.Unpreceded;
      else {
        // The token after it decides (numberKind); a comment or a stray character, which the
        // scanner steps over to find that token, is left to it.
        let w = end;
        while (isTrivia(text.charCodeAt(w))) w++;
        const next = text.charCodeAt(w);
        if (next === 44 || next === 93 || next === 125) kind = SlotKind.Literal;
        else if (w >= n) kind = SlotKind.CutNumber;
        else if (next === 34 || next === 123 || next === 91 || next === 58 || isDigit(next) || (next === 45 && isDigit(text.charCodeAt(w + 1)))) kind = SlotKind.Unfollowed;
        else break entries;
      }
    } else break entries;
    // The entry is read: its errors as the loop gives them, then the entry.
    if (comma && !needsComma) report(VALUE_EXPECTED, i, i + 1);
    needsComma = true;
    if (!idList) {
      // Not explained by an entry that counts: the held errors are released.
      if (kind === SlotKind.MalformedNumber) report(INVALID_NUMBER, v, end);
      else {
        if (valueError !== undefined) report(valueError, v, end);
        if (unpreceded) report(COMMA_EXPECTED, v, tokenEnd);
      }
    } else if (end <= countedUpTo && isSureProblem(kind)) {
      counted++;
      last = v;
      lastEnd = end;
      lastKind = kind;
    } else {
      if (counted > 0) sink.countEntries(counted, last, lastEnd, lastKind);
      counted = 0;
      countedUpTo = sink.listEntry(v, end, kind) ? sink.coveredUntil(v) : -1;
    }
    read = true;
    i = end;
    while (isTrivia(c)) c = text.charCodeAt(++i);
  }
  if (counted > 0) sink.countEntries(counted, last, lastEnd, lastKind);
  return read ? i : -1;
}

/** Where `visit` resumes after a bad member: the container's end or the next comma. */
const RECOVER_IN_LIST: readonly SyntaxKind[] = [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken];
const RECOVER_IN_OBJECT: readonly SyntaxKind[] = [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken];

/** JSON's escapes after a backslash, but for `\u`: `"`, `\`, `/`, b, f, n, r and t. */
function isSimpleEscape(c: number): boolean {
  return c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116;
}

function isHexDigitCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** What jsonc-parser's scanner reads into one symbol token (a word, or a run of stray characters). */
function isSymbolCharacter(c: number): boolean {
  return !(isTrivia(c) || c === 125 || c === 93 || c === 123 || c === 91 || c === 34 || c === 58 || c === 44 || c === 47);
}

/**
 * `byHand` (the default) reads long runs of list entries and of comments and stray characters with
 * the hand-written loops below rather than token by token through jsonc-parser's scanner; tests turn
 * it off to compare the two readings, which must agree in every entry and error.
 */
export function parseJson(text: string, strict: boolean, sink: JsonSink, byHand = true): ParsedJson {
  const objects = new JsonObjects();
  const errors: JsonError[] = [];
  let unlistedErrors = 0;
  /** Errors of the value just read, held until it is known whether its slot explains them (a cut
   * string reported as the value it should have been needs no syntax error too). */
  const held: JsonError[] = [];
  const frames: Frame[] = [];
  const scanner = createScanner(text, false);
  // A byte order mark is not part of the document (jsonc-parser's scanner would read it as a symbol).
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  let tokenError = ScanError.None;
  const keep = (start: number, end: number, scopeStart: number, scopeEnd: number, message: string, atEnd = false) => {
    if (!sink.touches(scopeStart, scopeEnd)) return;
    // Errors come in document order, but for those of the end of the text, found last. Those only
    // counted are never built: damaged text yields millions.
    if (atEnd || errors.length <= MOST_PROBLEMS_LISTED) errors.push({ start, end, scopeStart, scopeEnd, message });
    else unlistedErrors++;
  };
  const releaseHeld = () => {
    for (const e of held) keep(e.start, e.end, e.scopeStart, e.scopeEnd, e.message);
    held.length = 0;
  };
  const addError = (message: string, start: number, end: number, scopeStart = start, scopeEnd = end, hold = false) => {
    // jsonc-parser gives a comment cut by the end of the text one character more than there is.
    end = Math.min(end, text.length);
    const atEnd = start >= end;
    if (atEnd) {
      // Only the end of the text has no width: show the error on the last character that is not
      // space (none: an empty document, where there is nothing to point at, and nothing selected).
      let last = text.length;
      while (last > 0 && isBlank(text.charCodeAt(last - 1))) last--;
      if (last === 0) return;
      const low = text.charCodeAt(last - 1);
      start = last - (low >= 0xdc00 && low <= 0xdfff && last >= 2 ? 2 : 1);
      end = last;
      scopeStart = start;
      scopeEnd = text.length;
    }
    if (hold) held.push({ start, end, scopeStart, scopeEnd, message });
    else keep(start, end, scopeStart, scopeEnd, message, atEnd);
  };
  const tokenErrorAt = (code: ParseErrorCode, hold = false) => {
    const start = scanner.getTokenOffset();
    addError(syntaxMessage(code), start, start + scanner.getTokenLength(), start, start + scanner.getTokenLength(), hold);
  };
  /** Past the errors listed, how far a selection concerns every error from the last one on. */
  let reportCoveredTo = -1;
  /** An error found by hand, not held, in document order: counted at once when it is past those
   * listed and a selection concerns it. */
  const report = (message: string, start: number, end: number) => {
    if (end <= reportCoveredTo && errors.length > MOST_PROBLEMS_LISTED) {
      unlistedErrors++;
      return;
    }
    addError(message, start, end);
    if (errors.length > MOST_PROBLEMS_LISTED) reportCoveredTo = sink.coveredUntil(start);
  };
  const scanNext = (): SyntaxKind => {
    releaseHeld();
    for (;;) {
      const t = scanner.scan();
      tokenError = scanner.getTokenError();
      if (tokenError !== ScanError.None) {
        const code = SCAN_ERRORS[tokenError] ?? (strict ? undefined : ParseErrorCode.UnexpectedEndOfComment);
        if (code !== undefined) tokenErrorAt(code, t === SyntaxKind.StringLiteral || t === SyntaxKind.NumericLiteral);
      }
      switch (t) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          if (strict) tokenErrorAt(ParseErrorCode.InvalidCommentToken);
          if (byHand) scanner.setPosition(skipDamage(text, scanner.getPosition(), strict, report));
          break;
        case SyntaxKind.Unknown:
          tokenErrorAt(ParseErrorCode.InvalidSymbol);
          if (byHand) scanner.setPosition(skipDamage(text, scanner.getPosition(), strict, report));
          break;
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        default:
          return t;
      }
    }
  };
  /** `visit`'s recovery: report at the current token, then skip to one of `until` (kept) or past `after`. */
  const fail = (code: ParseErrorCode, until: readonly SyntaxKind[] = [], after?: SyntaxKind) => {
    tokenErrorAt(code);
    if (until.length === 0 && after === undefined) return;
    while (scanner.getToken() !== SyntaxKind.EOF) {
      if (scanner.getToken() === after) {
        scanNext();
        return;
      }
      if (until.includes(scanner.getToken())) return;
      scanNext();
    }
  };

  /**
   * Steps over the value that follows the current token when it is plain (see PLAIN_VALUE), and
   * reads the token after it. A value under a key that names no job ID is never offered, and the
   * scanner would build each title and date into a string one piece at a time only for it to be
   * dropped: most of a job list's text is such values. Anything else (a comment, an escape, a cut
   * string, a malformed number) is left to the scanner, which reports it as before.
   */
  const skipPlainValue = (): boolean => {
    let i = scanner.getPosition();
    while (i < text.length && isTrivia(text.charCodeAt(i))) i++;
    PLAIN_VALUE.lastIndex = i;
    if (!PLAIN_VALUE.test(text)) return false;
    if (text.charCodeAt(i) === 34) sink.plainString?.(i, PLAIN_VALUE.lastIndex);
    scanner.setPosition(PLAIN_VALUE.lastIndex);
    scanNext();
    return true;
  };

  /** The value under `key` (undefined in a list) of the innermost container, or the whole document. */
  const offer = (start: number, end: number, kind: SlotKind, key: string, rank: number) => {
    const f = frames[frames.length - 1];
    if (f === undefined || f.isArray) {
      if (f === undefined || f.idList) sink.listEntry(start, end, kind);
      return;
    }
    objects.offer(f.object, start, end, kind, key, rank);
  };
  /** Whether the value about to be offered under a key of rank `rank` (or in a list) will be its
   * container's slot for good, so that its problem explains its own syntax errors: a list entry, or
   * the first job ID key of an object. An `id` can still lose its place to a job ID key. */
  const slotForGood = (rank: number): boolean => {
    const f = frames[frames.length - 1];
    return f === undefined || (f.isArray ? f.idList : rank === 2 && objects.slotRank[f.object] < 2);
  };
  /** A number (after its token) counts only where what follows proves it whole. */
  const numberKind = (): SlotKind => {
    switch (scanner.getToken()) {
      case SyntaxKind.CommaToken:
      case SyntaxKind.CloseBracketToken:
      case SyntaxKind.CloseBraceToken:
        return SlotKind.Literal;
      case SyntaxKind.EOF:
        return frames.length === 0 ? SlotKind.Literal : SlotKind.CutNumber;
      default:
        return SlotKind.Unfollowed;
    }
  };
  /** Reads the value at the current token (under `key` of rank `rank`, or in a list, where
   * `unpreceded` says no comma came before it): a literal whole, a container only its opening. */
  const beginValue = (key: string | undefined, rank: number, unpreceded = false): boolean => {
    const start = scanner.getTokenOffset();
    let end = start + scanner.getTokenLength();
    switch (scanner.getToken()) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const isArray = scanner.getToken() === SyntaxKind.OpenBracketToken;
        const parent = frames[frames.length - 1];
        if (rank > 0) offer(start, end, isArray ? SlotKind.List : SlotKind.Object, key as string, rank);
        const idList = parent === undefined || (parent.isArray ? parent.idList : isArray && isIdListKey(key as string));
        const enclosing = parent === undefined ? -1 : parent.enclosingObject;
        let object = -1;
        if (!isArray) {
          object = objects.add(start, text.length, enclosing, parent === undefined || parent.isArray);
        }
        frames.push({ isArray, open: start, object, idList, needsComma: false, enclosingObject: isArray ? enclosing : object });
        scanNext();
        return true;
      }
      case SyntaxKind.StringLiteral: {
        const offered = key === undefined || rank > 0;
        const kind = tokenError === ScanError.None ? SlotKind.String : tokenError === ScanError.UnexpectedEndOfString ? SlotKind.UnclosedString : SlotKind.BadString;
        if (offered && slotForGood(rank)) held.length = 0;
        scanNext();
        if (offered) offer(start, end, unpreceded && kind === SlotKind.String ? SlotKind.Unpreceded : kind, key ?? '', rank);
        return true;
      }
      case SyntaxKind.NumericLiteral: {
        const offered = key === undefined || rank > 0;
        // The scanner ends a number at the first character that cannot go on with it and reads the
        // rest as more tokens: `-007` as -0, 0 and 7. Read here as the one value it is written as.
        const malformed = end < text.length && !endsNumber(text, end);
        if (malformed) {
          while (end < text.length && !endsNumber(text, end)) end++;
          held.length = 0;
          addError(syntaxMessage(ParseErrorCode.InvalidNumberFormat), start, end, start, end, true);
          scanner.setPosition(end);
        } else if (Number.isNaN(Number(scanner.getTokenValue()))) addError(syntaxMessage(ParseErrorCode.InvalidNumberFormat), start, end, start, end, true);
        if (offered && slotForGood(rank)) held.length = 0;
        scanNext();
        if (offered) offer(start, end, malformed ? SlotKind.MalformedNumber : unpreceded ? SlotKind.Unpreceded : numberKind(), key ?? '', rank);
        return true;
      }
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword: {
        if (key === undefined || rank > 0) offer(start, end, scanner.getToken() === SyntaxKind.NullKeyword ? SlotKind.Null : unpreceded ? SlotKind.Unpreceded : SlotKind.Literal, key ?? '', rank);
        scanNext();
        return true;
      }
      default:
        return false;
    }
  };
  const endContainer = (f: Frame) => {
    const close = f.isArray ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
    frames.pop();
    if (!f.isArray) objects.end[f.object] = scanner.getTokenOffset() + scanner.getTokenLength();
    if (scanner.getToken() === close) scanNext();
    else if (scanner.getToken() === SyntaxKind.EOF) {
      if (!f.isArray) objects.cutOff[f.object] = 1;
      // Every container still open ends here; the outermost says it for all of them (a pasted
      // `[[[[…` a million deep is one problem, not a million).
      if (frames.length === 0) addError(`JSON syntax error: this ${f.isArray ? 'bracket' : 'brace'} is never closed`, f.open, f.open + 1, f.open, text.length);
    } else fail(f.isArray ? ParseErrorCode.CloseBracketExpected : ParseErrorCode.CloseBraceExpected, [], close);
  };

  /** The list `f` read by hand from the current token on, as far as it can be (see readPlainEntries). */
  const readEntriesByHand = (f: Frame): boolean => {
    // Errors of the current token are held: read as the loop below reads it.
    if (held.length > 0) return false;
    const stop = readPlainEntries(text, scanner.getTokenOffset(), f.needsComma, f.idList, sink, report);
    if (stop < 0) return false;
    f.needsComma = true;
    scanner.setPosition(stop);
    scanNext();
    return true;
  };

  scanNext();
  if (scanner.getToken() === SyntaxKind.EOF || !beginValue(undefined, 0)) {
    fail(ParseErrorCode.ValueExpected);
    releaseHeld();
    return { objects, errors, unlistedErrors };
  }
  while (frames.length > 0) {
    const f = frames[frames.length - 1];
    const close = f.isArray ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
    if (scanner.getToken() === close || scanner.getToken() === SyntaxKind.EOF) {
      endContainer(f);
      continue;
    }
    if (f.isArray && byHand && readEntriesByHand(f)) continue;
    let unpreceded = false;
    if (scanner.getToken() === SyntaxKind.CommaToken) {
      if (!f.needsComma) fail(ParseErrorCode.ValueExpected);
      scanNext();
      if (scanner.getToken() === close && !strict) continue;
    } else if (f.needsComma) {
      // In a list the entry itself says so when it is one that counts.
      unpreceded = f.isArray;
      tokenErrorAt(ParseErrorCode.CommaExpected, unpreceded);
    }
    f.needsComma = true;
    const recover = f.isArray ? RECOVER_IN_LIST : RECOVER_IN_OBJECT;
    if (f.isArray) {
      if (!beginValue(undefined, 0, unpreceded)) fail(ParseErrorCode.ValueExpected, recover);
    } else if (scanner.getToken() !== SyntaxKind.StringLiteral) {
      fail(ParseErrorCode.PropertyNameExpected, recover);
      fail(ParseErrorCode.ValueExpected, recover);
    } else {
      const key = scanner.getTokenValue();
      scanNext();
      if (scanner.getToken() === SyntaxKind.ColonToken) {
        const rank = idKeyRank(key);
        if (rank > 0 || !skipPlainValue()) {
          scanNext();
          if (!beginValue(key, rank)) fail(ParseErrorCode.ValueExpected, recover);
        }
      } else fail(ParseErrorCode.ColonExpected, recover);
    }
  }
  if (scanner.getToken() !== SyntaxKind.EOF) fail(ParseErrorCode.EndOfFileExpected);
  releaseHeld();
  return { objects, errors, unlistedErrors };
}
