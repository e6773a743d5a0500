// The Vault REST client: one place that sends requests, so that rate limits, re-authentication,
// retries, error typing and secret registration apply to every call alike (vault-api.md §2-§4).
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { systemClock, type Clock } from '../clock';
import { Redactor, componentLogger, silentLogger, type Logger } from '../log';
import {
  authorizationValue, compareApiVersions, credentialKind, defaultApiVersion, defaultClientId, findRequestedVault,
  minimumCancelVersion, parseApiVersion, resolveBaseUrl, validateClientId, type ApiVersion,
} from './auth';
import { errorMessage } from '../errorMessage';
import {
  VaultError, boundServerText, describeErrorItems, isVaultError, parseErrorItems, type VaultErrorInit, type VaultErrorKind,
} from './errors';
import {
  cancelRequestBody, checkPageUrl, jobFilterParams, jobPaths, maxCancelBatch, parseCancelItems, parseJobPage, parseJobStatus,
  type Body,
} from './jobsApi';
import { BurstLimiter, JobStatusThrottle, abortable, backoffDelay, parseRetryAfter, type RateLimitListener } from './rateLimiter';
import type {
  CancelItemResult, JobFilter, JobList, JobListKind, JobPage, JobStatusDetail, RateLimitSnapshot, VaultClientOptions,
  VaultErrorItem, VaultSession, VaultUser,
} from './types';

/** How a call may be repeated: only read-only calls are retried on transient failures, since a repeat is harmless. */
interface CallSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under /api/{version}, or a full /api/... path (next_page links). */
  path: string;
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
   * The request leaves at most once per call: after renewing an expired session the call fails with a
   * transient INVALID_SESSION_ID instead of repeating itself, since its caller counts every send (Cancel Job).
   */
  sendOnce?: boolean;
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

/** Where a paged reading stands, for `walkPages` callers that want to show it. */
export type PageNote = (note: string, complete: boolean) => void;

interface Answer {
  body: Body;
  headers: Record<string, unknown>;
}

const defaults = {
  timeoutMs: 60_000, deadlineMs: 120_000, maxResponseBytes: 8 * 1024 * 1024, maxListPages: 500,
  burstReserve: 50, burstPaceMs: 1_000, statusIntervalMs: 10_000, retries: 2, backoffBaseMs: 1_000,
};
const backoffMaxMs = 30_000;
/** An error page's title is looked for this far: a gateway's page names itself near its top, after its styles at most. */
const errorPageScanChars = 16 * 1024;
/** Renewals within one call, when the sessions it renews to keep expiring after serving other calls. */
const mostRenewalsPerCall = 10;
/** A Retry-After longer than this is not waited out: the call fails at once and says how long the server asked for. */
export const longestRetryAfterMs = 60_000;

export class VaultClient {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly clientId: string;
  session: VaultSession | undefined;

  private readonly version: ApiVersion;
  private readonly http: AxiosInstance;
  private readonly log: Logger;
  /** Knows every secret this client has seen; callers building messages from Vault's texts redact with it. */
  readonly redactor: Redactor;
  private readonly clock: Clock;
  private readonly burst: BurstLimiter;
  private readonly statusThrottle: JobStatusThrottle;
  private readonly settings: typeof defaults;
  private readonly random: () => number;
  private renewal: Promise<void> | undefined;
  /** Sessions Vault answered a call with: one that expires after that was live, not refused at once. */
  private readonly servedSessions = new WeakSet<VaultSession>();
  /** The session whose renewal failed, and why: calls that fail with it later do not ask the user again. */
  private failedRenewal: { session: VaultSession | undefined; error: unknown } | undefined;

  constructor(private readonly options: VaultClientOptions, session?: VaultSession) {
    this.baseUrl = resolveBaseUrl(options.dns);
    this.version = parseApiVersion(options.apiVersion ?? defaultApiVersion);
    this.apiVersion = this.version.text;
    this.clientId = validateClientId(options.clientId ?? defaultClientId);
    this.settings = {
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
      deadlineMs: options.deadlineMs ?? defaults.deadlineMs,
      maxResponseBytes: options.maxResponseBytes ?? defaults.maxResponseBytes,
      maxListPages: options.maxListPages ?? defaults.maxListPages,
      burstReserve: options.burstReserve ?? defaults.burstReserve,
      burstPaceMs: options.burstPaceMs ?? defaults.burstPaceMs,
      statusIntervalMs: options.statusIntervalMs ?? defaults.statusIntervalMs,
      retries: options.retries ?? defaults.retries,
      backoffBaseMs: options.backoffBaseMs ?? defaults.backoffBaseMs,
    };
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

  get rateLimits(): RateLimitSnapshot {
    return this.burst.current;
  }

  onDidUpdateRateLimits(listener: RateLimitListener): { dispose(): void } {
    return this.burst.onDidUpdate(listener);
  }

  /** True when the configured API version has Cancel Job (v25.3+). */
  get supportsCancel(): boolean {
    return compareApiVersions(this.version, parseApiVersion(minimumCancelVersion)) >= 0;
  }

  // ---- sessions (§2) ----

  /** Signs in with a user name and password and checks that the session belongs to this Vault's DNS. */
  async signIn(username: string, password: string, signal?: AbortSignal): Promise<VaultSession> {
    this.redactor.add(password);
    const host = new URL(this.baseUrl).host;
    const { body } = await this.call(
      { method: 'POST', path: '/auth', label: 'sign-in', form: { username, password, vaultDNS: host }, authenticated: false, idempotent: false, reauth: false, retryOnLimit: false },
      signal,
    );
    const sessionId = typeof body.sessionId === 'string' ? body.sessionId : '';
    this.redactor.add(sessionId);
    if (!sessionId) throw this.error('vault', 'Vault accepted the sign-in but returned no session ID.', { transient: false });
    const vault = findRequestedVault(this.baseUrl, body.vaultId, body.vaultIds);
    const session: VaultSession = { sessionId, kind: 'password', userId: numberOrUndefined(body.userId), vaultId: numberOrUndefined(body.vaultId), vaultName: vault?.name };
    if (!vault) {
      await this.endSession(session);
      throw this.error('vaultMismatch', `Vault signed this user into another Vault (ID ${String(body.vaultId)}) instead of ${host}: the user has no active access to ${host}. That session was ended.`);
    }
    this.adopt(session);
    this.log.info(`signed in to ${host} (Vault ${vault.id}${vault.name ? ` ${vault.name}` : ''}) as user ${String(session.userId)}`);
    return session;
  }

  /** Adopts an existing session ID or API access token after checking it with who-am-I; the previous session stays on failure. */
  async useSession(sessionIdOrToken: string, signal?: AbortSignal): Promise<VaultSession> {
    const value = sessionIdOrToken.trim();
    this.redactor.add(value);
    const previous = this.session;
    this.session = { sessionId: value, kind: credentialKind(value) };
    try {
      const user = await this.fetchUser(false, signal);
      this.session = { ...this.session, userId: user.id, vaultId: user.vaultId };
      this.log.info(`using an existing ${this.session.kind === 'token' ? 'API access token' : 'session'} for user ${user.id}`);
      return this.session;
    } catch (error) {
      this.session = previous;
      throw error;
    }
  }

  async keepAlive(signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'POST', path: '/keep-alive', label: 'keep-alive', authenticated: true, idempotent: true, reauth: true, retryOnLimit: true }, signal);
  }

  /** Ends this session on Vault (the user's other sessions stay alive) and forgets it. */
  async signOut(signal?: AbortSignal): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session && session.kind !== 'token') await this.endSession(session, signal);
  }

  whoAmI(signal?: AbortSignal): Promise<VaultUser> {
    return this.fetchUser(true, signal);
  }

  // ---- jobs (§3) ----

  async listMonitors(filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    return this.listJobs('monitors', filter, signal, options);
  }

  async listHistories(filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    return this.listJobs('histories', filter, signal, options);
  }

  /** Follows Vault's next_page link; offsets are never computed here (the docs disagree on them, §3.6). */
  async nextPage(page: JobPage, signal?: AbortSignal, options?: CallOptions): Promise<JobPage | undefined> {
    return page.nextPage ? this.fetchPage(page.nextPage, page.kind, signal, options) : undefined;
  }

  private async fetchPage(link: string, kind: JobListKind, signal: AbortSignal | undefined, options: CallOptions = {}): Promise<JobPage> {
    const { body } = await this.call(this.readSpec(checkPageUrl(link, (text) => this.redactor.redact(text)), `job ${kind} page`), signal, options);
    return parseJobPage(body, kind);
  }

  /**
   * The pages of a list, following next_page within bounds, since a broken or hostile server can link
   * pages forever or in a circle: reading stops at a link already followed, at an empty page that links
   * on, at a link past Vault's own total, and after `maxListPages` pages. A count that disagrees with the
   * rows (the 26.2 docs show total 3 beside two jobs and no next_page) is noted, never an error: what
   * came is shown. `onNote` hears each such note; it is logged too.
   */
  async *walkPages(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal, options: CallOptions & { onNote?: PageNote } = {}): AsyncIterable<JobPage> {
    const visited = new Set<string>();
    const note = (text: string, complete: boolean) => {
      this.log.warn(text);
      options.onNote?.(text, complete);
    };
    let page = await this.listJobs(kind, filter, signal, options);
    let rows = 0;
    for (let pages = 1; ; pages++) {
      yield page;
      rows += page.jobs.length;
      const link = page.nextPage;
      const cut = !link
        ? undefined
        : visited.has(link)
          ? `a page links back to one already read`
          : page.jobs.length === 0
            ? `page ${pages} is empty yet links to another`
            : rows >= page.total
              ? `a page links past Vault's own total of ${page.total}`
              : pages >= this.settings.maxListPages
                ? `it has more than ${this.settings.maxListPages} pages`
                : undefined;
      if (cut) return note(`Vault's job ${kind} list was cut at ${rows} job(s) after ${pages} page(s): ${cut}.`, false);
      if (!link) {
        if (rows !== page.total) note(`Vault counts ${page.total} job ${kind} but its pages held ${rows}; showing the ${rows} it sent.`, true);
        return;
      }
      visited.add(link);
      page = await this.fetchPage(link, kind, signal, options);
    }
  }

  /** Every job of a list, with whether it is complete and why not, for a view that shows it. */
  async listAll(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal): Promise<JobList> {
    const list: JobList = { jobs: [], complete: true };
    const notes: string[] = [];
    const onNote: PageNote = (note, complete) => {
      notes.push(note);
      list.complete &&= complete;
    };
    for await (const page of this.walkPages(kind, filter, signal, { onNote })) list.jobs.push(...page.jobs);
    return notes.length ? { ...list, note: notes.join(' ') } : list;
  }

  /** Waits for this job's status slot rather than tripping Vault's one-call-per-10-s limit. */
  async jobStatus(id: number, signal?: AbortSignal, options?: CallOptions): Promise<JobStatusDetail> {
    const { body } = await this.call({ ...this.readSpec(jobPaths.status(id), `status of job ${id}`), statusJobId: id }, signal, options);
    return parseJobStatus(body);
  }

  async startNow(id: number, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'POST', path: jobPaths.startNow(id), label: `start of job ${id}`, authenticated: true, idempotent: false, reauth: true, retryOnLimit: true }, signal);
  }

  /**
   * ONE Cancel Job request for at most 500 IDs, answered per ID in request order. Nothing is retried
   * here, not even a rate-limit refusal or an expired session (renewed, then reported as a transient
   * INVALID_SESSION_ID): the caller owns every repeat of a cancel, so it can bound them and establish
   * whether a failed one reached Vault.
   */
  async cancelJobs(ids: readonly number[], signal?: AbortSignal, options: CallOptions = {}): Promise<CancelItemResult[]> {
    if (!this.supportsCancel) {
      throw this.error('config', `Cancelling jobs needs Vault API ${minimumCancelVersion} or later; the configured version is ${this.apiVersion}.`);
    }
    if (ids.length > maxCancelBatch) throw this.error('config', `A cancel request holds at most ${maxCancelBatch} job IDs, not ${ids.length}.`);
    if (ids.length === 0) return [];
    const { body } = await this.call(
      { method: 'POST', path: jobPaths.cancel, label: `cancel of ${ids.length} job(s)`, json: cancelRequestBody(ids), authenticated: true, idempotent: false, reauth: true, retryOnLimit: false, sendOnce: true },
      signal,
      options,
    );
    const items = parseCancelItems(ids, body).map((item) => (item.status === 'failure' ? { ...item, errors: this.redactItems(item.errors) } : item));
    const answered = Array.isArray(body.data) ? body.data.length : 0;
    if (answered !== ids.length) this.log.warn(`cancel of ${ids.length} job(s) was answered with ${answered} item(s)`);
    return items;
  }

  // ---- transport ----

  private listJobs(kind: JobListKind, filter: JobFilter | undefined, signal: AbortSignal | undefined, options: CallOptions = {}): Promise<JobPage> {
    return this.call({ ...this.readSpec(jobPaths[kind], `job ${kind}`), params: jobFilterParams(filter) }, signal, options).then(({ body }) => parseJobPage(body, kind));
  }

  private readSpec(path: string, label: string): CallSpec {
    return { method: 'GET', path, label, authenticated: true, idempotent: true, reauth: true, retryOnLimit: true };
  }

  private async fetchUser(reauth: boolean, signal?: AbortSignal): Promise<VaultUser> {
    const { body, headers } = await this.call({ ...this.readSpec('/objects/users/me', 'who-am-I'), reauth }, signal);
    return parseUser(body, numberOrUndefined(headers['x-vaultapi-vaultid']));
  }

  private adopt(session: VaultSession): void {
    this.redactor.add(session.sessionId);
    this.session = session;
  }

  /** Best effort: a session that cannot be ended expires by itself. */
  private async endSession(session: VaultSession, signal?: AbortSignal): Promise<void> {
    try {
      await this.call({ method: 'DELETE', path: '/session', label: 'sign-out', authenticated: true, idempotent: true, reauth: false, retryOnLimit: false }, signal, {}, session);
    } catch (error) {
      if (isVaultError(error, 'aborted')) throw error;
      this.log.warn(`sign-out failed: ${errorMessage(error)}`);
    }
  }

  private async call(spec: CallSpec, signal?: AbortSignal, options: CallOptions = {}, asSession?: VaultSession): Promise<Answer> {
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
  private async waitUnsent(wait: () => Promise<void>, signal: AbortSignal | undefined, spec: CallSpec): Promise<void> {
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
        const session = await this.options.reauthenticate!(signal ?? new AbortController().signal).catch((error: unknown) => {
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

  private async send(spec: CallSpec, session: VaultSession | undefined, signal: AbortSignal | undefined): Promise<Answer> {
    // Not an expired session (which re-authentication may renew): nobody has signed in, or they signed out.
    if (spec.authenticated && !session) throw this.error('config', `Not signed in to ${this.baseUrl}.`);
    const url = spec.path.startsWith('/api/') ? spec.path : `/api/${this.apiVersion}${spec.path}`;
    const started = this.clock.now();
    // axios's timeout only bounds silence; this bounds the whole exchange, a drip-fed answer included.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.deadlineMs);
    let response: AxiosResponse<string>;
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

  private transportError(error: unknown, spec: CallSpec, signal: AbortSignal | undefined, deadline: AbortSignal): VaultError {
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
  private error(kind: VaultErrorKind, message: string, init?: VaultErrorInit): VaultError {
    return new VaultError(kind, this.redactor.redact(message), init?.errors ? { ...init, errors: this.redactItems(init.errors) } : init);
  }

  /** Vault's own error texts can echo what was sent (a sign-in form, a session): they pass the redactor too, and are bounded. */
  private redactItems(errors: readonly VaultErrorItem[]): VaultErrorItem[] {
    return errors.map(({ type, message }) => ({ type: this.serverText(type), message: this.serverText(message) }));
  }

  /** A server's text, redacted and bounded before anything else runs over it (errors.ts, serverTextLimit). */
  private serverText(text: string, limit?: number): string {
    return boundServerText(text, (window) => this.redactor.redact(window), limit);
  }
}

const sessionExpired = { type: 'INVALID_SESSION_ID', message: 'Invalid or expired session ID.' };

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

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

/** Vault's users/me answer: `users[0].user` in current Vaults; a flatter shape is accepted too. */
function parseUser(body: Body, vaultId: number | undefined): VaultUser {
  const first = (Array.isArray(body.users) ? (body.users as unknown[])[0] : body.data) as Record<string, unknown> | undefined;
  const user = (first?.user as Record<string, unknown> | undefined) ?? first ?? {};
  const id = numberOrUndefined(user.id);
  if (id === undefined) throw new VaultError('vault', "Vault's who-am-I answer names no user.", { transient: false });
  const text = (key: string) => (typeof user[key] === 'string' ? user[key] : undefined);
  return { id, userName: text('user_name__v'), firstName: text('user_first_name__v'), lastName: text('user_last_name__v'), email: text('user_email__v'), vaultId };
}
