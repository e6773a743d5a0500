// The client against servers that drip, stay silent, cut a body short, flood, page forever or refuse
// with 429: every call ends, with a typed error that says what happened. Mocha's timeout is the hang
// detector; the limits are injected small so the tests run fast.
import * as assert from 'assert';
import { VaultError, longestRetryAfterMs, parseRetryAfter } from '../../../src/core/vault';
import type { VaultErrorKind } from '../../../src/core/vault/errors';
import { closeMidBody, drip, flood, hostileClient, silence, startHostile, vaultJson, type HostileServer } from './server';

const monitors = /\/services\/jobs\/monitors/;
const isError = (kind: VaultErrorKind, message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof VaultError, String(error));
  assert.strictEqual(error.kind, kind, error.message);
  assert.match(error.message, message);
  return true;
};

function page(jobIds: number[], details: Record<string, unknown>): unknown {
  return {
    responseStatus: 'SUCCESS',
    responseDetails: { limit: 2, ...details },
    jobs: jobIds.map((id) => ({ job_id: id, title: `Job ${id}`, status: 'QUEUED', created_by: 1, created_date: '2026-03-02T12:00:00.000Z' })),
  };
}

describe('hostile servers: the client', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await startHostile();
  });
  afterEach(() => server.close());

  describe('deadlines and bodies', () => {
    it('ends a drip-fed answer (a byte every 200 ms) at the wall-clock deadline, which the idle timeout never reaches', async function () {
      this.timeout(10_000);
      server.route('GET', monitors, drip(200));
      const { client } = hostileClient(server, { timeoutMs: 5_000, deadlineMs: 800, retries: 0 });
      await assert.rejects(client.listMonitors(), isError('timeout', /no complete answer within 800 ms/));
    });

    it('ends a call the server accepts and never answers, and retries a read only a bounded number of times', async function () {
      this.timeout(10_000);
      server.route('GET', monitors, silence);
      const { client } = hostileClient(server, { timeoutMs: 300, retries: 2 });
      await assert.rejects(client.listMonitors(), isError('timeout', /no answer within 300 ms/));
      assert.strictEqual(server.count(monitors), 3);
    });

    it('reports an answer cut off mid-body as a network failure', async () => {
      server.route('GET', monitors, closeMidBody);
      const { client } = hostileClient(server, { retries: 0 });
      await assert.rejects(client.listMonitors(), isError('network', /job monitors failed on the network/));
    });

    it('cuts a 400 MB answer without Content-Length at the body cap, long before it has all arrived', async function () {
      this.timeout(20_000);
      const sent = { bytes: 0 };
      server.route('GET', monitors, flood(400 * 1024 * 1024, sent));
      const { client } = hostileClient(server, { maxResponseBytes: 1024 * 1024, retries: 0 });
      const heapBefore = process.memoryUsage().heapUsed;
      await assert.rejects(client.listMonitors(), isError('tooLarge', /exceeded 1048576 bytes and was cut off/));
      assert.ok(sent.bytes < 64 * 1024 * 1024, `the server got to send ${sent.bytes} bytes`);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 100 * 1024 * 1024, 'the answer was not held in memory');
    });

    it('stops a call at once when its signal aborts, whatever the server does', async function () {
      this.timeout(5_000);
      server.route('GET', monitors, drip(200));
      const { client } = hostileClient(server, { timeoutMs: 60_000, deadlineMs: 120_000 });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 300);
      await assert.rejects(client.listAll('monitors', undefined, stop.signal), isError('aborted', /stopped before its answer arrived/));
    });
  });

  describe('paging', () => {
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

    it('stops at an empty page that links on', async () => {
      server.route('GET', monitors, (_request, res) => vaultJson(res, page([], { total: 0, offset: 0, next_page: '/api/v26.1/services/jobs/monitors?offset=0' })));
      const { client } = hostileClient(server);
      const notes: string[] = [];
      for await (const jobs of client.walkPages('monitors', undefined, undefined, { onNote: (note) => notes.push(note) })) assert.deepStrictEqual(jobs.jobs, []);
      assert.strictEqual(server.count(monitors), 1);
      assert.deepStrictEqual(notes, ["Vault's job monitors list was cut at 0 job(s) after 1 page(s): page 1 is empty yet links to another."]);
    });

    it('shows what came when the rows disagree with total (the 26.2 docs example), with a note, never a failure', async () => {
      server.route('GET', monitors, (_request, res) => vaultJson(res, page([201, 202], { total: 3, offset: 0 })));
      const { client } = hostileClient(server);
      const list = await client.listAll('monitors');
      assert.deepStrictEqual(list.jobs.map((j) => j.job_id), [201, 202]);
      assert.strictEqual(list.complete, true);
      assert.strictEqual(list.note, 'Vault counts 3 job monitors but its pages held 2; showing the 2 it sent.');
    });
  });

  describe('rate limits', () => {
    it('reads Retry-After as seconds or as an HTTP date', () => {
      const now = Date.parse('2026-03-02T12:00:00Z');
      assert.strictEqual(parseRetryAfter('7', now), 7_000);
      assert.strictEqual(parseRetryAfter(['2'], now), 2_000);
      assert.strictEqual(parseRetryAfter('Mon, 02 Mar 2026 12:00:30 GMT', now), 30_000);
      assert.strictEqual(parseRetryAfter('Mon, 02 Mar 2026 11:00:00 GMT', now), 0);
      for (const bad of [undefined, '', 'soon', '-5', '1.5']) assert.strictEqual(parseRetryAfter(bad, now), undefined, String(bad));
    });

    it('waits out a 429 Retry-After before repeating a read, and refuses to wait longer than its ceiling', async () => {
      const waits: number[] = [];
      const clock = {
        now: () => Date.now(),
        sleep: (ms: number) => {
          waits.push(ms);
          return Promise.resolve();
        },
      };
      let calls = 0;
      server.route('GET', monitors, (_request, res) => (calls++ === 0 ? vaultJson(res, '', 429, { 'Retry-After': '7' }) : vaultJson(res, page([1], { total: 1, offset: 0 }))));
      const { client } = hostileClient(server, { clock });
      assert.strictEqual((await client.listMonitors()).jobs.length, 1);
      assert.deepStrictEqual(waits, [7_000]);

      server.route('GET', /\/services\/jobs\/\d+$/, (_request, res) => vaultJson(res, '', 429, { 'Retry-After': String(longestRetryAfterMs / 1000 + 1) }));
      await assert.rejects(client.jobStatus(5), isError('http', /HTTP 429: too many requests \(the server asks to wait 61 s\)/));
      assert.strictEqual(server.count(/\/services\/jobs\/5$/), 1);
    });
  });
});
