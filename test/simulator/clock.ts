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

/** Milliseconds as Vault writes DateTime values: ISO 8601 with milliseconds and `Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
