// The logging contract of the core. Secrets are redacted here, at the logger, so that no call site
// can forget to: every session ID, password or token the core learns is added to the Redactor.

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const redactedMark = '«redacted»';
/** Strings shorter than this are never treated as secrets: redacting "1" would mangle every number. */
const shortestSecret = 4;
/** This many characters at the start or the end of a longer secret count as that secret echoed in part. */
const shortestEcho = 12;

/** How one registered form of a secret is looked for: whole, or from a piece at its start or end that is then followed as far as the text goes on with it. */
interface Anchor {
  /** The whole form, lower-cased when `caseless`. */
  readonly form: string;
  readonly at: 'whole' | 'start' | 'end';
  /** The form matches in any letter case (an echo that upper- or lower-cases the secret). */
  readonly caseless: boolean;
  /** All digits: a match that is part of a longer number is left alone (see `insideNumber`). */
  readonly digits: boolean;
}

/**
 * Remembers secrets and removes every occurrence of them (and of Authorization header values) from
 * text, in each encoding a server could echo them in: raw or in another letter case, form-encoded,
 * percent-encoded once or twice, JSON-escaped (also as Go and .NET escape `<`, `>`, `&`, `'`, `"`),
 * every character `\u`-escaped, HTML-escaped (named, decimal and hex entities) and base64 in each of
 * its three alignments; each form also when a line break splits it anywhere, and a piece of at
 * least `shortestEcho` characters at its start or end (a half-echoed session ID).
 *
 * A secret made of digits only (a PIN-like password) is not removed from inside a longer number: job
 * 1046892 stays job 1046892 when the password is 104689. Cutting it out would change a job ID and
 * show exactly which digits the password is; left whole, the number tells nothing about which part
 * is the password. The price: such a password glued to other digits stays readable.
 *
 * One regular expression of plain pieces finds the anchors (no repetition at all, so it runs in linear
 * time over 8 MiB of server text); each anchor is followed by hand, at most a secret's length.
 * Callers redact before they cut text short, so a cut never leaves part of a secret readable.
 */
export class Redactor {
  /** Each form of each secret, and whether it matches in any letter case. */
  private readonly forms = new Map<string, boolean>();
  private index: { pattern: RegExp; anchors: Map<string, Anchor[]> } | undefined;

  add(secret: string | undefined): void {
    if (!secret || secret.length < shortestSecret) return;
    // Base64 is case-sensitive and its pieces are short: only it is matched in its own letter case.
    for (const form of base64Windows(secret)) if (!this.forms.has(form)) this.forms.set(form, false);
    for (const form of secretEncodings(secret)) this.forms.set(form, true);
    this.index = undefined;
  }

  redact(text: string): string {
    const result = text.replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, `$1$2${redactedMark}`);
    if (this.forms.size === 0) return result;
    this.index ??= buildIndex(this.forms);
    const ranges = findSecrets(result, this.index);
    if (ranges.length === 0) return result;
    const pieces: string[] = [];
    let from = 0;
    for (const [start, end] of ranges) {
      pieces.push(result.slice(from, start), redactedMark);
      from = end;
    }
    pieces.push(result.slice(from));
    return pieces.join('');
  }
}

function buildIndex(forms: ReadonlyMap<string, boolean>): { pattern: RegExp; anchors: Map<string, Anchor[]> } {
  const anchors = new Map<string, Anchor[]>();
  const sources = new Map<string, string>();
  const register = (piece: string, anchor: Anchor) => {
    const key = fold(piece);
    anchors.set(key, [...(anchors.get(key) ?? []), anchor]);
    sources.set(key, escapeRegExp(key));
  };
  for (const [form, caseless] of forms) {
    const digits = /^\d+$/.test(form);
    const own = caseless ? fold(form) : form;
    if (form.length <= shortestEcho) {
      register(form, { form: own, at: 'whole', caseless, digits });
    } else {
      register(form.slice(0, shortestEcho), { form: own, at: 'start', caseless, digits });
      register(form.slice(-shortestEcho), { form: own, at: 'end', caseless, digits });
    }
  }
  const alternatives = [...sources.values()].sort((a, b) => b.length - a.length);
  // Run over lower-cased text: anchors whose form is case-sensitive are checked in their own case once
  // found. (The `i` flag would do the same three times slower: it keeps V8 from skipping ahead.)
  return { pattern: new RegExp(alternatives.join('|'), 'g'), anchors };
}

/**
 * The sorted, merged ranges of `text` that hold a secret. Matched on the text without its line breaks,
 * so a secret wrapped across lines is found (a pattern allowing a break between any two characters
 * runs about ten times slower); the ranges are then mapped back to `text`.
 */
function findSecrets(text: string, index: { pattern: RegExp; anchors: Map<string, Anchor[]> }): [number, number][] {
  if (!text.includes('\n')) return findSecretsIn(text, index);
  const breaks: { at: number; removed: number }[] = []; // where in the joined text a break was taken out, and how many characters in all so far
  let removed = 0;
  const joined = text.replace(/\r?\n/g, (lineBreak: string, offset: number) => {
    removed += lineBreak.length;
    breaks.push({ at: offset + lineBreak.length - removed, removed });
    return '';
  });
  /** The position in `text` of the character at `position` in `joined`. */
  const original = (position: number) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (breaks[middle].at <= position) low = middle + 1;
      else high = middle;
    }
    return position + (low === 0 ? 0 : breaks[low - 1].removed);
  };
  return findSecretsIn(joined, index).map(([start, end]) => [original(start), original(end - 1) + 1]);
}

function findSecretsIn(text: string, { pattern, anchors }: { pattern: RegExp; anchors: Map<string, Anchor[]> }): [number, number][] {
  const found: [number, number][] = [];
  const searched = fold(text);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(searched); match; match = pattern.exec(searched)) {
    const start = match.index;
    const end = start + match[0].length;
    let range: [number, number] | undefined;
    for (const anchor of anchors.get(match[0]) ?? []) {
      const own = anchor.caseless ? match[0] : text.slice(start, end);
      const candidate: [number, number] | undefined =
        anchor.at === 'whole' ? (own === anchor.form ? [start, end] : undefined)
          : anchor.at === 'start' ? (anchor.form.startsWith(own) ? [start, followForward(text, end, anchor, shortestEcho)] : undefined)
            : anchor.form.endsWith(own) ? [followBackward(text, start, anchor, anchor.form.length - shortestEcho - 1), end] : undefined;
      if (!candidate || (anchor.digits && insideNumber(text, candidate))) continue;
      range = range ? [Math.min(range[0], candidate[0]), Math.max(range[1], candidate[1])] : candidate;
    }
    if (range) found.push(range);
    // Past what was removed; after a refused match, from the next character, so a secret starting inside it is still found.
    pattern.lastIndex = range ? Math.max(end, range[1]) : start + 1;
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

const sameChar = (textChar: string, formChar: string, caseless: boolean) => (caseless ? fold(textChar) : textChar) === formChar;

/**
 * Lower case, one UTF-16 unit for one, so positions stay: a character whose lower case is longer (İ)
 * is kept as it is, and Σ is always σ (toLowerCase makes it ς at the end of a word).
 */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length && !text.includes('Σ')) return lower;
  return text.replace(/[\s\S]/g, (c) => {
    const one = c.toLowerCase();
    return one.length === 1 ? one : c;
  });
}

/** Where the text stops going on with `anchor.form` from its character `next` on, at `at`. */
function followForward(text: string, at: number, anchor: Anchor, next: number): number {
  let position = at;
  for (let i = next; i < anchor.form.length && position < text.length && sameChar(text[position], anchor.form[i], anchor.caseless); i++) position++;
  return position;
}

/** Where the text, read backwards from `at`, stops going on with `anchor.form` from its character `previous` down. */
function followBackward(text: string, at: number, anchor: Anchor, previous: number): number {
  let position = at;
  for (let i = previous; i >= 0 && position > 0 && sameChar(text[position - 1], anchor.form[i], anchor.caseless); i--) position--;
  return position;
}

/** A digit right before or after the range makes it part of a longer number; the digits of an escape (`%22`, `\u0022`) before it do not. */
function insideNumber(text: string, [start, end]: [number, number]): boolean {
  const digitBefore = start > 0 && isDigit(text[start - 1]) && !/(?:%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\x[0-9a-f]{2})$/i.test(text.slice(Math.max(0, start - 6), start));
  return digitBefore || (end < text.length && isDigit(text[end]));
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * The ways `secret` can travel in a URL, a form, a JSON string or an HTML page (base64: see
 * base64Windows). Hex digits of escapes in either case need no forms of their own: these forms match
 * in any letter case.
 */
export function secretEncodings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const percentStrict = percent.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`); // RFC 3986 encoders
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonStrict = json.replace(/\//g, '\\/').replace(/[\u007f-\uffff]/g, unicodeEscape);
  // Go's encoding/json escapes < > & as \u003c…; .NET's System.Text.Json also ' " + ` and every non-ASCII character.
  const goJson = json.replace(/[<>&\u2028\u2029]/g, unicodeEscape);
  const dotnetJson = JSON.stringify(secret).slice(1, -1).replace(/\\"/g, '"').replace(/[<>&'"+`\u007f-\uffff]/g, unicodeEscape);
  const everyCharEscaped = secret.replace(/[\s\S]/g, unicodeEscape);
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const entity = (hex: boolean) => (c: string) => `&#${hex ? 'x' : ''}${c.codePointAt(0)!.toString(hex ? 16 : 10)};`;
  const htmlNumeric = (hex: boolean) => secret.replace(/[&<>"']/g, entity(hex));
  const everyCharEntity = (hex: boolean) => [...secret].map(entity(hex)).join('');
  const forms = [
    secret, percent, percentStrict, form, encodeURIComponent(percent), encodeURIComponent(percentStrict), encodeURIComponent(form),
    json, jsonStrict, goJson, dotnetJson, everyCharEscaped, html, htmlNumeric(false), htmlNumeric(true), everyCharEntity(false), everyCharEntity(true),
  ];
  return [...new Set(forms)];
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The characters of base64 (and base64url) that the secret's bytes alone decide, at each of the three
 * alignments it can have inside a longer encoded text: the characters that straddle a neighbour's
 * bits are left out, since they depend on what surrounds the secret.
 */
function base64Windows(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const windows: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const piece = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    windows.push(piece, piece.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(windows)].filter((piece) => piece.length >= shortestSecret);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Logger that writes to `sink` after redaction, each line prefixed by `prefix`. */
export function redactedLogger(sink: Logger, redactor: Redactor, prefix = ''): Logger {
  const write = (level: keyof Logger) => (message: string) => sink[level](redactor.redact(`${prefix}${message}`));
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A Logger that writes to `sink` with a `[component]` prefix, after redaction. */
export function componentLogger(sink: Logger, redactor: Redactor, component: string): Logger {
  return redactedLogger(sink, redactor, `[${component}] `);
}

/** Discards everything: for callers that do not care about the core's log. */
export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
