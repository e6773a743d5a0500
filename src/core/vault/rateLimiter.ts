// Vault's limits (vault-api.md §4.3): a per-Vault burst budget reported in response headers, whose
// excess Vault answers slowly instead of refusing; and one Job Status call per job per 10 s, whose
// excess Vault refuses. The client paces itself before either bites.
import type { Clock } from '../clock';
import type { RateLimitSnapshot } from './types';

export type RateLimitListener = (snapshot: RateLimitSnapshot) => void;

function headerNumber(headers: Record<string, unknown>, name: string): number | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? undefined : value;
}

/** Tracks the burst headers of every response and spaces calls out once the remaining budget is low. */
export class BurstLimiter {
  private snapshot: RateLimitSnapshot = {};
  private nextSlot = 0;
  private readonly listeners = new Set<RateLimitListener>();

  constructor(
    private readonly clock: Clock,
    private readonly reserve: number,
    private readonly paceMs: number,
  ) {}

  get current(): RateLimitSnapshot {
    return { ...this.snapshot };
  }

  onDidUpdate(listener: RateLimitListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Reads X-VaultAPI-BurstLimit, -BurstLimitRemaining and -ResponseDelay (axios lower-cases header names). */
  update(headers: Record<string, unknown>): void {
    const burstLimit = headerNumber(headers, 'x-vaultapi-burstlimit');
    const burstRemaining = headerNumber(headers, 'x-vaultapi-burstlimitremaining');
    if (burstLimit === undefined && burstRemaining === undefined) return; // a proxy's answer says nothing about Vault
    this.snapshot = { burstLimit, burstRemaining, responseDelayMs: headerNumber(headers, 'x-vaultapi-responsedelay'), updatedAt: this.clock.now() };
    for (const listener of this.listeners) listener(this.current);
  }

  /** True while calls should be spaced out: the budget is down to the reserve, or Vault already delays answers. */
  get pacing(): boolean {
    const { burstRemaining, responseDelayMs } = this.snapshot;
    return (burstRemaining !== undefined && burstRemaining <= this.reserve) || (responseDelayMs ?? 0) > 0;
  }

  /** Waits for this call's slot. Slots are handed out synchronously, so concurrent callers queue in order. */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (!this.pacing) return;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.paceMs;
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }
}

/**
 * Keeps Job Status calls for one job at least `intervalMs` apart, by waiting rather than tripping the
 * limit. Calls for one job run one after another, and the interval counts from the moment the previous
 * answer arrived: Vault received that call earlier still, so network delays can only widen the gap it sees.
 */
export class JobStatusThrottle {
  private readonly lastAnswer = new Map<number, number>();
  private readonly queues = new Map<number, Promise<void>>();
  private lastPrune = 0;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Resolves with `release`, to be called once the call has its answer (or failed). */
  async acquire(jobId: number, signal?: AbortSignal): Promise<() => void> {
    const previous = this.queues.get(jobId) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(jobId, tail);
    const release = (answered: boolean) => {
      if (answered) this.lastAnswer.set(jobId, this.clock.now());
      if (this.queues.get(jobId) === tail) this.queues.delete(jobId);
      done();
    };
    try {
      await abortable(previous, signal);
      const now = this.clock.now();
      this.forgetExpired(now);
      const wait = (this.lastAnswer.get(jobId) ?? -Infinity) + this.intervalMs - now;
      if (wait > 0) await this.clock.sleep(wait, signal);
    } catch (error) {
      release(false);
      throw error;
    }
    return () => release(true);
  }

  /** How long a Job Status call for `jobId` made now would wait for its slot (0: it goes at once). */
  waitMs(jobId: number): number {
    if (this.queues.has(jobId)) return this.intervalMs; // a call for it is waiting or under way: at least one interval
    return Math.max(0, (this.lastAnswer.get(jobId) ?? -Infinity) + this.intervalMs - this.clock.now());
  }

  /** Answers older than the interval constrain nothing; dropping them (at most once per interval) keeps the map small at O(1) amortized cost. */
  private forgetExpired(now: number): void {
    if (now - this.lastPrune < this.intervalMs) return;
    this.lastPrune = now;
    for (const [id, time] of this.lastAnswer) if (time + this.intervalMs <= now) this.lastAnswer.delete(id);
  }
}

/** `promise`, or a rejection as soon as `signal` aborts. */
export function abortable(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Exponential backoff with full jitter over the upper half: base·2^attempt·[0.5, 1), capped at maxMs. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * A Retry-After header (RFC 9110 §10.2.3): whole seconds, or an HTTP date. Undefined when absent or
 * unreadable; a date in the past means no wait.
 */
export function parseRetryAfter(raw: unknown, now: number): number | undefined {
  const value = (Array.isArray(raw) ? raw[0] : raw) as unknown;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}/.test(text)) return undefined; // every HTTP date form starts with a day name
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
