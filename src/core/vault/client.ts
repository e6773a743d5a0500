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
import { VaultError, describeErrorItems, isVaultError, parseErrorItems, type VaultErrorInit, type VaultErrorKind } from './errors';
import {
  cancelRequestBody, checkPageUrl, jobFilterParams, jobPaths, maxCancelBatch, parseCancelItems, parseJobPage, parseJobStatus,
  type Body,
} from './jobsApi';
import { BurstLimiter, JobStatusThrottle, backoffDelay, type RateLimitListener } from './rateLimiter';
import type {
  CancelItemResult, Job, JobFilter, JobListKind, JobPage, JobStatusDetail, RateLimitSnapshot, VaultClientOptions,
  VaultSession, VaultUser,
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
}

export interface CallOptions {
  /**
   * Aborts the call only while it has not been sent (waiting for a rate-limit slot, a backoff or a
   * new session); a request already on the wire completes. The cancel engine stops with it, so that
   * a stop never leaves a cancel request whose outcome is unknown.
   */
  stop?: AbortSignal;
}

interface Answer {
  body: Body;
  headers: Record<string, unknown>;
}

const defaults = { timeoutMs: 60_000, burstReserve: 50, burstPaceMs: 1_000, statusIntervalMs: 10_000, retries: 2, backoffBaseMs: 1_000 };
const backoffMaxMs = 30_000;

export class VaultClient {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly clientId: string;
  session: VaultSession | undefined;

  private readonly version: ApiVersion;
  private readonly http: AxiosInstance;
  private readonly log: Logger;
  private readonly redactor: Redactor;
  private readonly clock: Clock;
  private readonly burst: BurstLimiter;
  private readonly statusThrottle: JobStatusThrottle;
  private readonly settings: typeof defaults;
  private readonly random: () => number;
  private renewal: Promise<void> | undefined;

  constructor(private readonly options: VaultClientOptions, session?: VaultSession) {
    this.baseUrl = resolveBaseUrl(options.dns);
    this.version = parseApiVersion(options.apiVersion ?? defaultApiVersion);
    this.apiVersion = this.version.text;
    this.clientId = validateClientId(options.clientId ?? defaultClientId);
    this.settings = {
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
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
      allowAbsoluteUrls: false, // only paths under baseUrl: the session never goes to another host
      proxy: false, // VS Code patches Node's http/https for its proxy settings; axios must not add its own
      maxRedirects: 0, // Vault does not redirect API calls; following one could carry the session elsewhere
      timeout: this.settings.timeoutMs,
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

  async listMonitors(filter?: JobFilter, signal?: AbortSignal): Promise<JobPage> {
    return this.listJobs('monitors', filter, signal);
  }

  async listHistories(filter?: JobFilter, signal?: AbortSignal): Promise<JobPage> {
    return this.listJobs('histories', filter, signal);
  }

  /** Follows Vault's next_page link; offsets are never computed here (the docs disagree on them, §3.6). */
  async nextPage(page: JobPage, signal?: AbortSignal): Promise<JobPage | undefined> {
    return page.nextPage ? this.fetchPage(page.nextPage, page.kind, signal) : undefined;
  }

  private async fetchPage(link: string, kind: JobListKind, signal: AbortSignal | undefined): Promise<JobPage> {
    const { body } = await this.call(this.readSpec(checkPageUrl(link), `job ${kind} page`), signal);
    return parseJobPage(body, kind);
  }

  /**
   * Every page of a list. Throws instead of ending early when a page claims more rows than it links
   * to, or when links loop: a list is never silently cut short.
   */
  async *allPages(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal): AsyncIterable<Job[]> {
    const visited = new Set<string>();
    let page = await this.listJobs(kind, filter, signal);
    for (;;) {
      yield page.jobs;
      const link = page.nextPage;
      if (!link) break;
      if (visited.has(link)) throw this.error('incomplete', `Vault's job ${kind} pages link back to ${link}; the list cannot be read to its end.`);
      visited.add(link);
      page = await this.fetchPage(link, kind, signal);
    }
    if (page.offset + page.jobs.length < page.total) {
      throw this.error('incomplete', `Vault's job ${kind} list ends at row ${page.offset + page.jobs.length} of ${page.total} without a link to the next page.`);
    }
  }

  /** Waits for this job's status slot rather than tripping Vault's one-call-per-10-s limit. */
  async jobStatus(id: number, signal?: AbortSignal): Promise<JobStatusDetail> {
    const { body } = await this.call({ ...this.readSpec(jobPaths.status(id), `status of job ${id}`), statusJobId: id }, signal);
    return parseJobStatus(body);
  }

  async startNow(id: number, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'POST', path: jobPaths.startNow(id), label: `start of job ${id}`, authenticated: true, idempotent: false, reauth: true, retryOnLimit: true }, signal);
  }

  /**
   * ONE Cancel Job request for at most 500 IDs, answered per ID in request order. Transient failures
   * are not retried here: whether a failed cancel reached Vault is for the caller to establish.
   */
  async cancelJobs(ids: readonly number[], signal?: AbortSignal, options: CallOptions = {}): Promise<CancelItemResult[]> {
    if (!this.supportsCancel) {
      throw this.error('config', `Cancelling jobs needs Vault API ${minimumCancelVersion} or later; the configured version is ${this.apiVersion}.`);
    }
    if (ids.length > maxCancelBatch) throw this.error('config', `A cancel request holds at most ${maxCancelBatch} job IDs, not ${ids.length}.`);
    if (ids.length === 0) return [];
    const { body } = await this.call(
      { method: 'POST', path: jobPaths.cancel, label: `cancel of ${ids.length} job(s)`, json: cancelRequestBody(ids), authenticated: true, idempotent: false, reauth: true, retryOnLimit: true },
      signal,
      options,
    );
    const items = parseCancelItems(ids, body);
    const answered = Array.isArray(body.data) ? body.data.length : 0;
    if (answered !== ids.length) this.log.warn(`cancel of ${ids.length} job(s) was answered with ${answered} item(s)`);
    return items;
  }

  // ---- transport ----

  private listJobs(kind: JobListKind, filter: JobFilter | undefined, signal: AbortSignal | undefined): Promise<JobPage> {
    return this.call({ ...this.readSpec(jobPaths[kind], `job ${kind}`), params: jobFilterParams(filter) }, signal).then(({ body }) => parseJobPage(body, kind));
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
    let renewed = false;
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
        return await this.send(spec, session, signal);
      } catch (error) {
        if (!isVaultError(error)) throw error;
        failure = error;
      } finally {
        release();
      }
      if (failure.errorType === 'INVALID_SESSION_ID' && spec.reauth && !asSession && !renewed && this.options.reauthenticate) {
        renewed = true;
        await this.waitUnsent(() => this.renewSession(session, beforeSend ?? new AbortController().signal), beforeSend, spec);
        continue;
      }
      // API_LIMIT_EXCEEDED: Vault refused and nothing happened, so any call may wait and try again.
      const limited = failure.errorType === 'API_LIMIT_EXCEEDED' && spec.retryOnLimit;
      if (attempt >= this.settings.retries || !(limited || (spec.idempotent && failure.transient && failure.kind !== 'aborted'))) throw failure;
      await this.waitUnsent(() => this.clock.sleep(backoffDelay(attempt, this.settings.backoffBaseMs, backoffMaxMs, this.random), beforeSend), beforeSend, spec);
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
  private async renewSession(failed: VaultSession | undefined, signal: AbortSignal): Promise<void> {
    if (this.session && this.session !== failed) return;
    this.renewal ??= (async () => {
      try {
        this.log.info('the session expired; signing in again');
        const session = await this.options.reauthenticate!(signal).catch((error: unknown) => {
          if (isVaultError(error, 'aborted')) throw error;
          throw this.error('vault', `The Vault session expired and signing in again failed: ${errorMessage(error)}`, { errors: [sessionExpired], transient: false });
        });
        if (!session) throw this.error('vault', 'The Vault session expired and no new session was obtained.', { errors: [sessionExpired], transient: false });
        this.adopt(session);
      } finally {
        this.renewal = undefined;
      }
    })();
    await this.renewal;
  }

  private async send(spec: CallSpec, session: VaultSession | undefined, signal: AbortSignal | undefined): Promise<Answer> {
    // Not an expired session (which re-authentication may renew): nobody has signed in, or they signed out.
    if (spec.authenticated && !session) throw this.error('config', `Not signed in to ${this.baseUrl}.`);
    const url = spec.path.startsWith('/api/') ? spec.path : `/api/${this.apiVersion}${spec.path}`;
    const started = this.clock.now();
    let response: AxiosResponse<string>;
    try {
      response = await this.http.request<string>({
        method: spec.method,
        url,
        params: spec.params,
        data: spec.form ? new URLSearchParams(spec.form) : spec.json,
        headers: spec.authenticated && session ? { Authorization: authorizationValue(session) } : {},
        signal,
      });
    } catch (error) {
      throw this.transportError(error, spec, signal);
    }
    const headers = response.headers as Record<string, unknown>;
    this.burst.update(headers);
    const body = parseJsonObject(response.data);
    const status = typeof body?.responseStatus === 'string' ? body.responseStatus : undefined;
    this.log.debug(`${spec.method} ${url} → HTTP ${response.status} ${status ?? '(no Vault status)'} in ${this.clock.now() - started} ms`);
    if (response.status !== 200) {
      const errors = parseErrorItems(body?.errors);
      throw this.error('http', `The ${spec.label} failed with HTTP ${response.status}${errors.length ? `: ${describeErrorItems(errors)}` : ''}.`, { httpStatus: response.status, errors });
    }
    if (!body || !status) {
      const contentType = headers['content-type'];
      const type = typeof contentType === 'string' ? contentType : 'no content type';
      throw this.error('nonJson', `The answer to the ${spec.label} is not a Vault JSON response (${type}; ${describeNonJson(response.data)}); a proxy or gateway may have answered instead of Vault.`, { httpStatus: response.status });
    }
    if (status === 'SUCCESS' || status === 'WARNING') return { body, headers };
    const errors = parseErrorItems(body.errors);
    const authType = typeof body.errorType === 'string' ? ` (${body.errorType})` : ''; // sign-in failures add a top-level errorType
    throw this.error('vault', `The ${spec.label} failed${authType}: ${describeErrorItems(errors)}`, { errors, responseStatus: status, httpStatus: 200 });
  }

  private transportError(error: unknown, spec: CallSpec, signal: AbortSignal | undefined): VaultError {
    const code = (error as { code?: string }).code;
    if (signal?.aborted) return this.error('aborted', `The ${spec.label} was stopped.`, { sent: true });
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return this.error('timeout', `The ${spec.label} got no answer within ${this.settings.timeoutMs} ms.`);
    // Connection refused or a name that does not resolve: the request never reached anything.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return this.error('network', `The ${spec.label} failed on the network: ${code ?? ''} ${errorMessage(error)}`.replace(/\s+/g, ' ').trim(), { sent: !neverSent });
  }

  /** Every error message passes the redactor: messages end up in logs, notifications and diagnostics. */
  private error(kind: VaultErrorKind, message: string, init?: VaultErrorInit): VaultError {
    return new VaultError(kind, this.redactor.redact(message), init);
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

/** A short, single-line hint of what came back instead of JSON: an HTML page's title, or its first characters. */
function describeNonJson(text: unknown): string {
  const raw = typeof text === 'string' ? text : '';
  if (raw.trim() === '') return 'an empty body';
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(raw)?.[1]?.trim();
  return title ? `an HTML page titled "${title}"` : `starting "${raw.replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
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
