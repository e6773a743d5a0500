// A clock whose sleeps return at once and are only added up: time stands still, so waits computed
// from it show exactly what a caller asked for.
import type { Clock } from '../../../src/core/clock';

export class FakeClock implements Clock {
  slept = 0;
  private readonly current = Date.parse('2026-03-02T12:00:00Z');

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.slept += ms;
    return Promise.resolve();
  }
}
