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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
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
  // and a quote inside would end the quoted text early.
  let plain = true;
  for (let i = 0; i < shown.length && plain; i++) plain = shown.charCodeAt(i) >= 32 && shown.charCodeAt(i) !== 34;
  if (plain) return `"${shown}"`;
  let out = '';
  for (const ch of shown) {
    const c = ch.charCodeAt(0);
    out += c === 34 ? '\\"' : c === 9 ? '\\t' : c === 10 ? '\\n' : c === 13 ? '\\r' : c < 32 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
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
