// The HTTP side: one request goes through the request log, the burst limit, latency, faults,
// dispatch and Vault's response headers. Real sockets, so clients are tested as they will run.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/core/clock';
import type { SimulatorClock } from './clock';
import { dispatch, type Dispatched } from './dispatch';
import { FaultController } from './faults';
import { JobStore } from './jobs';
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from './options';
import { BurstLimiter, FixedWindowCounter, StatusCallLimiter } from './rateLimits';
import { logEntry, type LoggedRequest } from './requestLog';
import type { SimulatorState } from './routes';
import { seedJobs } from './seedData';
import { SessionStore } from './sessions';

export interface VaultSimulator {
  /** e.g. 'http://127.0.0.1:PORT' */
  readonly url: string;
  /** 'host:port', what a user types as the Vault DNS. */
  readonly dns: string;
  readonly username: string;
  readonly password: string;
  readonly vaultId: number;
  readonly userId: number;
  readonly options: Readonly<ResolvedOptions>;
  readonly requestLog: LoggedRequest[];
  clearRequestLog(): void;
  readonly faults: FaultController;
  readonly jobs: JobStore;
  readonly clock: SimulatorClock;
  /** A valid session ID without calling /auth. */
  createSession(): string;
  expireAllSessions(): void;
  /** Uses up the burst window so that `remaining` calls are left (X-VaultAPI-BurstLimitRemaining counts down from there). */
  setBurstRemaining(remaining: number): void;
  /** Registers an API access token (accepted as `Bearer`), generated as 'veeva-vault-…' when not given. */
  addApiAccessToken(token?: string): string;
  close(): Promise<void>;
}

const proxyPage = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
const notJson = '<html><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>';

class Simulator implements VaultSimulator {
  readonly requestLog: LoggedRequest[] = [];
  readonly faults = new FaultController();
  readonly jobs: JobStore;
  readonly clock: SimulatorClock;
  private readonly sessions: SessionStore;
  private readonly burst: BurstLimiter;
  private readonly state: SimulatorState;
  /** Aborts pending delays when the simulator closes. */
  private readonly closing = new AbortController();
  private readonly server: Server;

  constructor(readonly options: ResolvedOptions) {
    this.clock = options.clock;
    this.jobs = new JobStore(this.clock, { ...options, defaultUserId: options.userId });
    seedJobs(this.jobs, options.jobs, options.seed, this.clock.now());
    this.sessions = new SessionStore(this.clock, { idleMs: options.sessionIdleMs, maxMs: options.sessionMaxMs });
    this.burst = new BurstLimiter(this.clock, { limit: options.burstLimit, windowMs: options.burstWindowMs, delayMs: options.burstDelayMs });
    this.state = {
      options,
      dns: '',
      jobs: this.jobs,
      sessions: this.sessions,
      authCalls: new FixedWindowCounter(this.clock, 60_000),
      statusCalls: new StatusCallLimiter(this.clock, options.statusCallIntervalMs),
    };
    this.server = createServer((req, res) => {
      this.serve(req, res).catch((error: unknown) => this.crash(res, error));
    });
  }

  get url(): string {
    return `http://${this.dns}`;
  }
  get dns(): string {
    return this.state.dns;
  }
  get username(): string {
    return this.options.username;
  }
  get password(): string {
    return this.options.password;
  }
  get vaultId(): number {
    return this.options.vaultId;
  }
  get userId(): number {
    return this.options.userId;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, resolve);
    });
    const { port } = this.server.address() as AddressInfo;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    this.state.dns = `${host}:${port}`;
  }

  clearRequestLog(): void {
    this.requestLog.length = 0;
  }

  createSession(): string {
    return this.sessions.create(this.options.userId, this.options.vaultId).id;
  }

  expireAllSessions(): void {
    this.sessions.endAll();
  }

  setBurstRemaining(remaining: number): void {
    this.burst.setRemaining(remaining);
  }

  addApiAccessToken(token?: string): string {
    return this.sessions.addToken(this.options.userId, token);
  }

  async close(): Promise<void> {
    this.closing.abort(new Error('simulator closed'));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Also ends keep-alive sockets and connections held by the noAnswer fault.
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const entry = logEntry(method, url, req.headers, body, this.clock.now());
    this.requestLog.push(entry);
    if (this.requestLog.length > this.options.requestLogLimit) this.requestLog.splice(0, this.requestLog.length - this.options.requestLogLimit);
    const burst = this.burst.hit();
    const delay = this.options.latencyMs + (this.faults.take('latency', method, url)?.ms ?? 0) + burst.delayMs;
    if (delay > 0 && !(await this.sleep(delay))) return;
    if (this.interrupt('before', method, url, res)) return;
    const answer = dispatch(this.state, this.faults, { method, url, headers: req.headers, body });
    const move = this.faults.take('moveActiveList', method, url);
    if (move) this.jobs.moveActiveList(move.finish, move.queue ?? 0);
    entry.auth = answer.auth;
    res.once('close', () => this.afterCall(answer, method, url));
    if (this.interrupt('after', method, url, res)) return;
    entry.responseStatus = answer.body.responseStatus;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json;charset=UTF-8',
      'X-VaultAPI-ExecutionId': randomUUID(),
      'X-VaultAPI-BurstLimit': String(burst.limit),
      'X-VaultAPI-BurstLimitRemaining': String(burst.remaining),
      'X-VaultAPI-VaultId': String(this.options.vaultId),
      'X-VaultAPI-Status': answer.body.responseStatus,
    };
    if (answer.caller) headers['X-VaultAPI-UserId'] = String(answer.caller.userId);
    // [INF] How much of the session ID Vault shows is not documented.
    if (answer.caller?.session) headers['X-VaultAPI-TruncatedSessionId'] = answer.caller.session.id.slice(0, 8);
    if (burst.delayMs > 0) headers['X-VaultAPI-ResponseDelay'] = String(burst.delayMs);
    const reference = req.headers['x-vaultapi-referenceid'];
    if (typeof reference === 'string') headers['X-VaultAPI-ReferenceId'] = reference;
    res.writeHead(answer.httpStatus ?? 200, headers).end(JSON.stringify(answer.body));
  }

  /**
   * Applies the transport faults due at this stage ('before' or 'after' the request was applied).
   * True when the request got no Vault answer.
   */
  private interrupt(stage: 'before' | 'after', method: string, url: string, res: ServerResponse): boolean {
    const atStage = (spec: { applied?: boolean }) => (spec.applied ?? false) === (stage === 'after');
    if (this.faults.take(stage === 'before' ? 'dropBeforeApply' : 'dropAfterApply', method, url)) {
      res.socket?.destroy();
      return true;
    }
    if (this.faults.take('noAnswer', method, url, atStage)) return true;
    if (this.faults.take('proxy502', method, url, atStage)) {
      res.writeHead(502, { 'Content-Type': 'text/html' }).end(proxyPage);
      return true;
    }
    const garbage = this.faults.take('nonJson', method, url, atStage);
    if (garbage) {
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' }).end(garbage.body ?? notJson);
      return true;
    }
    return false;
  }

  /** Idle time counts from the end of each call; the expireSessionAfterCalls fault acts here too. */
  private afterCall(answer: Dispatched, method: string, url: string): void {
    const session = answer.caller?.session;
    if (!session) return;
    this.sessions.touch(session);
    if (this.faults.take('expireSessionAfterCalls', method, url)) this.sessions.end(session);
  }

  /** Real-time wait; false when the simulator closed meanwhile. */
  private async sleep(ms: number): Promise<boolean> {
    try {
      await systemClock.sleep(ms, this.closing.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** A bug in the simulator answers as Vault does for system errors, instead of hanging the test. */
  private crash(res: ServerResponse, error: unknown): void {
    if (res.headersSent || res.destroyed) return;
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'X-VaultAPI-Status': 'EXCEPTION' })
      .end(JSON.stringify({ responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message }] }));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<VaultSimulator> {
  const simulator = new Simulator(resolveOptions(options));
  await simulator.listen();
  return simulator;
}
