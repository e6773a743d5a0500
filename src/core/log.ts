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

/**
 * Remembers secrets and removes every occurrence of them (and of Authorization header values) from
 * text, in each encoding a server could echo them in: raw, form-encoded (`a+b%21`), percent-encoded
 * (`a%20b%21`, either hex case), JSON-escaped (`\"`, `\/`, `\u00e9`) and HTML-escaped (`&amp;`).
 * Callers redact before they cut text short, so a cut never leaves part of a secret readable.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  add(secret: string | undefined): void {
    if (!secret || secret.length < shortestSecret) return;
    for (const form of secretEncodings(secret)) this.secrets.add(form);
    this.pattern = undefined;
  }

  redact(text: string): string {
    const result = text.replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, `$1$2${redactedMark}`);
    if (this.secrets.size === 0) return result;
    // One pass over the text whatever the number of secrets; longer forms first, so a secret that
    // contains another is removed whole.
    this.pattern ??= new RegExp([...this.secrets].sort((x, y) => y.length - x.length).map(escapeRegExp).join('|'), 'g');
    return result.replace(this.pattern, redactedMark);
  }
}

/** The ways `secret` can travel in a URL, a form, a JSON string or an HTML page. */
export function secretEncodings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const percentStrict = percent.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`); // RFC 3986 encoders
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonStrict = json.replace(/\//g, '\\/').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());
  const upperUnicode = (text: string) => text.replace(/\\u[0-9a-f]{4}/g, (code) => `\\u${code.slice(2).toUpperCase()}`);
  return [...new Set([secret, percent, lowerHex(percent), percentStrict, lowerHex(percentStrict), form, lowerHex(form), json, jsonStrict, upperUnicode(jsonStrict), html])];
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
