// The transport alone, one request at a time, over real sockets: against servers that drip, stay
// silent, cut a body short, flood, refuse with 429 or echo secrets (test/unit/hostile/server.ts), and
// against the simulator for Vault's own answers, sessions and limits. Every request ends with Vault's
// answer or a typed, redacted error that says what happened. Mocha's timeout is the hang detector; the
// limits are injected small so the tests run fast.
import * as assert from 'assert';
import * as net from 'net';
import {
  VaultError, VaultTransport, longestRetryAfterMs, parseRetryAfter, readRequest, serverTextLimit, type RequestSpec, type VaultErrorKind, type VaultSession,
} from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { closeMidBody, drip, flood, hostileTransport, silence, startHostile, vaultJson, type HostileServer } from '../hostile/server';
import { simTransport } from '../helpers/capture';

const monitors = /\/services\/jobs\/monitors/;
const readMonitors = readRequest('/services/jobs/monitors', 'job monitors');
const whoAmI = readRequest('/objects/users/me', 'who-am-I');
const keepAlive: RequestSpec = { ...readRequest('/keep-alive', 'keep-alive'), method: 'POST' };

const isError = (kind: VaultErrorKind, test: (e: VaultError) => boolean = () => true) => (error: unknown) =>
  error instanceof VaultError && error.kind === kind && test(error);
const failsWith = (kind: VaultErrorKind, message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof VaultError, String(error));
  assert.strictEqual(error.kind, kind, error.message);
  assert.match(error.message, message);
  return true;
};

describe('VaultTransport against servers that misbehave', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await startHostile();
  });
  afterEach(() => server.close());

  describe('deadline and body cap', () => {
    it('ends a drip-fed answer (a byte every 200 ms) at the wall-clock deadline, which the idle timeout never reaches', async function () {
      this.timeout(10_000);
      server.route('GET', monitors, drip(200));
      const { transport } = hostileTransport(server, { timeoutMs: 5_000, deadlineMs: 800, retries: 0 });
      await assert.rejects(transport.request(readMonitors), failsWith('timeout', /no complete answer within 800 ms/));
    });

    it('ends a request the server accepts and never answers, and retries a read only a bounded number of times', async function () {
      this.timeout(10_000);
      server.route('GET', monitors, silence);
      const { transport } = hostileTransport(server, { timeoutMs: 300, retries: 2 });
      await assert.rejects(transport.request(readMonitors), failsWith('timeout', /no answer within 300 ms/));
      assert.strictEqual(server.count(monitors), 3);
    });

    it('reports an answer cut off mid-body as a network failure', async () => {
      server.route('GET', monitors, closeMidBody);
      const { transport } = hostileTransport(server, { retries: 0 });
      await assert.rejects(transport.request(readMonitors), failsWith('network', /job monitors failed on the network/));
    });

    it('cuts a 400 MB answer without Content-Length at the body cap, long before it has all arrived', async function () {
      this.timeout(20_000);
      const sent = { bytes: 0 };
      server.route('GET', monitors, flood(400 * 1024 * 1024, sent));
      const { transport } = hostileTransport(server, { maxResponseBytes: 1024 * 1024, retries: 0 });
      const heapBefore = process.memoryUsage().heapUsed;
      await assert.rejects(transport.request(readMonitors), failsWith('tooLarge', /exceeded 1048576 bytes and was cut off/));
      assert.ok(sent.bytes < 64 * 1024 * 1024, `the server got to send ${sent.bytes} bytes`);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 100 * 1024 * 1024, 'the answer was not held in memory');
    });

    it('stops a request at once when its signal aborts, whatever the server does', async function () {
      this.timeout(5_000);
      server.route('GET', monitors, drip(200));
      const { transport } = hostileTransport(server, { timeoutMs: 60_000, deadlineMs: 120_000 });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 300);
      await assert.rejects(transport.request(readMonitors, stop.signal), failsWith('aborted', /stopped before its answer arrived/));
    });
  });

  describe('retries', () => {
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
      server.route('GET', monitors, (_request, res) => (calls++ === 0 ? vaultJson(res, '', 429, { 'Retry-After': '7' }) : vaultJson(res, { responseStatus: 'SUCCESS', jobs: [] })));
      const { transport } = hostileTransport(server, { clock });
      assert.strictEqual((await transport.request(readMonitors)).body.responseStatus, 'SUCCESS');
      assert.deepStrictEqual(waits, [7_000]);

      server.route('GET', /\/services\/jobs\/\d+$/, (_request, res) => vaultJson(res, '', 429, { 'Retry-After': String(longestRetryAfterMs / 1000 + 1) }));
      await assert.rejects(transport.request({ ...readRequest('/services/jobs/5', 'status of job 5'), statusJobId: 5 }), failsWith('http', /HTTP 429: too many requests \(the server asks to wait 61 s\)/));
      assert.strictEqual(server.count(/\/services\/jobs\/5$/), 1);
    });

    it('sends a request that is not read-only once, whatever the failure; a rate-limit refusal is repeated only where the request allows it', async () => {
      server.route('POST', /start_now/, (_request, res) => vaultJson(res, '', 502));
      server.route('POST', /cancel/, (_request, res) => vaultJson(res, { responseStatus: 'FAILURE', errors: [{ type: 'API_LIMIT_EXCEEDED', message: 'Slow down.' }] }));
      server.route('POST', /keep-alive/, (_request, res) => vaultJson(res, { responseStatus: 'FAILURE', errors: [{ type: 'API_LIMIT_EXCEEDED', message: 'Slow down.' }] }));
      const { transport } = hostileTransport(server, { retries: 2 });
      const write = { method: 'POST', authenticated: true, idempotent: false, reauth: true } as const;
      await assert.rejects(transport.request({ ...write, path: '/services/jobs/start_now/7', label: 'start of job 7', retryOnLimit: true }), isError('http', (e) => e.httpStatus === 502 && e.transient));
      await assert.rejects(transport.request({ ...write, path: '/services/jobs/actions/cancel', label: 'cancel', retryOnLimit: false }), isError('vault', (e) => e.errorType === 'API_LIMIT_EXCEEDED'));
      await assert.rejects(transport.request(keepAlive), isError('vault', (e) => e.errorType === 'API_LIMIT_EXCEEDED'));
      assert.deepStrictEqual([server.count(/start_now/), server.count(/cancel/), server.count(/keep-alive/)], [1, 1, 3]);
    });
  });

  describe('redaction', () => {
    const sessionId = 'S3SS10N-0123456789abcdef0123456789abcdef';

    it('redacts the session from every text of an answer, and bounds each one before it is read', async () => {
      const echoed = `session ${sessionId} is not valid here ${'.'.repeat(100_000)}`;
      server.route('POST', /keep-alive/, (_request, res) => vaultJson(res, { responseStatus: 'FAILURE', errorType: `TYPE_${sessionId}`, errors: [{ type: 'NO_ACCESS', message: echoed }] }, 403));
      server.route('GET', monitors, (_request, res) => {
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end(`<html><title>Error for ${sessionId}</title></html>`);
      });
      const { transport, capture } = hostileTransport(server, { retries: 0 }, sessionId);
      const refused = await transport.request(keepAlive).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof VaultError);
      assert.strictEqual(refused.kind, 'vault');
      assert.strictEqual(refused.errors[0].message.length, serverTextLimit + 1, 'cut to the limit, with an ellipsis');
      assert.match(refused.errors[0].message, /^session «redacted» is not valid here \.+…$/);
      assert.match(refused.message, /^The keep-alive failed \(TYPE_«redacted»\) \(HTTP 403\): NO_ACCESS: session «redacted» is not valid here/);
      await assert.rejects(transport.request(readMonitors), failsWith('http', /HTTP 500 and no Vault answer \(an HTML page titled "Error for «redacted»"\)/));
      assert.ok(capture.lines.length > 0, 'requests are logged');
      for (const text of [refused.message, ...capture.lines]) assert.ok(!text.includes(sessionId), text);
    });
  });
});

describe('VaultTransport against the simulator', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ statusCallIntervalMs: 150 });
  });
  afterEach(() => sim.close());

  describe('configuration', () => {
    it('validates its configuration before sending anything', () => {
      assert.throws(() => new VaultTransport({ dns: sim.dns, clientId: 'bad id!' }), isError('config'));
      assert.throws(() => new VaultTransport({ dns: 'http://vault.example.com' }), isError('config'));
      assert.throws(() => new VaultTransport({ dns: sim.dns, apiVersion: 'latest' }), isError('config'));
      assert.strictEqual(sim.requestLog.length, 0);
    });

    it('sends nothing for a request that needs a session while none is held', async () => {
      const { transport } = simTransport(sim);
      transport.session = undefined;
      await assert.rejects(transport.request(whoAmI), isError('config', (e) => /Not signed in/.test(e.message) && !e.sent));
      assert.strictEqual(sim.requestLog.length, 0);
    });

    // VS Code applies its proxy settings by patching Node's http/https, so the transport must not route
    // through a proxy of its own choosing; against the bundle this also proves that the proxy code
    // esbuild.js leaves out of axios is never reached.
    it('goes straight to Vault whatever proxy the environment names', async () => {
      const proxyVariables = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]);
      let proxyConnections = 0;
      const proxy = net.createServer((socket) => {
        proxyConnections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const saved = new Map(proxyVariables.map((name) => [name, process.env[name]]));
      try {
        const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
        for (const name of proxyVariables) process.env[name] = name.toLowerCase() === 'no_proxy' ? '' : proxyUrl;
        const { transport } = simTransport(sim, { retries: 0 });
        assert.strictEqual((await transport.request(whoAmI)).body.responseStatus, 'SUCCESS');
        assert.deepStrictEqual(sim.requestLog.map((entry) => entry.path), ['/api/v26.1/objects/users/me']);
        assert.strictEqual(proxyConnections, 0);
      } finally {
        for (const [name, value] of saved) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
        proxy.close();
      }
    });
  });

  describe('classification', () => {
    it('tells HTTP, network, timeout, non-JSON and aborted failures apart', async () => {
      const { transport } = simTransport(sim, { retries: 0, timeoutMs: 300 });
      sim.faults.set({ kind: 'proxy502', times: 1 });
      await assert.rejects(transport.request(keepAlive), isError('http', (e) => e.httpStatus === 502 && e.transient));
      sim.faults.set({ kind: 'dropBeforeApply', times: 1 });
      await assert.rejects(transport.request(keepAlive), isError('network', (e) => e.transient && e.sent));
      sim.faults.set({ kind: 'noAnswer', times: 1 });
      await assert.rejects(transport.request(keepAlive), isError('timeout', (e) => /no answer within 300 ms/.test(e.message)));
      sim.faults.set({ kind: 'nonJson', times: 1 });
      await assert.rejects(transport.request(keepAlive), isError('nonJson', (e) => /not a Vault JSON response/.test(e.message)));
      sim.faults.set({ kind: 'latency', ms: 300, times: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(transport.request(keepAlive, controller.signal), isError('aborted'));
      const refused = new VaultTransport({ dns: '127.0.0.1:1', retries: 0 }, { sessionId: 'x-1234', kind: 'session' });
      await assert.rejects(refused.request(keepAlive), isError('network', (e) => !e.sent && /ECONNREFUSED/.test(e.message)));
    });

    it('takes HTTP 404 with a Vault body as Vault\'s answer: typed, final, not retried, one full stop', async () => {
      const { transport } = simTransport(sim, { retries: 2, backoffBaseMs: 1 });
      const error = await transport.request(readRequest('/api/v26.1/services/jobs', 'job monitors page')).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof VaultError);
      assert.deepStrictEqual([error.kind, error.httpStatus, error.errorType, error.responseStatus, error.transient], ['vault', 404, 'MALFORMED_URL', 'FAILURE', false]);
      assert.strictEqual(error.message, 'The job monitors page failed (HTTP 404): MALFORMED_URL: The specified resource cannot be found.');
      assert.strictEqual(sim.requestLog.length, 1, 'a Vault FAILURE is not retried');
    });

    it('still treats an error page without a Vault body as an answer of unknown fate', async () => {
      const { transport } = simTransport(sim, { retries: 0 });
      sim.faults.set({ kind: 'proxy502', times: 1 });
      const error = await transport.request(keepAlive).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof VaultError);
      assert.deepStrictEqual([error.kind, error.httpStatus, error.transient], ['http', 502, true]);
      assert.strictEqual(error.message, 'The keep-alive failed with HTTP 502 and no Vault answer (an HTML page titled "502 Bad Gateway").');
    });

    it('describes a proxy HTML page by its title', async () => {
      const { transport } = simTransport(sim, { retries: 0 });
      sim.faults.set({ kind: 'nonJson', times: 1, body: '<html><title>Access denied</title></html>' });
      await assert.rejects(transport.request(keepAlive), isError('nonJson', (e) => /titled "Access denied"/.test(e.message)));
      // Read as the pattern <title[^>]*>([^<]{1,120})</title> would, case-insensitively, in one forward scan.
      const pages = [
        { body: `${'<title'.repeat(2_000)}><TITLE>x</TITLE><Title lang="en">Bad\n Gateway</Title>`, hint: /titled "x"/ },
        { body: `${'<title'.repeat(2_000)}><Title lang="en">Bad\n Gateway</Title>`, hint: /titled "Bad Gateway"/ },
        { body: `<title>${'a'.repeat(121)}</title><title>Down</title>`, hint: /titled "Down"/ },
        { body: '<title></title><title>Up<b></title>', hint: /starting "<title><\/title><title>Up<b><\/title>"/ },
      ];
      for (const { body, hint } of pages) {
        sim.faults.set({ kind: 'nonJson', times: 1, body });
        await assert.rejects(transport.request(keepAlive), isError('nonJson', (e) => hint.test(e.message)));
      }
    });
  });

  describe('retries and limits', () => {
    it('retries read-only requests after transient failures', async () => {
      const { transport } = simTransport(sim);
      sim.faults.set({ kind: 'dropBeforeApply', path: /users\/me/, times: 1 });
      sim.faults.set({ kind: 'proxy502', path: /users\/me/, times: 1 });
      assert.strictEqual((await transport.request(whoAmI)).body.responseStatus, 'SUCCESS');
      assert.strictEqual(sim.requestLog.length, 3);
    });

    it('exposes the burst headers and paces requests near the limit', async () => {
      await sim.close();
      sim = await startSimulator({ burstLimit: 8 });
      const updates: number[] = [];
      const { transport } = simTransport(sim, { burstReserve: 5, burstPaceMs: 60 });
      transport.onDidUpdateRateLimits((s) => updates.push(s.burstRemaining ?? -1));
      await transport.request(keepAlive);
      await transport.request(keepAlive);
      assert.deepStrictEqual(transport.rateLimits.burstLimit, 8);
      assert.strictEqual(transport.rateLimits.burstRemaining, 6);
      await transport.request(keepAlive); // remaining 5: from now on, requests are paced
      sim.clearRequestLog();
      await Promise.all([transport.request(keepAlive), transport.request(keepAlive), transport.request(keepAlive)]);
      const times = sim.requestLog.map((r) => r.time).sort((x, y) => x - y);
      assert.ok(times[2] - times[0] >= 110, `three paced requests spread over ${times[2] - times[0]} ms`);
      assert.deepStrictEqual(updates.slice(0, 3), [7, 6, 5]);
    });

    it('spaces status requests for one job by the interval instead of tripping the limit', async () => {
      const { transport } = simTransport(sim);
      const job = sim.jobs.add({ status: 'QUEUED' });
      const status = { ...readRequest(`/services/jobs/${job.job_id}`, `status of job ${job.job_id}`), statusJobId: job.job_id };
      await Promise.all([transport.request(status), transport.request(status), transport.request(status)]);
      // The simulator refuses a second call within 150 ms: three successes prove the spacing.
      assert.deepStrictEqual(sim.requestLog.map((r) => r.responseStatus), ['SUCCESS', 'SUCCESS', 'SUCCESS']);
    });

    it('backs off and retries when Vault refuses a status request anyway', async () => {
      const { transport } = simTransport(sim, { statusIntervalMs: 1, backoffBaseMs: 100, retries: 3 });
      const job = sim.jobs.add({ status: 'QUEUED' });
      const status = { ...readRequest(`/services/jobs/${job.job_id}`, `status of job ${job.job_id}`), statusJobId: job.job_id };
      await transport.request(status);
      sim.clearRequestLog();
      await transport.request(status); // the transport thinks 1 ms suffices; Vault wants 150
      assert.strictEqual(sim.requestLog[0].responseStatus, 'FAILURE');
      assert.strictEqual(sim.requestLog.at(-1)?.responseStatus, 'SUCCESS');
    });
  });

  describe('session renewal', () => {
    /** A transport whose session has expired, renewing to fresh simulator sessions; `renewals` lists them. */
    function expiredTransport(renew: () => Promise<VaultSession | undefined> = () => Promise.resolve({ sessionId: sim.createSession(), kind: 'session' })) {
      const renewals: (VaultSession | undefined)[] = [];
      const { transport } = simTransport(sim, {
        reauthenticate: async () => {
          const session = await renew();
          renewals.push(session);
          return session;
        },
      });
      sim.expireAllSessions();
      sim.clearRequestLog();
      return { transport, renewals };
    }

    it('renews an expired session once, shared by the requests that failed with it, and repeats them with the new one', async () => {
      const { transport, renewals } = expiredTransport();
      await Promise.all([transport.request(whoAmI), transport.request(whoAmI), transport.request(whoAmI)]);
      assert.strictEqual(renewals.length, 1);
      assert.strictEqual(transport.session, renewals[0]);
      assert.deepStrictEqual(sim.requestLog.map((r) => r.auth).sort(), ['invalid', 'invalid', 'invalid', 'session', 'session', 'session']);
    });

    it('renews but does not send again a request that leaves at most once', async () => {
      const { transport, renewals } = expiredTransport();
      const once: RequestSpec = { ...keepAlive, idempotent: false, sendOnce: true };
      await assert.rejects(transport.request(once), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID' && e.transient && /A new session was obtained; the request was not sent again\.$/.test(e.message)));
      assert.strictEqual(renewals.length, 1);
      assert.strictEqual(transport.session, renewals[0]);
      assert.strictEqual(sim.requestLog.length, 1);
    });

    it('gives up after one renewal that does not help', async () => {
      const dead: VaultSession = { sessionId: 'dead-session-1234', kind: 'session' };
      const { transport, renewals } = expiredTransport(() => Promise.resolve(dead));
      await assert.rejects(transport.request(whoAmI), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID'));
      assert.strictEqual(renewals.length, 1);
    });

    it('asks once when renewing fails: later requests failing with the same session get the same error', async () => {
      let asked = 0;
      const { transport } = expiredTransport(() => {
        asked++;
        return Promise.reject(new Error('locked out'));
      });
      for (let i = 0; i < 2; i++) {
        await assert.rejects(transport.request(whoAmI), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID' && /signing in again failed: locked out/.test(e.message)));
      }
      assert.strictEqual(asked, 1);
    });

    it('never renews a request sent as a given session, nor one that may not renew', async () => {
      const { transport, renewals } = expiredTransport();
      const other: VaultSession = { sessionId: 'another-session-5678', kind: 'session' };
      await assert.rejects(transport.request(whoAmI, undefined, {}, other), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID'));
      await assert.rejects(transport.request({ ...whoAmI, reauth: false }), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID'));
      assert.strictEqual(renewals.length, 0);
      assert.strictEqual(sim.requestLog.length, 2);
    });
  });
});
