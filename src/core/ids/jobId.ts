// The one rule for what a job ID is, and the plain messages for what is not. Every format (CSV cell,
// JSON value, plain-text token, typed input) classifies its candidate text here, so the same text
// always gets the same verdict and the same words.

export const LARGEST_JOB_ID = Number.MAX_SAFE_INTEGER;
const LARGEST_DIGITS = String(LARGEST_JOB_ID);

export type Verdict =
  | { kind: 'empty' }
  | { kind: 'id'; id: number; start: number; end: number }
  | { kind: 'problem'; start: number; end: number; message: string };

/** Space, tab, CR, LF and no-break space: what a spreadsheet or a hand-made list puts around a value. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0;
}

/** How a token is written, when it is written like a number. Only number-like tokens are candidates
 * in plain text, where any other word is simply not one. Scanned by hand, once, rather than by
 * regular expressions: an exponent pattern such as `\d+\.?\d*[eE]` backtracks quadratically on a long
 * digit run that ends in a letter, and these checks run on every keystroke of the IDs box. */
type NumberShape = 'digits' | 'signed' | 'decimal' | 'exponent' | 'hex';

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Invisible and formatting characters (Unicode's format category and the characters meant to be
 * ignored when shown: zero width space, BOM, word joiner, soft hyphen, direction marks, joiners...). */
const HIDDEN = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;

/** Width (1 or 2 code units) of the invisible character starting at `i`, or 0. */
export function hiddenWidthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (!(c >= 0xad)) return 0; // none below the soft hyphen (and NaN past the end)
  const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return HIDDEN.test(text.slice(i, i + width)) ? width : 0;
}

/** Characters that only ever group digits within one number, never separate two values: the
 * apostrophe (`1'046'892`) and the no-break, figure, punctuation, thin, hair and narrow no-break
 * spaces. Wider spaces separate values, like a space. */
export function groupsOnly(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0xa0 || (c >= 0x2007 && c <= 0x200a) || c === 0x202f;
}

/** How the character at `i` reads for a person: for messages. */
function describeCharacter(text: string, i: number): string {
  const c = text.codePointAt(i) ?? 0;
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === 39) return 'an apostrophe';
  if (c === 0x2019) return `an apostrophe (${code})`;
  if (c === 0xa0 || c === 0x202f) return `a ${c === 0xa0 ? '' : 'narrow '}no-break space (${code})`;
  return hiddenWidthAt(text, i) > 0 ? `an invisible character (${code})` : `a special space (${code})`;
}

/** Where in `token` an invisible character or a space that groups digits is, or an apostrophe
 * between two digits; or -1. */
function oddCharacterIn(token: string): number {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x27) continue;
    const apostrophe = c === 39 || c === 0x2019;
    if (hiddenWidthAt(token, i) > 0 || (groupsOnly(c) && (!apostrophe || (isDigit(token.charCodeAt(i - 1)) && isDigit(token.charCodeAt(i + 1)))))) return i;
  }
  return -1;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The shape of `text[start, end)`, or undefined when it is not written like a number. */
export function numberShape(text: string, start: number, end: number): NumberShape | undefined {
  let i = start;
  const signed = i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45);
  if (signed) i++;
  if (i + 2 < end && text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 32) === 120) {
    let j = i + 2;
    while (j < end && isHexDigit(text.charCodeAt(j))) j++;
    return j === end ? 'hex' : undefined;
  }
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let fractionDigits = 0;
  let dot = false;
  if (i < end && text.charCodeAt(i) === 46) {
    dot = true;
    const fractionStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    fractionDigits = i - fractionStart;
  }
  if (intDigits + fractionDigits === 0) return undefined;
  if (i === end) return dot ? 'decimal' : signed ? 'signed' : 'digits';
  if ((text.charCodeAt(i) | 32) !== 101) return undefined;
  i++;
  if (i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
  const exponentStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i === end && i > exponentStart ? 'exponent' : undefined;
}

/** Shown text is capped: a selected cell can be a megabyte long. */
export function quoteForMessage(text: string): string {
  let cut = 37;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never half of a surrogate pair
  const shown = text.length > 40 ? `${text.slice(0, cut)}…` : text;
  // Control characters (a NUL byte in a damaged export) would vanish or break a one-line message,
  // a quote inside would end the quoted text early, and an invisible character, which the message
  // may be about, would not be seen.
  let plain = true;
  for (let i = 0; i < shown.length && plain; i++) plain = shown.charCodeAt(i) >= 32 && shown.charCodeAt(i) !== 34 && hiddenWidthAt(shown, i) === 0;
  if (plain) return `"${shown}"`;
  let out = '';
  for (const ch of shown) {
    const c = ch.codePointAt(0) ?? 0;
    const escaped = c > 0xffff ? `\\u{${c.toString(16)}}` : `\\u${c.toString(16).padStart(4, '0')}`;
    out += c === 34 ? '\\"' : c === 9 ? '\\t' : c === 10 ? '\\n' : c === 13 ? '\\r' : c < 32 || hiddenWidthAt(ch, 0) > 0 ? escaped : ch;
  }
  return `"${out}"`;
}

export function isNumberLike(text: string, start = 0, end = text.length): boolean {
  return numberShape(text, start, end) !== undefined;
}

/** The last answer of `notAnIdMessage`: damaged or pasted text repeats the same word a million
 * times, and one shared message is cheaper to build and to keep than a million equal ones. */
const lastNotAnId = { token: '', message: '' };

/** Why `token` (already trimmed, non-empty) is not a job ID. */
export function notAnIdMessage(token: string): string {
  if (token === lastNotAnId.token) return lastNotAnId.message;
  lastNotAnId.token = token;
  lastNotAnId.message = notAnIdReason(token);
  return lastNotAnId.message;
}

function notAnIdReason(token: string): string {
  const q = quoteForMessage(token);
  const odd = oddCharacterIn(token);
  if (odd >= 0) {
    const what = describeCharacter(token, odd);
    return isDigit(token.charCodeAt(odd - 1)) && isDigit(token.charCodeAt(odd + (hiddenWidthAt(token, odd) || 1)))
      ? `${q} has ${what} between digits, so it could be one number or two; it is not taken as a job ID`
      : `${q} is not a job ID: it contains ${what}`;
  }
  switch (numberShape(token, 0, token.length)) {
    case 'hex':
      return `${q} is not a job ID: job IDs are decimal digits, not hexadecimal`;
    case 'exponent':
      return `${q} is not a job ID: job IDs are written without an exponent`;
    case 'decimal':
      return `${q} is not a job ID: job IDs are whole numbers`;
  }
  if (token.startsWith('-')) return `${q} is not a job ID: job IDs are positive`;
  if (token.startsWith('+')) return `${q} is not a job ID: job IDs are written with digits only, without a sign`;
  return `${q} is not a job ID: job IDs are written with digits only`;
}

/** Why a JSON number written as `run` (see jsonParse.ts) is not one value JSON allows. */
export function malformedNumberMessage(run: string): string {
  return run.charCodeAt(0) === 48 && isDigits(run, 1, run.length) ? leadingZeroMessage(run) : notAnIdMessage(run);
}

function leadingZeroMessage(token: string): string {
  return `${quoteForMessage(token)} is not a job ID: job IDs do not start with 0`;
}

/** A number that could be one written in groups of digits or several IDs written together. */
export function groupedNumberMessage(token: string): string {
  return `${quoteForMessage(token)} could be one number written in groups of digits or several job IDs, so it is not taken as a job ID: ` +
    'write each ID with digits only, and separate IDs with a comma and a space or put one per line';
}

/**
 * `classify` for a value a person wrote (plain text, the IDs box): there `046` is no job ID, as it
 * could be part of a number written in groups of digits (`1,046,892`); a CSV cell of an export may
 * well pad an ID with zeros.
 */
export function writtenVerdict(text: string, start: number, end: number): Verdict {
  if (text.charCodeAt(start) === 48 && end - start > 1 && isDigits(text, start, end)) {
    let first = start;
    while (first < end && text.charCodeAt(first) === 48) first++;
    if (first < end) return { kind: 'problem', start, end, message: leadingZeroMessage(text.slice(start, end)) };
  }
  return classify(text, start, end);
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The ID written as `text[start, end)` when it is one in the plainest way (1 to 15 digits, no space
 * around them, not zero), or -1: the fast path of `classify`, which a select-all over a large export
 * takes for nearly every value, without building a verdict. Below 16 digits no ID is too large.
 */
export function plainIdAt(text: string, start: number, end: number): number {
  if (end - start > 15 || start === end) return -1;
  let id = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    id = id * 10 + d;
  }
  return id === 0 ? -1 : id;
}

/**
 * Classifies `text.slice(start, end)` without copying it first (cells of a 100 MB file are checked
 * here one by one). Surrounding spaces are trimmed; the verdict's range is the trimmed token's.
 */
export function classify(text: string, start: number, end: number): Verdict {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return { kind: 'empty' };
  if (isDigits(text, start, end)) {
    let first = start;
    while (first < end - 1 && text.charCodeAt(first) === 48) first++;
    const significant = end - first;
    // Compared as digit strings: Number() of an overflowing ID rounds and would hide the overflow.
    if (significant > LARGEST_DIGITS.length || (significant === LARGEST_DIGITS.length && text.slice(first, end) > LARGEST_DIGITS)) {
      return { kind: 'problem', start, end, message: `${quoteForMessage(text.slice(start, end))} is larger than the largest job ID (${LARGEST_DIGITS})` };
    }
    // Up to 15 digits the sum is exact; a select-all can hold millions of IDs, so no slice for them.
    let id = 0;
    if (significant <= 15) for (let i = first; i < end; i++) id = id * 10 + text.charCodeAt(i) - 48;
    else id = Number(text.slice(first, end));
    if (id === 0) return { kind: 'problem', start, end, message: `${quoteForMessage(text.slice(start, end))} is not a job ID: job IDs are positive` };
    return { kind: 'id', id, start, end };
  }
  return { kind: 'problem', start, end, message: notAnIdMessage(text.slice(start, end)) };
}
