// One pass over a JSON or JSONC document that keeps only what job IDs need: every object (its span,
// its parent, the value under its best job ID key), the entries of lists of IDs, and syntax errors.
//
// Tokens come from jsonc-parser's scanner (UTF-16 offsets, comments, every JSON escape), but the
// structure is read here, with an explicit stack, instead of by jsonc-parser's `visit`: `visit`
// recurses once per nesting level, so a pasted `[[[[…` a million deep exhausts the call stack and
// throws, and its per-callback bookkeeping (JSON paths, closures) doubled the cost of a 10 MB
// select-all. The reading and the error recovery follow `visit` step by step (same error codes at
// the same tokens, same tokens skipped), so a document reads the same as it did through it.
import { createScanner, ParseErrorCode, printParseErrorCode, ScanError, SyntaxKind } from 'jsonc-parser';
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
  /** A number that ends the text while a container is still open: the text may have cut it. */
  CutNumber,
}

/** A value that may be a job ID, at [start, end) (a string with its quotes). */
export interface Slot {
  start: number;
  end: number;
  kind: SlotKind;
  /** The key it is under ('' in a list): the message of a container names it. */
  key: string;
}

export interface JsonObject {
  start: number;
  /** After its closing brace, or where the text ends when it is never closed. */
  end: number;
  /** Index of the enclosing object in `objects`, or -1. */
  parent: number;
  /** The root object or an element of a list, rather than the value of some key ("owner": {…}). */
  listed: boolean;
  slot: Slot | undefined;
  slotRank: number;
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
  /** In document order of their opening braces. */
  objects: JsonObject[];
  /** Entries of lists of IDs (and a bare value as the whole document), in document order. */
  listEntries: Slot[];
  errors: JsonError[];
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

function syntaxMessage(code: ParseErrorCode): string {
  // printParseErrorCode gives "PropertyNameExpected"; users read "property name expected".
  return `JSON syntax error: ${printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

const SCAN_ERRORS: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

/** Where `visit` resumes after a bad member: the container's end or the next comma. */
const RECOVER_IN_LIST: readonly SyntaxKind[] = [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken];
const RECOVER_IN_OBJECT: readonly SyntaxKind[] = [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken];

export function parseJson(text: string, strict: boolean): ParsedJson {
  const objects: JsonObject[] = [];
  const listEntries: Slot[] = [];
  const errors: JsonError[] = [];
  const frames: Frame[] = [];
  const scanner = createScanner(text, false);
  // A byte order mark is not part of the document (jsonc-parser's scanner would read it as a symbol).
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  let tokenError = ScanError.None;
  const addError = (message: string, start: number, end: number, scopeStart = start, scopeEnd = end) => {
    if (start === end) {
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
    errors.push({ start, end, scopeStart, scopeEnd, message });
  };
  const tokenErrorAt = (code: ParseErrorCode) => {
    const start = scanner.getTokenOffset();
    addError(syntaxMessage(code), start, start + scanner.getTokenLength());
  };
  const scanNext = (): SyntaxKind => {
    for (;;) {
      const t = scanner.scan();
      tokenError = scanner.getTokenError();
      if (tokenError !== ScanError.None) {
        const code = SCAN_ERRORS[tokenError];
        if (code !== undefined) tokenErrorAt(code);
        else if (!strict) tokenErrorAt(ParseErrorCode.UnexpectedEndOfComment);
      }
      switch (t) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          if (strict) tokenErrorAt(ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.Unknown:
          tokenErrorAt(ParseErrorCode.InvalidSymbol);
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

  /** The value under `key` (undefined in a list) of the innermost container, or the whole document. */
  const offer = (slot: Slot, rank: number) => {
    const f = frames[frames.length - 1];
    if (f === undefined || f.isArray) {
      if (f === undefined || f.idList) listEntries.push(slot);
      return;
    }
    const o = objects[f.object];
    if (rank > o.slotRank) {
      o.slot = slot;
      o.slotRank = rank;
    }
  };
  /** Reads the value at the current token (under `key` of rank `rank`, or in a list): a literal
   * whole, a container only its opening. */
  const beginValue = (key: string | undefined, rank: number): boolean => {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    switch (scanner.getToken()) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const isArray = scanner.getToken() === SyntaxKind.OpenBracketToken;
        const parent = frames[frames.length - 1];
        if (rank > 0) offer({ start, end, kind: isArray ? SlotKind.List : SlotKind.Object, key: key as string }, rank);
        const idList = parent === undefined || (parent.isArray ? parent.idList : isArray && isIdListKey(key as string));
        const enclosing = parent === undefined ? -1 : parent.enclosingObject;
        let object = -1;
        if (!isArray) {
          objects.push({ start, end: text.length, parent: enclosing, listed: parent === undefined || parent.isArray, slot: undefined, slotRank: 0 });
          object = objects.length - 1;
        }
        frames.push({ isArray, open: start, object, idList, needsComma: false, enclosingObject: isArray ? enclosing : object });
        scanNext();
        return true;
      }
      case SyntaxKind.StringLiteral: {
        if (key === undefined || rank > 0) {
          const kind = tokenError === ScanError.None ? SlotKind.String : tokenError === ScanError.UnexpectedEndOfString ? SlotKind.UnclosedString : SlotKind.BadString;
          offer({ start, end, kind, key: key ?? '' }, rank);
        }
        scanNext();
        return true;
      }
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword: {
        // Offered even when malformed: it is judged by its source text.
        if (scanner.getToken() === SyntaxKind.NumericLiteral && Number.isNaN(Number(scanner.getTokenValue()))) fail(ParseErrorCode.InvalidNumberFormat);
        if (key === undefined || rank > 0) {
          const cut = scanner.getToken() === SyntaxKind.NumericLiteral && end === text.length && frames.length > 0;
          offer({ start, end, kind: scanner.getToken() === SyntaxKind.NullKeyword ? SlotKind.Null : cut ? SlotKind.CutNumber : SlotKind.Literal, key: key ?? '' }, rank);
        }
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
    if (!f.isArray) objects[f.object].end = scanner.getTokenOffset() + scanner.getTokenLength();
    if (scanner.getToken() === close) scanNext();
    else if (scanner.getToken() === SyntaxKind.EOF) {
      // Every container still open ends here; the outermost says it for all of them (a pasted
      // `[[[[…` a million deep is one problem, not a million).
      if (frames.length === 0) addError(`JSON syntax error: this ${f.isArray ? 'bracket' : 'brace'} is never closed`, f.open, f.open + 1, f.open, text.length);
    } else fail(f.isArray ? ParseErrorCode.CloseBracketExpected : ParseErrorCode.CloseBraceExpected, [], close);
  };

  scanNext();
  if (scanner.getToken() === SyntaxKind.EOF) {
    fail(ParseErrorCode.ValueExpected);
    return { objects, listEntries, errors };
  }
  if (!beginValue(undefined, 0)) {
    fail(ParseErrorCode.ValueExpected);
    return { objects, listEntries, errors };
  }
  while (frames.length > 0) {
    const f = frames[frames.length - 1];
    const close = f.isArray ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
    if (scanner.getToken() === close || scanner.getToken() === SyntaxKind.EOF) {
      endContainer(f);
      continue;
    }
    if (scanner.getToken() === SyntaxKind.CommaToken) {
      if (!f.needsComma) fail(ParseErrorCode.ValueExpected);
      scanNext();
      if (scanner.getToken() === close && !strict) continue;
    } else if (f.needsComma) fail(ParseErrorCode.CommaExpected);
    f.needsComma = true;
    const recover = f.isArray ? RECOVER_IN_LIST : RECOVER_IN_OBJECT;
    if (f.isArray) {
      if (!beginValue(undefined, 0)) fail(ParseErrorCode.ValueExpected, recover);
    } else if (scanner.getToken() !== SyntaxKind.StringLiteral) {
      fail(ParseErrorCode.PropertyNameExpected, recover);
      fail(ParseErrorCode.ValueExpected, recover);
    } else {
      const key = scanner.getTokenValue();
      scanNext();
      if (scanner.getToken() === SyntaxKind.ColonToken) {
        scanNext();
        if (!beginValue(key, idKeyRank(key))) fail(ParseErrorCode.ValueExpected, recover);
      } else fail(ParseErrorCode.ColonExpected, recover);
    }
  }
  if (scanner.getToken() !== SyntaxKind.EOF) fail(ParseErrorCode.EndOfFileExpected);
  return { objects, listEntries, errors };
}
