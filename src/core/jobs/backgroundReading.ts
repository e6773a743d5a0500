// Reading a Vault's lists in the background (auto-refresh and watched jobs) within Vault's burst budget
// (vault-api.md §4.3: a number of calls per 5-minute window, shared with every other integration of
// the Vault, reported in X-VaultAPI-BurstLimit and -BurstLimitRemaining). A reading costs one call per
// Active page, so the interval grows with the list: background reading takes at most `share` of the
// budget whatever the list's size. It reads less often while the budget left is under a reserve,
// stops until the window has passed when it is under a floor (or Vault already delays answers), and
// waits while a cancel is being sent, which needs the budget more.
import type { RateLimitSnapshot } from '../vault';

export type BudgetState = 'normal' | 'slowed' | 'paused' | 'yielding';

export interface BudgetPolicy {
  /** Vault's burst window. */
  readonly windowMs: number;
  /** The part of the burst budget background reading may use. */
  readonly share: number;
  /** Under this part of the budget left, read `slowFactor` times less often. */
  readonly reserve: number;
  /** Under this part of the budget left, stop until the window has passed. */
  readonly floor: number;
  readonly slowFactor: number;
}

/** 8% leaves room under the 10% background reading must stay within, for the calls a person's own refreshes add. */
export const defaultBudgetPolicy: BudgetPolicy = { windowMs: 5 * 60_000, share: 0.08, reserve: 0.25, floor: 0.1, slowFactor: 4 };
/** Vault's documented default burst limit, assumed until a response says otherwise. */
const defaultBurstLimit = 2000;

export interface PacedDelay {
  readonly delayMs: number;
  readonly state: BudgetState;
}

/**
 * How long to wait before the next background reading, given the interval wanted, what the last one
 * cost in calls, and the budget Vault reported last.
 */
export function backgroundDelay(baseMs: number, callsPerReading: number, limits: RateLimitSnapshot, now: number, policy = defaultBudgetPolicy): PacedDelay {
  const limit = limits.burstLimit && limits.burstLimit > 0 ? limits.burstLimit : defaultBurstLimit;
  const withinShare = Math.max(baseMs, (callsPerReading * policy.windowMs) / (policy.share * limit));
  const remaining = limits.burstRemaining;
  if ((remaining !== undefined && remaining < policy.floor * limit) || (limits.responseDelayMs ?? 0) > 0) {
    // The window is fixed: by a window's length after the figure was reported, the budget is whole again.
    return { state: 'paused', delayMs: Math.max(withinShare, (limits.updatedAt ?? now) + policy.windowMs - now) };
  }
  if (remaining !== undefined && remaining < policy.reserve * limit) return { state: 'slowed', delayMs: withinShare * policy.slowFactor };
  return { state: 'normal', delayMs: withinShare };
}

export interface BackgroundReaderOptions {
  /** The interval wanted now (auto-refresh, watching); undefined when nothing needs reading. */
  readonly wantedMs: () => number | undefined;
  /** True while a cancel is being sent: background reading waits for it. */
  readonly busy: () => boolean;
  /** One reading of the lists. */
  readonly read: () => Promise<unknown>;
  /** The budget as Vault last reported it. */
  readonly limits: () => RateLimitSnapshot;
  /** Requests sent so far by the client the reading uses (what a reading cost is the difference). */
  readonly requestsSent: () => number;
  readonly now?: () => number;
  readonly policy?: BudgetPolicy;
  /** Told whenever the state or the delay changes. */
  readonly onDidSchedule?: (delay: PacedDelay | undefined) => void;
}

/** Runs background readings, one at a time, at the pace `backgroundDelay` sets. */
export class BackgroundReader {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastCost = 0;
  private soonMs: number | undefined;
  private current: PacedDelay | undefined;
  private disposed = false;

  constructor(private readonly options: BackgroundReaderOptions) {}

  /** The wait before the next reading and why; undefined when none is due. */
  get next(): PacedDelay | undefined { return this.current; }

  /** Calls the last reading made. */
  get callsPerReading(): number { return this.lastCost; }

  /**
   * Plans the next reading afresh (the wanted interval or the budget changed); `soonMs`: this once,
   * no later than that (new work to read for), within what the budget allows.
   */
  schedule(soonMs?: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Asked during a reading: it applies to the plan made when that reading ends.
    if (soonMs !== undefined) this.soonMs = Math.min(soonMs, this.soonMs ?? soonMs);
    if (this.disposed || this.running) return;
    const interval = this.options.wantedMs();
    const soon = this.soonMs;
    this.soonMs = undefined;
    const wanted = interval === undefined || soon === undefined ? interval : Math.min(interval, soon);
    const now = this.options.now?.() ?? Date.now();
    const delay = wanted === undefined ? undefined
      : this.options.busy() ? { state: 'yielding' as const, delayMs: wanted }
      : backgroundDelay(wanted, this.lastCost, this.options.limits(), now, this.options.policy);
    this.current = delay;
    this.options.onDidSchedule?.(delay);
    if (delay) this.timer = setTimeout(() => void this.tick(), delay.delayMs);
  }

  /** One reading now (unless a cancel is being sent or one is running), then the next one planned. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    clearTimeout(this.timer);
    if (!this.options.busy()) {
      this.running = (async () => {
        const before = this.options.requestsSent();
        try {
          await this.options.read();
        } catch {
          // A failed reading is shown by the view; the next one is planned all the same.
        }
        this.lastCost = this.options.requestsSent() - before;
      })();
      try {
        await this.running;
      } finally {
        this.running = undefined;
      }
    }
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
