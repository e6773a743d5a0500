// One request to Vault, made the same way for every endpoint (vault-api.md §2-§4): the session and its
// renewal, rate-limit pacing, retries, a deadline and a cap on the answer, the answer classified into a
// body or a typed error, and every text that leaves here passed through the redactor. What a request
// sends and what its answer means is the endpoints' business (VaultClient, client.ts), not this file's.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { systemClock, type Clock } from '../clock';
import { errorMessage } from '../errorMessage';
import { Redactor, componentLogger, silentLogger, type Logger } from '../log';
import { authorizationValue, defaultApiVersion, defaultClientId, parseApiVersion, resolveBaseUrl, validateClientId, type ApiVersion } from './auth';
import {
  VaultError, boundServerText, describeErrorItems, isVaultError, parseErrorItems, type VaultErrorInit, type VaultErrorKind,
} from './errors';
import type { Body } from './jobsApi';
import { BurstLimiter, JobStatusThrottle, abortable, backoffDelay, parseRetryAfter, type RateLimitListener } from './rateLimiter';
import type { RateLimitSnapshot, VaultClientOptions, VaultErrorItem, VaultSession } from './types';

/** One request, and how it may be repeated: only read-only requests are retried on transient failures, since a repeat is harmless. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under /api/{version}, or a full /api/... path (next_page links). */
  path: string;
  /** What the request is, in the words its error messages use ("job monitors", "sign-in"). */
  label: string;
  params?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** Sends Authorization; false only for sign-in. */
  authenticated: boolean;
  /** Read-only: transient failures are retried. */
  idempotent: boolean;
  /** Whether INVALID_SESSION_ID may trigger the re-authentication callback (not when testing a credential). */
  reauth: boolean;
  /** Whether API_LIMIT_EXCEEDED is retried after a backoff (not for sign-in, whose limit window is a minute). */
  retryOnLimit: boolean;
  /** Job Status calls are throttled per job. */
  statusJobId?: number;
  /**
   * The request leaves at most once: after renewing an expired session it fails with a transient
   * INVALID_SESSION_ID instead of repeating itself, since its caller counts every send (Cancel Job).
   */
  sendOnce?: boolean;
}

/** A read of `path`: authenticated, retried on transient failures and rate limits, renewing an expired session. */
export function readRequest(path: string, label: string): RequestSpec {
  return { method: 'GET', path, label, authenticated: true, idempotent: true, reauth: true, retryOnLimit: true };
}

export interface CallOptions {
  /**
   * Aborts the call only while it has not been sent (waiting for a rate-limit slot, a backoff or a
   * new session); a request already on the wire goes on until the call's own signal aborts it. The
   * cancel engine gives a request in flight a short grace this way, so a stop rarely leaves a cancel
   * whose outcome is unknown.
   */
  stop?: AbortSignal;
  /**
   * False: a call that got no usable answer (network, timeout, gateway error) is not repeated; rate-limit
   * refusals still are. For callers that stop at the first such failure anyway (status verification).
   */
  retryFailures?: boolean;
}

/** Vault's answer to a request: its JSON body (responseStatus SUCCESS or WARNING) and its headers, names lower-cased. */
export interface Answer {
  body: Body;
  headers: Record<string, unknown>;
}

/** The limits a client may configure (VaultClientOptions), and their defaults. */
const defaults = {
  timeoutMs: 60_000, deadlineMs: 120_000, maxResponseBytes: 8 * 1024 * 1024,
  burstReserve: 50, burstPaceMs: 1_000, statusIntervalMs: 10_000, retries: 2, backoffBaseMs: 1_000,
};
const backoffMaxMs = 30_000;
/** An error page's title is looked for this far: a gateway's page names itself near its top, after its styles at most. */
const errorPageScanChars = 16 * 1024;
/** Renewals within one call, when the sessions it renews to keep expiring after serving other calls. */
const mostRenewalsPerCall = 10;
/** A Retry-After longer than this is not waited out: the call fails at once and says how long the server asked for. */
export const longestRetryAfterMs = 60_000;

export class VaultTransport {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly clientId: string;
  /** The session requests are sent with; replaced by sign-in, by a renewal, or by its holder. */
  session: VaultSession | undefined;
  /** Knows every secret this transport has seen; callers building messages from Vault's texts redact with it. */
  readonly redactor: Redactor;
  /** The 'vault' component's logger, redacting with `redactor`. */
  protected readonly log: Logger;
  protected readonly version: ApiVersion;

  private readonly http: AxiosInstance;
  private readonly clock: Clock;
  private readonly burst: BurstLimiter;
  private readonly statusThrottle: JobStatusThrottle;
  private readonly settings: typeof defaults;
  private readonly random: () => number;
  private renewal: Promise<void> | undefined;
  private sent = 0;
  /** Sessions Vault answered a call with: one that expires after that was live, not refused at once. */
  private readonly servedSessions = new WeakSet<VaultSession>();
  /** The session whose renewal failed, and why: calls that fail with it later do not ask the user again. */
  private failedRenewal: { session: VaultSession | undefined; error: unknown } | undefined;

  constructor(private readonly options: VaultClientOptions, session?: VaultSession) {
    this.baseUrl = resolveBaseUrl(options.dns);
    this.version = parseApiVersion(options.apiVersion ?? defaultApiVersion);
    this.apiVersion = this.version.text;
    this.clientId = validateClientId(options.clientId ?? defaultClientId);
    this.settings = { ...defaults };
    for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) this.settings[key] = options[key] ?? defaults[key];
    this.redactor = options.redactor ?? new Redactor();
    this.log = componentLogger(options.logger ?? silentLogger, this.redactor, 'vault');
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.burst = new BurstLimiter(this.clock, this.settings.burstReserve, this.settings.burstPaceMs);
    this.statusThrottle = new JobStatusThrottle(this.clock, this.settings.statusIntervalMs);
    this.http = axios.create({
      baseURL: this.baseUrl,
      adapter: 'http', // Node's http/https, which VS Code's proxy support patches (esbuild.js leaves the others out)
      allowAbsoluteUrls: false, // only paths under baseUrl: the session never goes to another host
      proxy: false, // VS Code patches Node's http/https for its proxy settings; axios must not add its own
      maxRedirects: 0, // Vault does not redirect API calls; following one could carry the session elsewhere
      timeout: this.settings.timeoutMs,
      // Enforced by axios on the stream as it arrives, also without Content-Length, and after decompression.
      maxContentLength: this.settings.maxResponseBytes,
      maxBodyLength: this.settings.maxResponseBytes,
      transitional: { clarifyTimeoutError: true },
      responseType: 'text',
      transformResponse: [(data: unknown) => data], // parsed here, so a proxy's HTML page is reported as such
      validateStatus: () => true,
      headers: { Accept: 'application/json', 'X-VaultAPI-ClientID': this.clientId },
    });
    if (session) this.adopt(session);
  }

  /** Requests sent so far (each attempt counts): what a piece of work cost is the difference. */
  get requestsSent(): number {
    return this.sent;
  }

  get rateLimits(): RateLimitSnapshot {
    return this.burst.current;
  }

  /** How long a Job Status call for `jobId` made now would wait to keep Vault's one call per job per interval (0: none). */
  jobStatusWaitMs(jobId: number): number {
    return this.statusThrottle.waitMs(jobId);
  }

  onDidUpdateRateLimits(listener: RateLimitListener): { dispose(): void } {
    return this.burst.onDidUpdate(listener);
  }

  /** Makes `session` the one requests are sent with, its ID a secret from now on. */
  protected adopt(session: VaultSession): void {
    this.redactor.add(session.sessionId);
    this.session = session;
  }

  /**
   * Sends one request and returns Vault's answer, or throws a VaultError whose message is redacted.
   * `asSession` sends it with that session instead of the current one, and never renews it.
   */
  async request(spec: RequestSpec, signal?: AbortSignal, options: CallOptions = {}, asSession?: VaultSession): Promise<Answer> {
    const beforeSend = options.stop ? (signal ? AbortSignal.any([signal, options.stop]) : options.stop) : signal;
    // A session is renewed once per call. A call whose new session served others and then expired too
    // renews again (a few times at most): sessions that end often must not fail reads, while a renewal
    // whose session is refused at once fails the call instead of asking the user again and again.
    const renewedFrom = new Set<VaultSession | undefined>();
    for (let attempt = 0; ; attempt++) {
      const session = asSession ?? this.session;
      let release = () => {};
      if (spec.statusJobId !== undefined) {
        const jobId = spec.statusJobId;
        await this.waitUnsent(async () => void (release = await this.statusThrottle.acquire(jobId, beforeSend)), beforeSend, spec);
      }
      let failure: VaultError;
      try {
        await this.waitUnsent(() => this.burst.acquire(beforeSend), beforeSend, spec);
        if (beforeSend?.aborted) throw this.error('aborted', `The ${spec.label} was stopped before it was sent.`, { sent: false });
        const answer = await this.send(spec, session, signal);
        if (session) this.servedSessions.add(session);
        return answer;
      } catch (error) {
        if (!isVaultError(error)) throw error;
        failure = error;
        if (session && failure.kind === 'vault' && failure.errorType !== 'INVALID_SESSION_ID') this.servedSessions.add(session);
      } finally {
        release();
      }
      const mayRenew = renewedFrom.size === 0 || (!renewedFrom.has(session) && session !== undefined && this.servedSessions.has(session) && renewedFrom.size < mostRenewalsPerCall);
      if (failure.errorType === 'INVALID_SESSION_ID' && spec.reauth && !asSession && mayRenew && this.options.reauthenticate) {
        renewedFrom.add(session);
        await this.waitUnsent(() => this.renewSession(session, beforeSend), beforeSend, spec);
        if (spec.sendOnce) {
          throw this.error('vault', `${failure.message} A new session was obtained; the request was not sent again.`, {
            errors: failure.errors, responseStatus: failure.responseStatus, httpStatus: failure.httpStatus, transient: true,
          });
        }
        continue;
      }
      // A rate-limit refusal (API_LIMIT_EXCEEDED, HTTP 429) changed nothing, so a call that allows it may wait and try again.
      const limited = spec.retryOnLimit && (failure.errorType === 'API_LIMIT_EXCEEDED' || failure.httpStatus === 429);
      const failedTransiently = spec.idempotent && options.retryFailures !== false && failure.transient && failure.kind !== 'aborted';
      if (attempt >= this.settings.retries || !(limited || failedTransiently)) throw failure;
      const delay = Math.max(backoffDelay(attempt, this.settings.backoffBaseMs, backoffMaxMs, this.random), failure.retryAfterMs ?? 0);
      if (delay > longestRetryAfterMs) throw failure; // its message says how long the server asked to wait
      await this.waitUnsent(() => this.clock.sleep(delay, beforeSend), beforeSend, spec);
      this.log.debug(`retrying the ${spec.label} after ${failure.kind} ${failure.errorType ?? ''}`.trimEnd());
    }
  }

  /** Runs a wait that happens before sending; its abort becomes an 'aborted' error marked as not sent. */
  private async waitUnsent(wait: () => Promise<void>, signal: AbortSignal | undefined, spec: RequestSpec): Promise<void> {
    try {
      await wait();
    } catch (error) {
      if (signal?.aborted) throw this.error('aborted', `The ${spec.label} was stopped before it was sent.`, { sent: false });
      throw error;
    }
  }

  /** One re-authentication at a time; calls that failed with the old session share it, and a session already replaced is simply used. */
  private async renewSession(failed: VaultSession | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (this.session && this.session !== failed) return;
    if (this.failedRenewal && this.failedRenewal.session === failed) throw this.failedRenewal.error;
    this.renewal ??= (async () => {
      try {
        this.log.info('the session expired; signing in again');
        const session = await this.options.reauthenticate!(signal ?? new AbortController().signal, failed).catch((error: unknown) => {
          if (isVaultError(error, 'aborted')) throw error;
          throw this.error('vault', `The Vault session expired and signing in again failed: ${errorMessage(error)}`, { errors: [sessionExpired], transient: false });
        });
        if (!session) throw this.error('vault', 'The Vault session expired and no new session was obtained.', { errors: [sessionExpired], transient: false });
        this.adopt(session);
      } catch (error) {
        if (!isVaultError(error, 'aborted')) this.failedRenewal = { session: failed, error };
        throw error;
      } finally {
        this.renewal = undefined;
      }
    })();
    // A callback that ignores the signal (a password prompt left open) must not hold a stopped caller.
    await abortable(this.renewal, signal);
  }

  private async send(spec: RequestSpec, session: VaultSession | undefined, signal: AbortSignal | undefined): Promise<Answer> {
    // Not an expired session (which re-authentication may renew): nobody has signed in, or they signed out.
    if (spec.authenticated && !session) throw this.error('config', `Not signed in to ${this.baseUrl}.`);
    const url = spec.path.startsWith('/api/') ? spec.path : `/api/${this.apiVersion}${spec.path}`;
    const started = this.clock.now();
    // axios's timeout only bounds silence; this bounds the whole exchange, a drip-fed answer included.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.deadlineMs);
    let response: AxiosResponse<string>;
    this.sent++;
    try {
      response = await this.http.request<string>({
        method: spec.method,
        url,
        params: spec.params,
        data: spec.form ? new URLSearchParams(spec.form) : spec.json,
        headers: spec.authenticated && session ? { Authorization: authorizationValue(session) } : {},
        signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal,
      });
    } catch (error) {
      throw this.transportError(error, spec, signal, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
    const headers = response.headers as Record<string, unknown>;
    this.burst.update(headers);
    const body = parseJsonObject(response.data);
    const status = typeof body?.responseStatus === 'string' ? body.responseStatus : undefined;
    this.log.debug(`${spec.method} ${url} → HTTP ${response.status} ${status === undefined ? '(no Vault status)' : this.serverText(status)} in ${this.clock.now() - started} ms`);
    const retryAfterMs = parseRetryAfter(headers['retry-after'], this.clock.now());
    const waitHint = retryAfterMs === undefined ? '' : ` (the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s)`;
    // A body with responseStatus is Vault's answer whatever the HTTP status (a live Vault answers an
    // unknown path with HTTP 404 and MALFORMED_URL); only an answer without one is of unknown fate.
    if (!body || !status) {
      const preview = describeNonJson(this.serverText(typeof response.data === 'string' ? response.data : '', errorPageScanChars));
      if (response.status !== 200) {
        const detail = response.status === 429 ? ': too many requests' : ` and no Vault answer (${preview})`;
        throw this.error('http', `The ${spec.label} failed with HTTP ${response.status}${detail}${waitHint}.`, { httpStatus: response.status, retryAfterMs });
      }
      const contentType = headers['content-type'];
      const type = typeof contentType === 'string' ? contentType : 'no content type';
      throw this.error('nonJson', `The answer to the ${spec.label} is not a Vault JSON response (${type}; ${preview}); a proxy or gateway may have answered instead of Vault.`, { httpStatus: response.status });
    }
    if (status === 'SUCCESS' || status === 'WARNING') return { body, headers };
    const errors = this.redactItems(parseErrorItems(body.errors));
    const authType = typeof body.errorType === 'string' ? ` (${this.serverText(body.errorType)})` : ''; // sign-in failures add a top-level errorType
    const httpNote = response.status === 200 ? '' : ` (HTTP ${response.status})`;
    throw this.error('vault', `The ${spec.label} failed${authType}${httpNote}: ${describeErrorItems(errors)}${waitHint}`, { errors, responseStatus: status, httpStatus: response.status, retryAfterMs });
  }

  private transportError(error: unknown, spec: RequestSpec, signal: AbortSignal | undefined, deadline: AbortSignal): VaultError {
    const code = (error as { code?: string }).code;
    if (signal?.aborted) return this.error('aborted', `The ${spec.label} was stopped before its answer arrived.`, { sent: true });
    if (deadline.aborted) return this.error('timeout', `The ${spec.label} got no complete answer within ${this.settings.deadlineMs} ms.`);
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return this.error('timeout', `The ${spec.label} got no answer within ${this.settings.timeoutMs} ms.`);
    if (/maxContentLength/.test(errorMessage(error))) {
      return this.error('tooLarge', `The answer to the ${spec.label} exceeded ${this.settings.maxResponseBytes} bytes and was cut off; no Vault answer to it is that large.`);
    }
    // Connection refused or a name that does not resolve: the request never reached anything.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return this.error('network', `The ${spec.label} failed on the network: ${code ?? ''} ${errorMessage(error)}`.replace(/\s+/g, ' ').trim(), { sent: !neverSent });
  }

  /** Every error message passes the redactor: messages end up in logs, notifications and diagnostics. */
  protected error(kind: VaultErrorKind, message: string, init?: VaultErrorInit): VaultError {
    return new VaultError(kind, this.redactor.redact(message), init?.errors ? { ...init, errors: this.redactItems(init.errors) } : init);
  }

  /** Vault's own error texts can echo what was sent (a sign-in form, a session): they pass the redactor too, and are bounded. */
  protected redactItems(errors: readonly VaultErrorItem[]): VaultErrorItem[] {
    return errors.map(({ type, message }) => ({ type: this.serverText(type), message: this.serverText(message) }));
  }

  /** A server's text, redacted and bounded before anything else runs over it (errors.ts, serverTextLimit). */
  private serverText(text: string, limit?: number): string {
    return boundServerText(text, (window) => this.redactor.redact(window), limit);
  }
}

const sessionExpired = { type: 'INVALID_SESSION_ID', message: 'Invalid or expired session ID.' };

function parseJsonObject(text: unknown): Body | undefined {
  if (typeof text !== 'string') return typeof text === 'object' && text !== null ? (text as Body) : undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

/** A short, single-line hint of what came back instead of JSON (already bounded): an HTML page's title, or its first characters. */
function describeNonJson(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return 'an empty body';
  const title = htmlTitle(text)?.replace(/\s+/g, ' ').trim();
  return title ? `an HTML page titled "${title}"` : `starting "${line.slice(0, 60)}"`;
}

/**
 * The text of the first `<title …>…</title>` holding 1 to 120 characters. Hand-written as one forward
 * scan: the regular expression it replaces backtracked over every `<title` of a hostile page.
 */
function htmlTitle(text: string): string | undefined {
  const openTag = /<title/gi;
  for (let open = openTag.exec(text); open; open = openTag.exec(text)) {
    const tagEnd = text.indexOf('>', open.index);
    if (tagEnd < 0) return undefined;
    const contentEnd = text.indexOf('<', tagEnd + 1);
    if (contentEnd < 0) return undefined;
    const length = contentEnd - tagEnd - 1;
    if (length >= 1 && length <= 120 && text.slice(contentEnd, contentEnd + 8).toLowerCase() === '</title>') return text.slice(tagEnd + 1, contentEnd);
    // Every `<title` before contentEnd closes at the same `>` and holds the same text: it would fail the same way.
    openTag.lastIndex = contentEnd;
  }
  return undefined;
}
