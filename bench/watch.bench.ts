// Following watched jobs and reading in the background, against the simulator on loopback (in this
// process: its time is in the figures): the cost of one interval for 10,000 watched jobs (requests,
// wall time, memory), and the calls per reading and per hour of background reading at 3,500 active
// jobs, paced within the burst budget, beside a fixed 10 s auto-refresh. Asserts nothing.
import { silentLogger } from '../src/core/log';
import { BackgroundReader, defaultBudgetPolicy } from '../src/core/jobs/backgroundReading';
import { JobsModel, jobsModelClient } from '../src/core/jobs/model';
import { JobWatcher } from '../src/core/jobs/watch';
import { VaultClient } from '../src/core/vault';
import { startSimulator } from '../test/simulator';

const rows: { what: string; value: string; note: string }[] = [];
function report(what: string, value: number, unit: string, note = ''): void {
  rows.push({ what, value: `${Number(value.toFixed(2))} ${unit}`, note });
  console.log(JSON.stringify({ bench: 'watch', what, value: Number(value.toFixed(2)), unit, note }));
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function signedIn(dns: string, username: string, password: string): Promise<VaultClient> {
  const client = new VaultClient({ dns, timeoutMs: 30_000 });
  await client.signIn(username, password);
  return client;
}

async function followTenThousand(): Promise<void> {
  const sim = await startSimulator({ jobs: 0, burstLimit: 1_000_000 });
  try {
    const watched = sim.jobs.addMany(10_000, { status: 'QUEUED', title: 'Flood' });
    const client = await signedIn(sim.dns, sim.username, sim.password);
    const model = new JobsModel({ client: () => jobsModelClient(client), historyPageSize: () => 50, log: silentLogger });
    const before = heapAfterGc();
    const watcher = new JobWatcher({ now: () => Date.now(), watchdogs: () => ({ cancelling: 10, queued: 60, running: 0 }) });
    watcher.watch(client.baseUrl, watched.map((job) => ({ jobId: job.job_id, title: job.title, status: job.status })), { runId: 'bench', when: 'all' });
    const watchHeap = heapAfterGc() - before;
    const read = () => model.read((active, history) => watcher.needsMoreHistory(client.baseUrl, active, history));
    watcher.observe((await read())!); // first reading: titles and states
    const intervals = 5;
    let requests = 0;
    let ms = 0;
    let observeMs = 0;
    for (let i = 0; i < intervals; i++) {
      // 100 jobs end in each interval: the reading finds them in History's first page.
      for (const job of watched.slice(i * 100, (i + 1) * 100)) sim.jobs.setStatus(job.job_id, 'CANCELLED');
      sim.clearRequestLog();
      const t0 = performance.now();
      const reading = (await read())!;
      const t1 = performance.now();
      watcher.observe(reading);
      observeMs += performance.now() - t1;
      ms += performance.now() - t0;
      requests += sim.requestLog.length;
    }
    const statusCalls = sim.requestLog.filter((r) => /\/services\/jobs\/\d+/.test(r.path)).length;
    report('10,000 watched jobs: requests per interval', requests / intervals, 'requests', `every Active page (200 jobs each), the first again, History's first page; ${statusCalls} Job Status calls`);
    report('10,000 watched jobs: wall time per interval', ms / intervals, 'ms', `reading and following; of which following the reading ${(observeMs / intervals).toFixed(1)} ms`);
    report('10,000 watched jobs: memory of the watches', watchHeap / 1024 / 1024, 'MB', `heap after GC; ${(JSON.stringify(watcher.persist()).length / 1024 / 1024).toFixed(2)} MB as kept in storage`);
  } finally {
    await sim.close();
  }
}

async function backgroundAtThreeAndAHalfThousand(): Promise<void> {
  const sim = await startSimulator({ jobs: 0, burstLimit: 2000 });
  try {
    sim.jobs.addMany(3500, { status: 'QUEUED', title: 'Flood' });
    const client = await signedIn(sim.dns, sim.username, sim.password);
    const model = new JobsModel({ client: () => jobsModelClient(client), historyPageSize: () => 50, log: silentLogger });
    const reader = new BackgroundReader({
      wantedMs: () => 10_000, busy: () => false, read: () => model.read(),
      limits: () => client.rateLimits, requestsSent: () => client.requestsSent,
    });
    await reader.tick();
    reader.dispose();
    const calls = reader.callsPerReading;
    const delay = reader.next!.delayMs;
    const perHour = (3_600_000 / delay) * calls;
    const share = ((defaultBudgetPolicy.windowMs / delay) * calls) / 2000;
    report('3,500 active jobs: calls per reading', calls, 'calls', 'auto-refresh or watching: 18 Active pages, the first again, History\'s first page');
    report('3,500 active jobs: paced interval', delay / 1000, 's', 'auto-refresh asked for every 10 s');
    report('3,500 active jobs: background calls per hour', perHour, 'calls', `${(share * 100).toFixed(1)}% of the 2,000-call burst budget per 5-minute window`);
    const fixed = (3_600_000 / 10_000) * calls;
    report('3,500 active jobs: a fixed 10 s refresh, per hour', fixed, 'calls', `${((((defaultBudgetPolicy.windowMs / 10_000) * calls) / 2000) * 100).toFixed(1)}% of the burst budget (before pacing)`);
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  await followTenThousand();
  await backgroundAtThreeAndAHalfThousand();
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log('');
  for (const row of rows) console.log(`${row.what.padEnd(width)}  ${row.value.padStart(12)}  ${row.note}`);
}

void main();
