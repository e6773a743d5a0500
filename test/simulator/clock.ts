// The simulator reads time only through a SimulatorClock, so that tests can move job states,
// session timeouts and rate-limit windows forward without waiting.
import type { Clock } from '../../src/core/clock';

export interface SimulatorClock {
  now(): number;
}

export const realClock: SimulatorClock = { now: () => Date.now() };

/**
 * A clock that moves only when told to. It also implements the core's Clock, so one ManualClock
 * can drive both the simulator and the code under test: `sleep` resolves when `advance` passes it.
 */
export class ManualClock implements Clock {
  /** A fixed, plausible "now" so that seeded data is identical on every run. */
  static readonly defaultStart = Date.parse('2026-03-02T12:00:00.000Z');
  private current: number;
  private sleepers: { until: number; wake: () => void }[] = [];

  constructor(start = ManualClock.defaultStart) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock cannot go back');
    this.current += ms;
    const due = this.sleepers.filter((s) => s.until <= this.current).sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((s) => s.until > this.current);
    for (const sleeper of due) sleeper.wake();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const sleeper = {
        until: this.current + Math.max(0, ms),
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (ms <= 0) return sleeper.wake();
      this.sleepers.push(sleeper);
    });
  }
}

const dayMs = 86_400_000;
/** The date part of recent days: Date#toISOString is slow enough to dominate seeding 50,000 jobs. */
const dayPrefixes = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Milliseconds as Vault writes DateTime values: ISO 8601 with milliseconds and `Z`. */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / dayMs);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= 10_000) dayPrefixes.clear();
    prefix = new Date(day * dayMs).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const t = Math.floor(ms) - day * dayMs;
  return `${prefix}${pad(Math.floor(t / 3_600_000), 2)}:${pad(Math.floor(t / 60_000) % 60, 2)}:${pad(Math.floor(t / 1000) % 60, 2)}.${pad(t % 1000, 3)}Z`;
}
