// What clients sent, for tests to prove what was and was not sent, without the secrets.
import type { IncomingHttpHeaders } from 'node:http';

export const redacted = '«redacted»';

export interface LoggedRequest {
  method: string;
  /** Path with its query string, as sent. */
  path: string;
  /** Lower-case names; Authorization keeps only its scheme (`Bearer «redacted»` or `«redacted»`). */
  headers: Record<string, string>;
  /** As sent, except the password of /auth forms. */
  body: string;
  /** Simulator clock time at receipt. */
  time: number;
  /** How the request authenticated: a live session, an API access token, a dead or unknown credential, or nothing. */
  auth?: 'session' | 'token' | 'invalid' | 'none';
  /** The answer's responseStatus, once answered by the Vault (not by a fault). */
  responseStatus?: string;
}

const secretHeaders = new Set(['cookie', 'set-cookie', 'proxy-authorization']);

export function logEntry(method: string, path: string, headers: IncomingHttpHeaders, body: string, time: number): LoggedRequest {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') safe[name] = /^\s*bearer\s/i.test(text) ? `Bearer ${redacted}` : redacted;
    else safe[name] = secretHeaders.has(name) ? redacted : text;
  }
  return { method, path, headers: safe, body: /\/auth(\?|$)/.test(path) ? redactPassword(body) : body, time };
}

/** Blanks the password field of a url-encoded or multipart form. */
function redactPassword(body: string): string {
  return body
    .replace(/(^|&)(password=)[^&]*/g, `$1$2${redacted}`)
    .replace(/(name="password"\r?\n(?:[^\r\n]+\r?\n)*\r?\n)[^\r\n]*/g, `$1${redacted}`);
}
