// Every failure of a Vault call becomes one typed value, so callers decide on `kind`, `errorType`
// and `transient` instead of parsing messages (Vault says its messages are not contractual).
import type { VaultErrorItem } from './types';

/** 'tooLarge': an answer bigger than any Vault answer to that call can be, cut off while it arrived. */
export type VaultErrorKind = 'vault' | 'http' | 'network' | 'timeout' | 'aborted' | 'nonJson' | 'config' | 'vaultMismatch' | 'tooLarge';

export interface VaultErrorInit {
  errors?: VaultErrorItem[];
  /** Vault's responseStatus (FAILURE, EXCEPTION) for 'vault' errors. */
  responseStatus?: string;
  httpStatus?: number;
  transient?: boolean;
  /** False when the request never left this process, so it cannot have changed anything in Vault. */
  sent?: boolean;
  /** From a Retry-After header: how long the server asked to wait before the next call. */
  retryAfterMs?: number;
}

/** Vault error types that describe a passing condition on Vault's side: the same call may succeed later. */
const transientVaultTypes = new Set(['UNEXPECTED_ERROR', 'RACE_CONDITION', 'API_LIMIT_EXCEEDED', 'OPERATION_IN_PROGRESS']);

export class VaultError extends Error {
  readonly kind: VaultErrorKind;
  readonly errors: VaultErrorItem[];
  /** errors[0].type: the stable part of a Vault error. */
  readonly errorType?: string;
  readonly responseStatus?: string;
  readonly httpStatus?: number;
  readonly transient: boolean;
  readonly sent: boolean;
  readonly retryAfterMs?: number;
  /**
   * The request was turned away without being acted on: a Vault FAILURE answer, or HTTP 429 (rate
   * limited). An EXCEPTION, a gateway error or no answer at all leaves its effect unknown.
   */
  readonly refused: boolean;

  constructor(kind: VaultErrorKind, message: string, init: VaultErrorInit = {}) {
    super(message);
    this.name = 'VaultError';
    this.kind = kind;
    this.errors = init.errors ?? [];
    this.errorType = this.errors[0]?.type;
    this.responseStatus = init.responseStatus;
    this.httpStatus = init.httpStatus;
    this.transient = init.transient ?? defaultTransient(kind, this.errorType, init);
    this.sent = init.sent ?? !(kind === 'config' || kind === 'aborted');
    this.retryAfterMs = init.retryAfterMs;
    this.refused = !this.sent || (kind === 'vault' && init.responseStatus !== 'EXCEPTION') || (kind === 'http' && init.httpStatus === 429);
  }
}

function defaultTransient(kind: VaultErrorKind, errorType: string | undefined, init: VaultErrorInit): boolean {
  switch (kind) {
    case 'network':
    case 'timeout':
    case 'nonJson': // a proxy's or load balancer's error page: Vault itself was not reached or did not finish
      return true;
    case 'http':
      return init.httpStatus === undefined || init.httpStatus >= 500 || init.httpStatus === 408 || init.httpStatus === 429;
    case 'vault':
      return init.responseStatus === 'EXCEPTION' || (errorType !== undefined && transientVaultTypes.has(errorType));
    default:
      return false;
  }
}

export function isVaultError(value: unknown, kind?: VaultErrorKind): value is VaultError {
  return value instanceof VaultError && (kind === undefined || value.kind === kind);
}

/**
 * A text from a server (an error message, an error type, an error page) is cut to this many characters
 * before anything runs over it: a reason shown to a person needs a few hundred characters, and the
 * redactor, the reason joining and every log line then cost the same whatever the server sent.
 */
export const serverTextLimit = 500;

/**
 * Redaction runs over this much of a server text before the cut to `serverTextLimit`, since a cut must
 * never leave part of a secret readable: a secret the window splits lies wholly past the bound, as the
 * window's first 64 KiB could shrink to fewer than 500 characters only if secrets over a thousand
 * characters long filled them.
 */
const redactionWindow = 64 * 1024;

/** Vault names one error per failure; a longer list is a broken or hostile server's, and its first few say enough. */
const mostErrorItems = 5;

/** `text` cut to `limit` characters, with an ellipsis when cut; a character outside the BMP is never split. */
export function boundText(text: string, limit = serverTextLimit): string {
  if (text.length <= limit) return text;
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
}

/** A server's text made safe to show: redacted over a bounded window, then cut to `limit`. Linear in `limit`, whatever the text's length. */
export function boundServerText(text: string, redact: (text: string) => string, limit = serverTextLimit): string {
  return boundText(redact(text.slice(0, redactionWindow)), limit);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Vault sends `errors` as an array, but Cancel Job's items carry a single object (vault-api.md §3.7):
 * accept both. Only the first few items are kept; their texts are as sent, for the client to bound.
 */
export function parseErrorItems(raw: unknown): VaultErrorItem[] {
  const list = Array.isArray(raw) ? (raw as unknown[]).slice(0, mostErrorItems) : raw !== undefined && raw !== null ? [raw] : [];
  return list.map((item) => {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    return {
      type: typeof record.type === 'string' ? record.type : 'UNKNOWN',
      message: typeof record.message === 'string' ? record.message : typeof item === 'string' ? item : '',
    };
  });
}

/** One line naming Vault's error types and messages, for logs and error messages. */
export function describeErrorItems(errors: readonly VaultErrorItem[]): string {
  return errors.length === 0 ? 'no error detail' : errors.map((e) => (e.message ? `${e.type}: ${e.message}` : e.type)).join('; ');
}
