// Bulk cancel against the simulator with 50 ms latency: requests sent against the minimum
// ceil(N/500), wall time against the lower bound ceil(N/500) / concurrency × latency, peak memory,
// and a naive one-request-per-ID client on a smaller N. Prints a table and one JSON line each.
// The simulator runs in a child process, so the figures are the client's: its CPU does not slow the
// client, its memory is not counted. heapDeltaMb is the client's heap growth during the run.
// Then Stop under hostile bodies: the time from Stop to the run's end and the event loop's worst
// block while a server answers with texts that once made the client backtrack for seconds.
import type { AxiosInstance } from 'axios';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cancelJobs, describeOutcome } from '../src/core/cancel';
import { VaultClient, maxCancelBatch } from '../src/core/vault';
import { dottedMessage, exception, floodMessage, html, itemExceptions, titlePage } from '../test/unit/hostile/bodies';
import { startHostile, vaultJson, type HostileServer } from '../test/unit/hostile/server';
import { SimulatorProcess } from './simulatorProcess';

const latencyMs = 50;
const concurrency = 3;
const sizes = [1_000, 10_000, 50_000];
const naiveN = 200;

interface Measurement {
  bench: 'cancel';
  client: 'batched' | 'naive';
  n: number;
  requests: number;
  minRequests: number;
  wallMs: number;
  lowerBoundMs: number;
  ratio: number;
  /** ceil(requests / concurrency) whole rounds of one latency each: the bound when requests cannot split. */
  roundsBoundMs: number;
  accepted: number;
  concurrency: number;
  latencyMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  heapDeltaMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Samples memory while `work` runs; the sampling interval is short next to the runs measured. */
interface Measured<T> {
  value: T;
  wallMs: number;
  peakRss: number;
  peakHeap: number;
  baseHeap: number;
}

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  // process.memoryUsage() walks the heap's spaces, slow enough to hold up the client it measures when
  // called every 5 ms: RSS alone is cheap, so the heap is sampled less often.
  let ticks = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (ticks++ % 10 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - started;
    ticks = 0;
    sample();
    return { value, wallMs, peakRss, peakHeap, baseHeap };
  } finally {
    clearInterval(timer);
  }
}

interface Run {
  client: VaultClient;
  ids: number[];
}

async function withSimulator(jobs: number, run: (setup: Run) => Promise<Measured<number>>, kind: Measurement['client']): Promise<Measurement> {
  // A burst limit far above the run's calls: Vault's throttling would measure the limit, not the client.
  const sim = await SimulatorProcess.start({ latencyMs, burstLimit: 10_000_000, jobs: 0 });
  try {
    const { ids, sessionId } = await sim.seed(jobs);
    const client = new VaultClient({ dns: sim.dns, burstReserve: 0 }, { sessionId, kind: 'session' });
    // As after a sign-in: a connection is open and both sides' code has run once.
    await client.whoAmI();
    const m = await run({ client, ids });
    const { requests, cancelled } = await sim.stats();
    if (cancelled !== m.value) throw new Error(`the client counted ${m.value} accepted, the simulator ${cancelled} cancelled`);
    return record(kind, jobs, requests, m);
  } finally {
    await sim.close();
  }
}

function record(client: Measurement['client'], n: number, requests: number, m: Measured<number>): Measurement {
  const minRequests = Math.ceil(n / maxCancelBatch);
  const lowerBoundMs = (minRequests / concurrency) * latencyMs;
  return {
    bench: 'cancel', client, n, requests, minRequests, wallMs: Math.round(m.wallMs), lowerBoundMs: Math.round(lowerBoundMs * 10) / 10,
    ratio: Math.round((m.wallMs / lowerBoundMs) * 100) / 100, roundsBoundMs: Math.ceil(minRequests / concurrency) * latencyMs, accepted: m.value, concurrency, latencyMs,
    peakRssMb: mb(m.peakRss), peakHeapMb: mb(m.peakHeap), heapDeltaMb: mb(m.peakHeap - m.baseHeap),
  };
}

async function batched(n: number): Promise<Measurement> {
  return withSimulator(n, async ({ client, ids }) => {
    const m = await measured(() => cancelJobs(client, ids, { concurrency }));
    return { ...m, value: [...m.value.outcomes.values()].filter((o) => o.kind === 'accepted').length };
  }, 'batched');
}

/** What a script without batching does: one Cancel Job request per ID, same concurrency. */
async function naive(n: number): Promise<Measurement> {
  return withSimulator(n, ({ client, ids }) => {
    let next = 0;
    let accepted = 0;
    return measured(async () => {
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const [item] = await client.cancelJobs([ids[next++]]);
          if (item.status === 'success') accepted++;
        }
      }));
      return accepted;
    });
  }, 'naive');
}

interface StopMeasurement {
  bench: 'cancel-stop';
  body: string;
  ids: number;
  stopToEndMs: number;
  worstBlockMs: number;
  cancelsAfterStop: number;
  longestOutcomeChars: number;
}

/** A hostile server's routes; `pressStop` stops the run from inside a route, as a request arrives. */
interface HostileCase {
  body: string;
  routes: (server: HostileServer, pressStop: () => void) => void;
  /** Otherwise a route presses Stop. */
  stopAfterMs?: number;
  /** The engine's first retry wait: long where Stop is to land in one. */
  backoffBaseMs: number;
}

const cancelRoute = /\/services\/jobs\/actions\/cancel$/;

const hostileCases: HostileCase[] = [
  {
    body: '502 page of 256 KB of "<title", Stop as the cancel arrives',
    routes: (server, pressStop) => {
      server.route('POST', cancelRoute, (_request, res) => (pressStop(), html(res, 502, titlePage)));
      server.route('GET', /./, (_request, res) => html(res, 502, titlePage));
    },
    backoffBaseMs: 5,
  },
  {
    body: 'EXCEPTION per ID of 32 KB of ". ", Stop as the resend arrives',
    routes: (server, pressStop) => {
      let cancels = 0;
      server.route('POST', cancelRoute, (request, res) => (++cancels === 1 ? vaultJson(res, '', 503) : (pressStop(), itemExceptions(request, res, dottedMessage))));
      server.route('GET', /./, (_request, res) => vaultJson(res, '', 503));
    },
    backoffBaseMs: 5,
  },
  {
    body: 'every request EXCEPTION with 1 MiB of ". ", Stop 2 s in',
    routes: (server) => {
      server.route('POST', cancelRoute, (_request, res) => exception(res, floodMessage));
      server.route('GET', /./, (_request, res) => exception(res, floodMessage));
    },
    stopAfterMs: 2_000,
    backoffBaseMs: 500,
  },
];

async function stopUnderHostileBody({ body, routes, stopAfterMs, backoffBaseMs }: HostileCase): Promise<StopMeasurement> {
  const server = await startHostile();
  const ids = Array.from({ length: 50 }, (_, i) => 3_000_001 + i);
  const stop = new AbortController();
  let stoppedAt: number | undefined;
  const pressStop = () => {
    if (stop.signal.aborted) return;
    stoppedAt = performance.now();
    stop.abort();
  };
  routes(server, pressStop);
  const client = new VaultClient({ dns: server.dns }, { sessionId: 'S3SS10N-0123456789abcdef0123456789abcdef', kind: 'session' });
  let cancelsAfterStop = 0;
  (client as unknown as { http: AxiosInstance }).http.interceptors.request.use((config) => {
    if (stop.signal.aborted && config.url?.includes('actions/cancel')) cancelsAfterStop++;
    return config;
  });
  // Sampled every millisecond: the shorter runs here last a few tens of milliseconds.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  // Counted from when Stop was due, not from when a blocked event loop let its timer fire.
  const timer = stopAfterMs === undefined ? undefined : setTimeout(() => (pressStop(), (stoppedAt = started + stopAfterMs)), stopAfterMs);
  histogram.enable();
  try {
    const result = await cancelJobs(client, ids, { signal: stop.signal, backoffBaseMs });
    const ended = performance.now();
    if (stoppedAt === undefined) throw new Error(`${body}: the run ended before the stop`);
    const longestOutcomeChars = Math.max(...[...result.outcomes.values()].map((o) => describeOutcome(o).length));
    return {
      bench: 'cancel-stop', body, ids: ids.length, stopToEndMs: Math.round(ended - stoppedAt), worstBlockMs: Math.round(histogram.max / 1e6),
      cancelsAfterStop, longestOutcomeChars,
    };
  } finally {
    histogram.disable();
    clearTimeout(timer);
    await server.close();
  }
}

async function main(): Promise<void> {
  const results: Measurement[] = [];
  for (const n of sizes) results.push(await batched(n));
  results.push(await naive(naiveN), await batched(naiveN));
  console.log(`latency ${latencyMs} ms, concurrency ${concurrency}; lower bound = ceil(N/500) / concurrency × latency; simulator in a child process, memory is the client's`);
  console.table(results.map((r) => ({
    client: r.client, N: r.n, requests: r.requests, 'min requests': r.minRequests, 'wall ms': r.wallMs, 'lower bound ms': r.lowerBoundMs,
    ratio: r.ratio, 'rounds bound ms': r.roundsBoundMs, accepted: r.accepted, 'peak RSS MB': r.peakRssMb, 'peak heap MB': r.peakHeapMb, 'heap growth MB': r.heapDeltaMb,
  })));
  for (const r of results) console.log(JSON.stringify(r));
  const target = results.find((r) => r.client === 'batched' && r.n === 10_000)!;
  console.log(`target at N = 10,000: requests ${target.requests} (min ${target.minRequests}), ratio ${target.ratio} (≤ 1.3 wanted): ${target.requests === target.minRequests && target.ratio <= 1.3 ? 'met' : 'NOT met'}`);
  if (results.some((r) => r.accepted !== r.n)) {
    console.error('some IDs were not accepted: the measurement is not valid');
    process.exitCode = 1;
  }

  const stops: StopMeasurement[] = [];
  for (const hostileCase of hostileCases) stops.push(await stopUnderHostileBody(hostileCase));
  console.log('\nStop under hostile bodies (50 IDs, server in this process, engine grace 1.5 s)');
  console.table(stops.map((m) => ({
    body: m.body, 'Stop to end ms': m.stopToEndMs, 'worst event-loop block ms': m.worstBlockMs, 'cancels after Stop': m.cancelsAfterStop, 'longest outcome chars': m.longestOutcomeChars,
  })));
  for (const m of stops) console.log(JSON.stringify(m));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
