// Cancel Job's documented example answers a SUCCESS item with a data.id that was not requested. The
// engine never takes such an item on faith, but checks all of a round's at once, so a large run
// costs a few list pages instead of one rate-limited Job Status call per ID, and says what it checked.
import * as assert from 'assert';
import { cancelJobs, describeOutcome } from '../../../src/core/cancel';
import { VaultClient } from '../../../src/core/vault';
import { ManualClock, startSimulator, type VaultSimulator } from '../../simulator';
import { captureLog, signedInClient } from '../helpers/capture';

const statusCall = /\/services\/jobs\/\d+$/;
const listCall = /\/services\/jobs\/(monitors|histories)/;

describe('bulk-cancel engine: SUCCESS items naming another job', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 50, cancelAnswerIdOffset: 21_152 });
  });
  afterEach(() => sim.close());

  async function run(count: number, batchSize: number) {
    const capture = captureLog();
    const { client } = await signedInClient(sim, { logger: capture.logger });
    const ids = sim.jobs.addMany(count, { status: 'QUEUED' }).map((j) => j.job_id);
    sim.clearRequestLog();
    const result = await cancelJobs(client, ids, { batchSize, concurrency: 3, logger: capture.logger, backoffBaseMs: 5 });
    const paths = sim.requestLog.map((r) => r.path.replace(/\?.*/, ''));
    return { ids, result, lines: capture.lines, statusCalls: paths.filter((p) => statusCall.test(p)).length, listCalls: paths.filter((p) => listCall.test(p)).length };
  }

  it('checks a large run\'s answers in list pages once per round, not with a status call per ID', async () => {
    const { ids, result, lines, statusCalls, listCalls } = await run(300, 20);
    for (const id of ids) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'accepted', state: 'CANCELLING', verified: true });
    assert.strictEqual(statusCalls, 0);
    assert.ok(listCalls >= 1 && listCalls <= 3, `${listCalls} list page(s) for 300 IDs`);
    assert.strictEqual(result.requestsSent, 15, 'nothing sent twice');
    const checked = lines.filter((l) => / checked 300 job\(s\): /.test(l));
    assert.strictEqual(checked.length, 1, lines.join('\n'));
    assert.match(checked[0], new RegExp(`${listCalls} monitors/histories page\\(s\\) read, 0 Job Status call\\(s\\): 300 job\\(s\\) found, 0 unknown to Vault$`));
    assert.ok(lines.some((l) => /checking the status of 300 job\(s\) whose cancel outcome is unclear \(Vault's answer named job \d+ in its place/.test(l)));
  });

  it('reads the lists again for jobs that moved past the page being read, instead of a status call each', async () => {
    await sim.close();
    const clock = new ManualClock();
    sim = await startSimulator({ jobs: 0, clock, statusCallIntervalMs: 1, cancelAnswerIdOffset: 3, cancelDelayMs: 1_000 });
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    // 200 older jobs, already cancelling, fill the first monitors page; they finish while page 2 is read.
    for (const job of sim.jobs.addMany(200, { status: 'QUEUED', created_date: at(-60_000) })) sim.jobs.cancel(job.job_id);
    const ids = sim.jobs.addMany(400, { status: 'QUEUED', created_date: at(-30_000) }).map((j) => j.job_id);
    clock.advance(500);
    // The real client over the socket; between monitors pages Vault's time moves on, as it does while pages are read.
    let moved = false;
    class PagesTakeTime extends VaultClient {
      override nextPage(...args: Parameters<VaultClient['nextPage']>): ReturnType<VaultClient['nextPage']> {
        if (!moved) clock.advance(600);
        moved = true;
        return super.nextPage(...args);
      }
    }
    const client = new PagesTakeTime({ dns: sim.dns, statusIntervalMs: 1 }, { sessionId: sim.createSession(), kind: 'session' });
    sim.clearRequestLog();
    const result = await cancelJobs(client, ids, { batchSize: 500 });
    for (const id of ids) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'accepted', state: 'CANCELLING', verified: true });
    const paths = sim.requestLog.map((r) => r.path.replace(/\?.*/, ''));
    // Page 2 skipped the 200 jobs that moved up when the older ones left: a second pass finds them.
    assert.strictEqual(paths.filter((p) => statusCall.test(p)).length, 0);
    assert.ok(paths.filter((p) => p.endsWith('/monitors')).length >= 3);
  });

  it('checks a few such answers one by one with Job Status, and says so', async () => {
    const { ids, result, lines, statusCalls, listCalls } = await run(3, 500);
    for (const id of ids) assert.deepStrictEqual(result.outcomes.get(id), { kind: 'accepted', state: 'CANCELLING', verified: true });
    assert.deepStrictEqual([statusCalls, listCalls], [3, 0]);
    assert.ok(lines.some((l) => / checked 3 job\(s\): 0 monitors\/histories page\(s\) read, 3 Job Status call\(s\): 3 job\(s\) found/.test(l)), lines.join('\n'));
  });

  it('leaves unknown an ID whose job the check cannot find, with one reason and no doubled punctuation', async () => {
    const capture = captureLog();
    const { client } = await signedInClient(sim, { logger: capture.logger });
    const [job] = sim.jobs.addMany(1, { status: 'QUEUED' });
    // The status check is refused for good: the outcome stays unknown, and the message says why once.
    sim.faults.set({ kind: 'nonJson', path: statusCall, body: '<html><title>Gateway Timeout</title></html>' });
    const result = await cancelJobs(client, [job.job_id], { maxRetries: 0, logger: capture.logger, backoffBaseMs: 1 });
    const outcome = result.outcomes.get(job.job_id);
    assert.strictEqual(outcome?.kind, 'unknown');
    const line = describeOutcome(outcome);
    assert.match(line, /^Unknown: sent, but whether Vault cancelled it is not known: Vault's answer named job \d+ in its place; its status could not be checked \(.*Gateway Timeout.*\)$/);
    assert.doesNotMatch(line, /\.\.|\.;/);
  });
});
