// An SDK job's tasks read a page at a time (src/core/jobs/tasks.ts) over real sockets: from the
// simulator, whose pages follow Vault's reference, and from a server whose next_page links go in a
// circle, which must end the list with a note rather than show the same tasks again.
import * as assert from 'assert';
import { JobTaskPages } from '../../../src/core/jobs';
import { isVaultError } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { hostileClient, startHostile, vaultJson, type HostileServer } from '../hostile/server';

describe('SDK job tasks, a page at a time', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  const taskCalls = (jobId: number) => sim.requestLog.filter((r) => r.method === 'GET' && r.path.includes(`/services/jobs/${jobId}/tasks`));

  it('reads one page per request, by next_page, until Vault has no more', async () => {
    const { client } = await signedInClient(sim);
    const job = sim.jobs.add({ title: 'SDK: Nightly Sync', status: 'RUNNING', task_count: 120 });
    sim.clearRequestLog();
    const pages = new JobTaskPages(job.job_id, client);
    assert.strictEqual(pages.started, false);
    assert.strictEqual(taskCalls(job.job_id).length, 0, 'nothing is read before it is asked for');

    await pages.loadMore();
    assert.deepStrictEqual([pages.tasks.length, pages.total, pages.hasMore], [50, 120, true]);
    assert.strictEqual(taskCalls(job.job_id).length, 1);
    await pages.loadMore();
    assert.deepStrictEqual([pages.tasks.length, pages.hasMore], [100, true]);
    assert.match(taskCalls(job.job_id)[1].path, /tasks\?limit=50&offset=50$/, 'the second page is the one next_page names');
    await pages.loadMore();
    assert.deepStrictEqual([pages.tasks.length, pages.hasMore], [120, false]);
    await pages.loadMore();
    assert.strictEqual(taskCalls(job.job_id).length, 3, 'nothing is read after the last page');

    assert.deepStrictEqual(pages.tasks.map((t) => t.id), Array.from({ length: 120 }, (_, i) => `Task${i + 1}`), 'every task once, in order');
    assert.deepStrictEqual(new Set(pages.tasks.map((t) => t.state)), new Set(['SUCCESS', 'RUNNING']), "a running job's tasks: done ones and running ones");
    assert.strictEqual(pages.note, undefined);
  });

  it('two clicks at once read one page, not two', async () => {
    const { client } = await signedInClient(sim);
    const job = sim.jobs.add({ status: 'SUCCESS', task_count: 70 });
    sim.clearRequestLog();
    const pages = new JobTaskPages(job.job_id, client);
    await Promise.all([pages.loadMore(), pages.loadMore()]);
    assert.strictEqual(pages.tasks.length, 50);
    assert.strictEqual(taskCalls(job.job_id).length, 1);
  });

  it("a job that is not an SDK job: Vault's refusal reaches the caller", async () => {
    const { client } = await signedInClient(sim);
    const plain = sim.jobs.add({ status: 'SUCCESS' });
    const pages = new JobTaskPages(plain.job_id, client);
    await assert.rejects(pages.loadMore(), (error) => isVaultError(error) && /not an SDK job/.test(error.message));
    assert.strictEqual(pages.started, false);
  });
});

describe('SDK job tasks from a server whose pages link in a circle', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await startHostile();
  });
  afterEach(() => server.close());

  it('stops at a link already read and says why, without a request for it', async () => {
    const tasks = /\/services\/jobs\/77\/tasks/;
    server.route('GET', tasks, (request, res) => {
      const offset = Number(/offset=(\d+)/.exec(request.path)?.[1] ?? 0);
      // Page 2 links to itself, forever.
      const next = '/api/v26.1/services/jobs/77/tasks?limit=2&offset=2';
      vaultJson(res, { responseStatus: 'SUCCESS', responseDetails: { total: 100, limit: 2, offset, next_page: next }, job_id: 77, tasks: [{ id: `T${offset + 1}`, state: 'SUCCESS' }, { id: `T${offset + 2}`, status: 'running' }] });
    });
    const { client } = hostileClient(server);
    const pages = new JobTaskPages(77, client);
    await pages.loadMore();
    await pages.loadMore();
    assert.strictEqual(pages.hasMore, true, 'the second page still links on');
    await pages.loadMore();
    assert.strictEqual(pages.hasMore, false);
    assert.deepStrictEqual(pages.tasks.map((t) => `${t.id}:${t.state}`), ['T1:SUCCESS', 'T2:RUNNING', 'T3:SUCCESS', 'T4:RUNNING'], "each task once; an older client's `status` is read as the state");
    assert.match(pages.note ?? '', /links back to one already read/);
    assert.strictEqual(server.count(tasks), 2);
  });
});
