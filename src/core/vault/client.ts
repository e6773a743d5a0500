// The one object callers construct for a Vault: Vault's endpoints (vault-api.md §2-§3), each a thin
// method over the transport it extends. A method says what its request is (path, body, whether it may
// be repeated) and what the answer means (jobsApi.ts holds those rules); how a request travels (the
// session and its renewal, limits, retries, deadline, body cap, typed and redacted errors) is the
// transport's (transport.ts), and the bounded walk over a list's pages is paging's (paging.ts). The
// client extends the transport rather than holding one, so the transport's session, redactor and rate
// limits are the client's own without a layer that only forwards them.
import { errorMessage } from '../errorMessage';
import type { Logger } from '../log';
import { compareApiVersions, credentialKind, findRequestedVault, minimumCancelVersion, parseApiVersion } from './auth';
import { VaultError, isVaultError } from './errors';
import {
  cancelRequestBody, checkPageUrl, jobFilterParams, jobPaths, maxCancelBatch, parseCancelItems, parseJobPage, parseJobStatus, parseJobTasks, type Body,
} from './jobsApi';
import { defaultMaxListPages, listAll, walkPages, type PageNote, type PageSource } from './paging';
import { VaultTransport, readRequest, type CallOptions } from './transport';
import type {
  CancelItemResult, JobFilter, JobList, JobListKind, JobPage, JobStatusDetail, JobTaskPage, VaultClientOptions, VaultSession, VaultUser,
} from './types';

export class VaultClient extends VaultTransport {
  private readonly maxListPages: number;
  private readonly logNote: Logger['warn'];

  constructor(options: VaultClientOptions, session?: VaultSession) {
    super(options, session);
    this.maxListPages = options.maxListPages ?? defaultMaxListPages;
    this.logNote = (note) => this.log.warn(note);
  }

  // ---- sessions (vault-api.md §2) ----

  /** Signs in with a user name and password and checks that the session belongs to this Vault's DNS. */
  async signIn(username: string, password: string, signal?: AbortSignal): Promise<VaultSession> {
    this.redactor.add(password);
    const host = new URL(this.baseUrl).host;
    const { body } = await this.request(
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
    await this.request({ method: 'POST', path: '/keep-alive', label: 'keep-alive', authenticated: true, idempotent: true, reauth: true, retryOnLimit: true }, signal);
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

  private async fetchUser(reauth: boolean, signal?: AbortSignal): Promise<VaultUser> {
    const { body, headers } = await this.request({ ...readRequest('/objects/users/me', 'who-am-I'), reauth }, signal);
    return parseUser(body, numberOrUndefined(headers['x-vaultapi-vaultid']));
  }

  /** Best effort: a session that cannot be ended expires by itself. */
  private async endSession(session: VaultSession, signal?: AbortSignal): Promise<void> {
    try {
      await this.request({ method: 'DELETE', path: '/session', label: 'sign-out', authenticated: true, idempotent: true, reauth: false, retryOnLimit: false }, signal, {}, session);
    } catch (error) {
      if (isVaultError(error, 'aborted')) throw error;
      this.log.warn(`sign-out failed: ${errorMessage(error)}`);
    }
  }

  // ---- jobs (vault-api.md §3) ----

  listMonitors(filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    return this.listJobs('monitors', filter, signal, options);
  }

  listHistories(filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    return this.listJobs('histories', filter, signal, options);
  }

  /** The page after `page`, by Vault's next_page link; undefined on the last page. */
  async nextPage(page: JobPage, signal?: AbortSignal, options?: CallOptions): Promise<JobPage | undefined> {
    return page.nextPage ? this.fetchPage(page.nextPage, page.kind, signal, options) : undefined;
  }

  /** The pages of a list within paging's bounds (paging.ts); each note on how complete it is is logged and told to `onNote`. */
  walkPages(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal, options: CallOptions & { onNote?: PageNote } = {}): AsyncIterable<JobPage> {
    return walkPages(this.jobPages(kind, filter, signal, options), this.maxListPages, (note, complete) => {
      this.logNote(note);
      options.onNote?.(note, complete);
    });
  }

  /** Every job of a list, with whether it is complete and why not, for a view that shows it. */
  listAll(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal): Promise<JobList> {
    return listAll(this.jobPages(kind, filter, signal), this.maxListPages, this.logNote);
  }

  /** The first page of the monitors (active) or histories list. */
  private async listJobs(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    const { body } = await this.request({ ...readRequest(jobPaths[kind], `job ${kind}`), params: jobFilterParams(filter) }, signal, options);
    return parseJobPage(body, kind);
  }

  /** The page a next_page link names; offsets are never computed here (the docs disagree on them, §3.6). */
  private async fetchPage(link: string, kind: JobListKind, signal?: AbortSignal, options?: CallOptions): Promise<JobPage> {
    const { body } = await this.request(readRequest(checkPageUrl(link, (text) => this.redactor.redact(text)), `job ${kind} page`), signal, options);
    return parseJobPage(body, kind);
  }

  /** A list's pages as the endpoints serve them, for the bounded walk (paging.ts). */
  private jobPages(kind: JobListKind, filter?: JobFilter, signal?: AbortSignal, options?: CallOptions): PageSource<JobPage> {
    return { kind, first: () => this.listJobs(kind, filter, signal, options), follow: (link) => this.fetchPage(link, kind, signal, options), rows: (page) => page.jobs.length };
  }

  /** Waits for this job's status slot rather than tripping Vault's one-call-per-10-s limit. */
  async jobStatus(id: number, signal?: AbortSignal, options?: CallOptions): Promise<JobStatusDetail> {
    const { body } = await this.request({ ...readRequest(jobPaths.status(id), `status of job ${id}`), statusJobId: id }, signal, options);
    return parseJobStatus(body);
  }

  /**
   * An SDK job's tasks (Retrieve Job Tasks), a page each time the caller asks for the next, within
   * paging's bounds (paging.ts). Vault's own page size is used: the reference lists no parameters for
   * this call. Each note on how complete the reading is goes to the log and to `onNote`.
   */
  taskPages(id: number, signal?: AbortSignal, onNote?: PageNote): AsyncGenerator<JobTaskPage, void, undefined> {
    const read = async (path: string) => parseJobTasks((await this.request(readRequest(path, `tasks of job ${id}`), signal)).body, id);
    const source: PageSource<JobTaskPage> = {
      kind: 'tasks',
      first: () => read(jobPaths.tasks(id)),
      follow: (link) => read(checkPageUrl(link, (text) => this.redactor.redact(text))),
      rows: (page) => page.tasks.length,
    };
    return walkPages(source, this.maxListPages, (note, complete) => {
      this.logNote(note);
      onNote?.(note, complete);
    });
  }

  async startNow(id: number, signal?: AbortSignal): Promise<void> {
    await this.request({ method: 'POST', path: jobPaths.startNow(id), label: `start of job ${id}`, authenticated: true, idempotent: false, reauth: true, retryOnLimit: true }, signal);
  }

  /** True when the configured API version has Cancel Job (v25.3+). */
  get supportsCancel(): boolean {
    return compareApiVersions(this.version, parseApiVersion(minimumCancelVersion)) >= 0;
  }

  /**
   * ONE Cancel Job request for at most 500 IDs, answered per ID in request order. Nothing is retried
   * here, not even a rate-limit refusal or an expired session (renewed, then reported as a transient
   * INVALID_SESSION_ID): the caller owns every repeat of a cancel, so it can bound them and establish
   * whether a failed one reached Vault.
   */
  async cancelJobs(ids: readonly number[], signal?: AbortSignal, options?: CallOptions): Promise<CancelItemResult[]> {
    if (!this.supportsCancel) {
      throw this.error('config', `Cancelling jobs needs Vault API ${minimumCancelVersion} or later; the configured version is ${this.apiVersion}.`);
    }
    if (ids.length > maxCancelBatch) throw this.error('config', `A cancel request holds at most ${maxCancelBatch} job IDs, not ${ids.length}.`);
    if (ids.length === 0) return [];
    const { body } = await this.request(
      { method: 'POST', path: jobPaths.cancel, label: `cancel of ${ids.length} job(s)`, json: cancelRequestBody(ids), authenticated: true, idempotent: false, reauth: true, retryOnLimit: false, sendOnce: true },
      signal,
      options,
    );
    const items = parseCancelItems(ids, body).map((item) => (item.status === 'failure' ? { ...item, errors: this.redactItems(item.errors) } : item));
    const answered = Array.isArray(body.data) ? body.data.length : 0;
    if (answered !== ids.length) this.log.warn(`cancel of ${ids.length} job(s) was answered with ${answered} item(s)`);
    return items;
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
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
