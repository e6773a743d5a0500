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

/** Keeps Job Status calls for one job at least `intervalMs` apart, by waiting rather than tripping the limit. */
export class JobStatusThrottle {
  private readonly nextAllowed = new Map<number, number>();
  private lastPrune = 0;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  async acquire(jobId: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.forgetExpired(now);
    const slot = Math.max(now, this.nextAllowed.get(jobId) ?? 0);
    this.nextAllowed.set(jobId, slot + this.intervalMs);
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }

  /** Called after Vault refused anyway (another client asked about the same job): the next slot is a full interval away. */
  refused(jobId: number): void {
    this.nextAllowed.set(jobId, this.clock.now() + this.intervalMs);
  }

  /** Entries in the past constrain nothing; dropping them (at most once per interval) keeps the map small at O(1) amortized cost. */
  private forgetExpired(now: number): void {
    if (now - this.lastPrune < this.intervalMs) return;
    this.lastPrune = now;
    for (const [id, time] of this.nextAllowed) if (time <= now) this.nextAllowed.delete(id);
  }
}

/** Exponential backoff with full jitter over the upper half: base·2^attempt·[0.5, 1), capped at maxMs. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}
