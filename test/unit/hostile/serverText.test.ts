// Text a server controls, at any length and of any shape, costs a bounded time: whatever an error
// page or an error message holds, the event loop is never blocked for long, a Stop ends the run
// within the engine's grace in every phase, and no outcome carries more than a few hundred
// characters of it. Each test measures the worst block of the event loop (monitorEventLoopDelay)
// and the time from Stop to the run's end against generous bounds.
import * as assert from 'assert';
import type { AxiosInstance } from 'axios';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cancelJobs, describeOutcome, type CancelRunOptions, type CancelRunResult } from '../../../src/core/cancel';
import { VaultClient } from '../../../src/core/vault';
import { dottedMessage, exception, floodMessage, html, itemExceptions, titlePage } from './bodies';
import { hostileClient, startHostile, vaultJson, type Behaviour, type HostileServer } from './server';
import { answerCancelled, assertSound, cancelPath, requestedIds, statusPath } from './vaultLike';

/**
 * A regular expression backtracking over these texts stalled the event loop for 18 to 57 s; a loaded
 * 2-core machine can leave the process unscheduled for a few hundred milliseconds, so the bound is 1 s.
 */
const worstBlockBoundMs = 1_000;
/** The engine's grace is 1.5 s; the rest is slack for a loaded machine. */
const stopToEndBoundMs = 3_000;
/** An outcome quotes at most a few bounded texts (500 characters each) and its own words. */
const longestReason = 2_000;

const ids = Array.from({ length: 50 }, (_, i) => 3_000_001 + i);

interface Measured {
  result: CancelRunResult;
  worstBlockMs: number;
  stopToEndMs: number;
  cancelsAfterStop: number;
}

describe('hostile servers: Stop wins against any server text', () => {
  let server: HostileServer;
  let stop: AbortController;
  let stoppedAt: number | undefined;
  const cancelled = new Set<number>();

  const pressStop = () => {
    if (stoppedAt !== undefined) return;
    stoppedAt = performance.now();
    stop.abort();
  };
  /** Stops the run as the `nth` request of this route arrives (1-based), then behaves as `then`. */
  const stopOnArrival = (nth: number, then: Behaviour): Behaviour => {
    let arrived = 0;
    return (request, res, srv) => {
      if (++arrived === nth) pressStop();
      then(request, res, srv);
    };
  };

  /**
   * Runs a cancel of `ids` and measures it. A stop due at `stopAfterMs` counts from when it was due,
   * not from when a blocked event loop let its timer fire: that delay is part of what Stop costs.
   */
  async function measuredRun(options: CancelRunOptions & { stopAfterMs?: number } = {}, client?: VaultClient): Promise<Measured> {
    const runClient = client ?? hostileClient(server, { timeoutMs: 60_000, deadlineMs: 120_000 }).client;
    let cancelsAfterStop = 0;
    // The last moment before the socket: a cancel leaving after the stop is counted here.
    (runClient as unknown as { http: AxiosInstance }).http.interceptors.request.use((config) => {
      if (stop.signal.aborted && config.url?.includes('actions/cancel')) cancelsAfterStop++;
      return config;
    });
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    const started = performance.now();
    const timer = options.stopAfterMs === undefined ? undefined : setTimeout(() => {
      pressStop();
      stoppedAt = started + options.stopAfterMs!;
    }, options.stopAfterMs);
    histogram.enable();
    try {
      const result = await cancelJobs(runClient, ids, { random: () => 0.5, ...options, signal: stop.signal });
      const ended = performance.now();
      assert.ok(stoppedAt !== undefined, 'the run ended before the stop');
      return { result, worstBlockMs: histogram.max / 1e6, stopToEndMs: ended - stoppedAt, cancelsAfterStop };
    } finally {
      histogram.disable();
      clearTimeout(timer);
    }
  }

  function assertStopWins(measured: Measured): void {
    const { result, worstBlockMs, stopToEndMs, cancelsAfterStop } = measured;
    assertSound(result, ids, cancelled);
    assert.strictEqual(result.stopped, true);
    assert.ok(worstBlockMs < worstBlockBoundMs, `the event loop was blocked for ${Math.round(worstBlockMs)} ms`);
    assert.ok(stopToEndMs < stopToEndBoundMs, `the run ended ${Math.round(stopToEndMs)} ms after Stop`);
    assert.strictEqual(cancelsAfterStop, 0, 'no cancel is sent after Stop');
    for (const outcome of result.outcomes.values()) {
      const text = describeOutcome(outcome);
      assert.ok(text.length < longestReason, `an outcome of ${text.length} characters: ${text.slice(0, 200)}…`);
    }
  }

  beforeEach(async () => {
    server = await startHostile();
    stop = new AbortController();
    stoppedAt = undefined;
    cancelled.clear();
  });
  afterEach(() => server.close());

  it('a 502 error page of 256 KB of "<title" answers the cancel in flight at Stop: its title is found in one scan', async function () {
    this.timeout(10_000);
    server.route('POST', cancelPath, stopOnArrival(1, (_request, res) => html(res, 502, titlePage)));
    server.route('GET', statusPath, (_request, res) => html(res, 502, titlePage));
    const measured = await measuredRun();
    assertStopWins(measured);
    for (const outcome of measured.result.outcomes.values()) assert.match(describeOutcome(outcome), /HTTP 502 and no Vault answer \(starting "<title<title/);
  });

  it('an EXCEPTION per ID with 32 KB of ". ", answering a resend at Stop: each reason is joined in one scan', async function () {
    this.timeout(10_000);
    let cancels = 0;
    // The first request's fate is unknown, so the resend's per-ID answers are unclear and each reason is joined.
    server.route('POST', cancelPath, (request, res) => {
      if (++cancels === 1) return vaultJson(res, '', 503);
      pressStop();
      itemExceptions(request, res, dottedMessage);
    });
    server.route('GET', statusPath, (_request, res) => vaultJson(res, '', 503));
    const measured = await measuredRun({ backoffBaseMs: 5 });
    assertStopWins(measured);
    assert.strictEqual(cancels, 2);
    for (const outcome of measured.result.outcomes.values()) assert.match(describeOutcome(outcome), /^Unknown: sent, but whether Vault cancelled it is not known: Vault answered UNEXPECTED_ERROR "\. \. .*…" to a repeated request; its status could not be checked/);
  });

  it('every request answered EXCEPTION with a 1 MiB message: Stop pressed 2 s in, during a retry wait, ends the run', async function () {
    this.timeout(15_000);
    server.route('POST', cancelPath, (_request, res) => exception(res, floodMessage));
    server.route('GET', /./, (_request, res) => exception(res, floodMessage));
    assertStopWins(await measuredRun({ stopAfterMs: 2_000 }));
  });

  it('verification answered EXCEPTION with a 1 MiB message, Stop on its first call', async function () {
    this.timeout(10_000);
    server.route('POST', cancelPath, (request, res) => {
      for (const id of requestedIds(request)) cancelled.add(id);
      vaultJson(res, { responseStatus: 'SUCCESS', data: [] }); // no items: every ID is verified
    });
    server.route('GET', /./, stopOnArrival(1, (_request, res) => exception(res, floodMessage)));
    assertStopWins(await measuredRun({ verifyByStatusUpTo: 100 }));
  });

  it('a Retry-After wait whose 429 carries the error page, Stop 2 s in', async function () {
    this.timeout(10_000);
    server.route('POST', cancelPath, (_request, res) => html(res, 429, titlePage, { 'Retry-After': '30' }));
    const measured = await measuredRun({ stopAfterMs: 2_000 });
    assertStopWins(measured);
    for (const outcome of measured.result.outcomes.values()) assert.strictEqual(outcome.kind, 'notSent');
  });

  it('the follow-up of accepted cancels, its status calls answered with the error page, Stop on the second round', async function () {
    this.timeout(10_000);
    server.route('POST', cancelPath, (request, res) => answerCancelled(request, res, cancelled));
    let statusCalls = 0;
    server.route('GET', /./, (_request, res) => {
      if (++statusCalls === 2) pressStop();
      html(res, 502, titlePage);
    });
    const measured = await measuredRun({ followUp: true, followUpIntervalMs: 10, followUpTimeoutMs: 600_000 });
    assertStopWins(measured);
    for (const outcome of measured.result.outcomes.values()) assert.deepStrictEqual(outcome, { kind: 'accepted', state: 'CANCELLING', verified: false });
  });
});
