// Background reading within Vault's burst budget, against the simulator's burst headers: its pace at
// 3,500 active jobs, slower under the reserve, paused under the floor, and held while a cancel is sent.
import * as assert from 'assert';
import { silentLogger } from '../../../src/core/log';
import { JobsModel, jobsModelClient } from '../../../src/core/jobs/model';
import { BackgroundReader, backgroundDelay, defaultBudgetPolicy } from '../../../src/core/jobs/backgroundReading';
import type { VaultClient } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';

describe('background reading within the burst budget (simulator)', () => {
  let sim: VaultSimulator;
  let client: VaultClient;
  let reader: BackgroundReader;
  let busy = false;
  const baseMs = 10_000;

  beforeEach(async () => {
    sim = await startSimulator({ jobs: 20, seed: 5, burstLimit: 2000 });
    const active = sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).length;
    sim.jobs.addMany(3500 - active, { status: 'QUEUED', title: 'Flood' });
    ({ client } = await signedInClient(sim));
    const model = new JobsModel({ client: () => jobsModelClient(client), historyPageSize: () => 50, log: silentLogger });
    busy = false;
    reader = new BackgroundReader({
      wantedMs: () => baseMs, busy: () => busy, read: () => model.read(),
      limits: () => client.rateLimits, requestsSent: () => client.requestsSent,
    });
  });
  afterEach(async () => {
    reader.dispose();
    await sim.close();
  });

  it('reads 3,500 active jobs no more often than keeps it under 10% of the burst budget', async () => {
    sim.clearRequestLog();
    await reader.tick();
    reader.dispose();
    const calls = sim.requestLog.length;
    assert.strictEqual(reader.callsPerReading, calls, 'the cost of a reading is what the simulator received');
    assert.strictEqual(calls, Math.ceil(3500 / 200) + 1 + 1, 'every Active page, the first again, History\'s first page');
    const next = reader.next;
    assert.ok(next);
    assert.strictEqual(next.state, 'normal');
    assert.ok(next.delayMs > baseMs, `a reading of ${calls} calls is spaced out beyond the wanted ${baseMs} ms: ${next.delayMs}`);
    const perWindow = (defaultBudgetPolicy.windowMs / next.delayMs) * calls;
    assert.ok(perWindow <= 0.1 * 2000, `${perWindow.toFixed(0)} calls per 5-minute window`);
  });

  it('slows down under the reserve and pauses under the floor, from the burst headers Vault sends', async () => {
    await reader.tick();
    const normal = reader.next!;
    sim.setBurstRemaining(400); // under 25% of 2,000
    await reader.tick();
    assert.ok(client.rateLimits.burstRemaining! < 400, 'the client saw the simulator\'s header');
    assert.strictEqual(reader.next?.state, 'slowed');
    assert.strictEqual(reader.next.delayMs, normal.delayMs * defaultBudgetPolicy.slowFactor);
    sim.setBurstRemaining(150); // under 10%
    await reader.tick();
    assert.strictEqual(reader.next?.state, 'paused');
    assert.ok(reader.next.delayMs > defaultBudgetPolicy.windowMs - 10_000, `paused until the window has passed: ${reader.next.delayMs} ms`);
  });

  it('sends nothing while a cancel is being sent', async () => {
    busy = true;
    sim.clearRequestLog();
    await reader.tick();
    assert.strictEqual(sim.requestLog.length, 0);
    assert.strictEqual(reader.next?.state, 'yielding');
    busy = false;
    await reader.tick();
    assert.ok(sim.requestLog.length > 0);
  });
});

describe('backgroundDelay', () => {
  it('keeps the wanted interval while a reading is cheap, and stretches it as the list grows', () => {
    const limits = { burstLimit: 2000, burstRemaining: 1900, updatedAt: 0 };
    assert.deepStrictEqual(backgroundDelay(10_000, 2, limits, 0), { state: 'normal', delayMs: 10_000 });
    const large = backgroundDelay(10_000, 20, limits, 0);
    assert.strictEqual(large.delayMs, (20 * 300_000) / (0.08 * 2000));
  });

  it('pauses while Vault already delays answers, whatever is left', () => {
    assert.strictEqual(backgroundDelay(10_000, 2, { burstLimit: 2000, burstRemaining: 1500, responseDelayMs: 500, updatedAt: 0 }, 0).state, 'paused');
  });
});
