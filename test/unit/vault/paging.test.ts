// The bounded walk over a list's next_page links (paging.ts), over real sockets: the simulator's pages,
// and servers whose links go on forever, in a circle, past their own total or on from an empty page.
// Each such walk ends, keeps what came, and says why it stopped.
import * as assert from 'assert';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';
import { hostileClient, startHostile, vaultJson, type HostileServer } from '../hostile/server';

const monitors = /\/services\/jobs\/monitors/;

function page(jobIds: number[], details: Record<string, unknown>): unknown {
  return {
    responseStatus: 'SUCCESS',
    responseDetails: { limit: 2, ...details },
    jobs: jobIds.map((id) => ({ job_id: id, title: `Job ${id}`, status: 'QUEUED', created_by: 1, created_date: '2026-03-02T12:00:00.000Z' })),
  };
}

describe('paging against the simulator', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  it('reads every monitors page by following next_page, and says when a page is missing', async () => {
    const { client } = await signedInClient(sim);
    sim.clearRequestLog();
    const all = (await client.listAll('monitors', { limit: 7 })).jobs.map((j) => j.job_id);
    const active = sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status));
    assert.deepStrictEqual(new Set(all), new Set(active.map((j) => j.job_id)));
    assert.strictEqual(all.length, active.length);
    assert.strictEqual(sim.requestLog.length, Math.ceil(active.length / 7));
    assert.match(sim.requestLog[1].path, /^\/api\/v26\.1\/services\/jobs\/monitors\?.*offset=7/);
    const first = await client.listMonitors({ limit: 7 });
    const second = await client.nextPage(first);
    assert.ok(second && second.offset === 7 && second.kind === 'monitors');
    assert.strictEqual(await client.nextPage({ ...first, nextPage: undefined }), undefined);
  });
});

describe('paging against servers whose links never end', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await startHostile();
  });
  afterEach(() => server.close());

  it('cuts an endless next_page chain after maxListPages and says why', async () => {
    server.route('GET', monitors, (request, res) => {
      const offset = Number(/offset=(\d+)/.exec(request.path)?.[1] ?? 0);
      vaultJson(res, page([offset + 1, offset + 2], { total: 1_000_000_000, offset, next_page: `/api/v26.1/services/jobs/monitors?limit=2&offset=${offset + 2}` }));
    });
    const { client, capture } = hostileClient(server, { maxListPages: 25 });
    const list = await client.listAll('monitors', { limit: 2 });
    assert.strictEqual(server.count(monitors), 25);
    assert.strictEqual(list.jobs.length, 50);
    assert.strictEqual(list.complete, false);
    assert.match(list.note ?? '', /cut at 50 job\(s\) after 25 page\(s\): it has more than 25 pages/);
    assert.ok(capture.lines.some((line) => line.startsWith('warn') && line.includes(list.note!)), 'the cut is logged');
  });

  it('cuts a next_page chain that comes back to a page already read', async () => {
    let calls = 0;
    server.route('GET', monitors, (_request, res) => {
      const at = calls++ % 2; // two pages linking to each other
      vaultJson(res, page([at * 2 + 1, at * 2 + 2], { total: 100, offset: at * 2, next_page: `/api/v26.1/services/jobs/monitors?page=${1 - at}` }));
    });
    const { client } = hostileClient(server);
    const list = await client.listAll('monitors');
    assert.strictEqual(server.count(monitors), 3);
    assert.strictEqual(list.complete, false);
    assert.match(list.note ?? '', /a page links back to one already read/);
  });

  it('stops at Vault\'s own total when pages keep linking past it', async () => {
    server.route('GET', /histories/, (request, res) => {
      const offset = Number(/offset=(\d+)/.exec(request.path)?.[1] ?? 0);
      vaultJson(res, page([offset + 1, offset + 2], { total: 4, offset, next_page: `/api/v26.1/services/jobs/histories?offset=${offset + 2}` }));
    });
    const { client } = hostileClient(server);
    const list = await client.listAll('histories');
    assert.deepStrictEqual(list.jobs.map((j) => j.job_id), [1, 2, 3, 4]);
    assert.strictEqual(server.count(/histories/), 2);
    assert.strictEqual(list.complete, false);
    assert.match(list.note ?? '', /cut at 4 job\(s\) after 2 page\(s\): a page links past Vault's own total of 4/);
  });

  it('stops at an empty page that links on, after yielding it', async () => {
    server.route('GET', monitors, (_request, res) => vaultJson(res, page([], { total: 0, offset: 0, next_page: '/api/v26.1/services/jobs/monitors?offset=0' })));
    const { client, capture } = hostileClient(server);
    const notes: string[] = [];
    let pages = 0;
    for await (const read of client.walkPages('monitors', undefined, undefined, { onNote: (note) => notes.push(note) })) {
      pages++;
      assert.deepStrictEqual(read.jobs, []);
    }
    assert.strictEqual(pages, 1);
    assert.strictEqual(server.count(monitors), 1);
    assert.deepStrictEqual(notes, ["Vault's job monitors list was cut at 0 job(s) after 1 page(s): page 1 is empty yet links to another."]);
    assert.ok(capture.lines.includes(`warn [vault] ${notes[0]}`), capture.lines.join('\n'));
  });

  it('shows what came when the rows disagree with total (the 26.2 docs example), with a note, never a failure', async () => {
    server.route('GET', monitors, (_request, res) => vaultJson(res, page([201, 202], { total: 3, offset: 0 })));
    const { client } = hostileClient(server);
    const list = await client.listAll('monitors');
    assert.deepStrictEqual(list.jobs.map((j) => j.job_id), [201, 202]);
    assert.strictEqual(list.complete, true);
    assert.strictEqual(list.note, 'Vault counts 3 job monitors but its pages held 2; showing the 2 it sent.');
  });

  it('refuses a next_page link that leaves the Vault, before following it', async () => {
    server.route('GET', monitors, (_request, res) => vaultJson(res, page([1, 2], { total: 4, offset: 0, next_page: '//elsewhere.example.com/api/v26.1/services/jobs/monitors?offset=2' })));
    const { client } = hostileClient(server);
    const read: number[] = [];
    const walking = (async () => {
      for await (const jobs of client.walkPages('monitors')) read.push(...jobs.jobs.map((j) => j.job_id));
    })();
    await assert.rejects(walking, (error: unknown) => error instanceof Error && /page link that is not a relative \/api\/ URL/.test(error.message));
    assert.deepStrictEqual(read, [1, 2]);
    assert.strictEqual(server.requests.length, 1);
  });
});
