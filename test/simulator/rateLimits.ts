// Vault's limits (vault-api.md §4.3): the burst limit per fixed window (calls beyond it are
// delayed, not refused), the per-minute auth limit (calls beyond it fail), and Job Status's one
// call per job ID per interval.
import type { SimulatorClock } from './clock';

/** Counts calls per key in fixed windows aligned on multiples of the window length. */
export class FixedWindowCounter {
  private windowStart = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly windowMs: number,
  ) {}

  /** Records one call for `key` and returns how many calls the key has made in this window. */
  hit(key: string): number {
    this.roll();
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }

  /** Sets the key's count in this window. */
  set(key: string, count: number): void {
    this.roll();
    this.counts.set(key, count);
  }

  private roll(): void {
    const start = Math.floor(this.clock.now() / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts = new Map();
    }
  }
}

export interface BurstVerdict {
  limit: number;
  remaining: number;
  /** Real-time delay before answering; 0 while under the limit. */
  delayMs: number;
}

export class BurstLimiter {
  private readonly counter: FixedWindowCounter;

  constructor(
    clock: SimulatorClock,
    private readonly config: { limit: number; windowMs: number; delayMs: number },
  ) {
    this.counter = new FixedWindowCounter(clock, config.windowMs);
  }

  /** Uses up the window's budget so that `remaining` calls are left in it (a test's other integrations). */
  setRemaining(remaining: number): void {
    this.counter.set('vault', Math.max(0, this.config.limit - remaining));
  }

  hit(): BurstVerdict {
    const used = this.counter.hit('vault');
    const { limit, delayMs } = this.config;
    return { limit, remaining: Math.max(0, limit - used), delayMs: used > limit ? delayMs : 0 };
  }
}

/** Job Status: one call per job ID per interval; refused calls do not restart the interval [INF]. */
export class StatusCallLimiter {
  private readonly lastCall = new Map<number, number>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly intervalMs: number,
  ) {}

  allow(jobId: number): boolean {
    const now = this.clock.now();
    const last = this.lastCall.get(jobId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.lastCall.set(jobId, now);
    return true;
  }
}
