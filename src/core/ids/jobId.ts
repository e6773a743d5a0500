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
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0;
}

/** Numbers written the ways people write numbers that are not job IDs. Only these count as
 * "number-like" in plain text, where any other word is simply not a candidate. */
const SIGNED = /^[+-]\d+$/;
const DECIMAL = /^[+-]?(\d+\.\d*|\.\d+)$/;
const EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;
const HEX = /^[+-]?0[xX][0-9a-fA-F]+$/;

/** Shown text is capped: a selected cell can be a megabyte long. */
export function quoteForMessage(text: string): string {
  let cut = 37;
  if (/[\ud800-\udbff]/.test(text[cut - 1] ?? '')) cut--; // never half of a surrogate pair
  const shown = text.length > 40 ? `${text.slice(0, cut)}…` : text;
  // Control characters (a NUL byte in a damaged export) would vanish or break a one-line message,
  // and a quote inside would end the quoted text early.
  let out = '';
  for (const ch of shown) {
    const c = ch.charCodeAt(0);
    out += c === 34 ? '\\"' : c === 9 ? '\\t' : c === 10 ? '\\n' : c === 13 ? '\\r' : c < 32 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return `"${out}"`;
}

export function isNumberLike(token: string): boolean {
  return /^\d+$/.test(token) || SIGNED.test(token) || DECIMAL.test(token) || EXPONENT.test(token) || HEX.test(token);
}

/** Why `token` (already trimmed, non-empty) is not a job ID. */
export function notAnIdMessage(token: string): string {
  const q = quoteForMessage(token);
  if (HEX.test(token)) return `${q} is not a job ID: job IDs are decimal digits, not hexadecimal`;
  if (EXPONENT.test(token)) return `${q} is not a job ID: job IDs are written without an exponent`;
  if (DECIMAL.test(token)) return `${q} is not a job ID: job IDs are whole numbers`;
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
    const id = Number(text.slice(first, end));
    if (id === 0) return { kind: 'problem', start, end, message: `${quoteForMessage(text.slice(start, end))} is not a job ID: job IDs are positive` };
    return { kind: 'id', id, start, end };
  }
  return { kind: 'problem', start, end, message: notAnIdMessage(text.slice(start, end)) };
}
