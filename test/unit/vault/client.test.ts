// The client against the simulator over real sockets: sessions, jobs endpoints, limits and errors.
import * as assert from 'assert';
import * as net from 'net';
import { VaultClient, VaultError, defaultClientId, type VaultSession } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient, simClient } from '../helpers/capture';

const isError = (kind: VaultError['kind'], test: (e: VaultError) => boolean = () => true) => (error: unknown) =>
  error instanceof VaultError && error.kind === kind && test(error);

describe('VaultClient against the simulator', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ statusCallIntervalMs: 150, cancelDelayMs: 100 });
  });
  afterEach(() => sim.close());

  describe('sessions', () => {
    it('signs in with a form body and sends the session, client ID and JSON Accept on later calls', async () => {
      const { client } = simClient(sim);
      const session = await client.signIn(sim.username, sim.password);
      assert.strictEqual(session.kind, 'password');
      assert.strictEqual(session.vaultId, sim.vaultId);
      assert.strictEqual(session.vaultName, sim.options.vaultName);
      const user = await client.whoAmI();
      assert.strictEqual(user.id, sim.userId);
      assert.strictEqual(user.vaultId, sim.vaultId);
      const [auth, me] = sim.requestLog;
      assert.match(auth.path, /^\/api\/v26\.1\/auth$/);
      assert.match(auth.headers['content-type'], /application\/x-www-form-urlencoded/);
      assert.strictEqual(auth.headers.authorization, undefined);
      assert.strictEqual(me.auth, 'session');
      assert.strictEqual(me.headers['x-vaultapi-clientid'], defaultClientId);
      assert.strictEqual(me.headers.accept, 'application/json');
    });

    it('refuses a session Vault opened for another Vault, and ends it', async () => {
      // 'localhost' is not the simulator's DNS, so it signs the user into their other Vault, as Vault does.
      const { client } = simClient(sim, { dns: sim.dns.replace('127.0.0.1', 'localhost') });
      await assert.rejects(client.signIn(sim.username, sim.password), isError('vaultMismatch', (e) => /another Vault \(ID 4411\)/.test(e.message)));
      assert.strictEqual(client.session, undefined);
      assert.deepStrictEqual(sim.requestLog.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`), ['POST /api/v26.1/auth', 'DELETE /api/v26.1/session']);
    });

    it('reports Vault sign-in failures with their type', async () => {
      const { client } = simClient(sim);
      await assert.rejects(client.signIn(sim.username, 'wrong'), isError('vault', (e) => e.errorType === 'USERNAME_OR_PASSWORD_INCORRECT' && /AUTHENTICATION_FAILED/.test(e.message)));
      await assert.rejects(client.signIn('locked@sandbox.example.com', 'x'), isError('vault', (e) => e.errorType === 'USER_LOCKED_OUT' && !e.transient));
    });

    it('does not retry sign-in on the per-minute auth limit', async () => {
      await sim.close();
      sim = await startSimulator({ authLimitPerMinute: 1 });
      const { client } = simClient(sim);
      await client.signIn(sim.username, sim.password);
      await assert.rejects(client.signIn(sim.username, sim.password), isError('vault', (e) => e.errorType === 'API_LIMIT_EXCEEDED'));
      assert.strictEqual(sim.requestLog.length, 2);
    });

    it('adopts an existing session ID or an API access token after checking it', async () => {
      const { client } = simClient(sim);
      const session = await client.useSession(sim.createSession());
      assert.deepStrictEqual([session.kind, session.userId, session.vaultId], ['session', sim.userId, sim.vaultId]);
      const token = await client.useSession(sim.addApiAccessToken());
      assert.strictEqual(token.kind, 'token');
      assert.strictEqual(sim.requestLog.at(-1)?.headers.authorization, 'Bearer «redacted»');
      assert.strictEqual(sim.requestLog.at(-1)?.auth, 'token');
    });

    it('keeps the previous session when a new one is refused, without calling re-authentication', async () => {
      let reauths = 0;
      const { client } = await signedInClient(sim, { reauthenticate: () => Promise.resolve(undefined).finally(() => reauths++) });
      const before = client.session;
      await assert.rejects(client.useSession('not-a-session-0000'), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID'));
      assert.strictEqual(client.session, before);
      assert.strictEqual(reauths, 0);
    });

    it('keeps a session alive and signs out with DELETE session', async () => {
      const { client } = await signedInClient(sim);
      await client.keepAlive();
      await client.signOut();
      assert.strictEqual(client.session, undefined);
      assert.deepStrictEqual(sim.requestLog.slice(1).map((r) => `${r.method} ${r.path}`), ['POST /api/v26.1/keep-alive', 'DELETE /api/v26.1/session']);
      // Signed out on purpose: no re-authentication behind the user's back.
      await assert.rejects(client.whoAmI(), isError('config', (e) => /Not signed in/.test(e.message)));
      assert.strictEqual(sim.requestLog.length, 3);
    });

    it('re-authenticates once on INVALID_SESSION_ID and retries the call', async () => {
      const sessions: VaultSession[] = [];
      const { client } = await signedInClient(sim);
      sim.expireAllSessions();
      const reauthing = new VaultClient({ dns: sim.dns, reauthenticate: async (signal) => {
        const s = await client.signIn(sim.username, sim.password, signal);
        sessions.push(s);
        return s;
      } }, client.session);
      const user = await reauthing.whoAmI();
      assert.strictEqual(user.id, sim.userId);
      assert.strictEqual(sessions.length, 1);
      assert.strictEqual(reauthing.session, sessions[0]);
    });

    it('gives up after one re-authentication that does not help', async () => {
      let reauths = 0;
      const dead: VaultSession = { sessionId: 'dead-session-1234', kind: 'session' };
      const client = new VaultClient({ dns: sim.dns, reauthenticate: () => { reauths++; return Promise.resolve(dead); } }, dead);
      await assert.rejects(client.whoAmI(), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID'));
      assert.strictEqual(reauths, 1);
      const failing = new VaultClient({ dns: sim.dns, reauthenticate: () => Promise.reject(new Error('locked out')) }, dead);
      await assert.rejects(failing.whoAmI(), isError('vault', (e) => e.errorType === 'INVALID_SESSION_ID' && /signing in again failed: locked out/.test(e.message)));
    });

    it('validates its configuration before sending anything', () => {
      assert.throws(() => new VaultClient({ dns: sim.dns, clientId: 'bad id!' }), isError('config'));
      assert.throws(() => new VaultClient({ dns: 'http://vault.example.com' }), isError('config'));
      assert.throws(() => new VaultClient({ dns: sim.dns, apiVersion: 'latest' }), isError('config'));
      assert.strictEqual(sim.requestLog.length, 0);
    });

    it('sends a configured client ID', async () => {
      const { client } = simClient(sim, { clientId: 'acme-vault-qa-client-jobs' });
      await client.signIn(sim.username, sim.password);
      assert.strictEqual(sim.requestLog[0].headers['x-vaultapi-clientid'], 'acme-vault-qa-client-jobs');
    });
  });

  describe('jobs', () => {
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

    it('passes filters in Vault format and reads histories', async () => {
      const { client } = await signedInClient(sim);
      sim.clearRequestLog();
      const page = await client.listHistories({ status: 'CANCELLED', startDate: new Date('2020-01-01T00:00:00.500Z'), limit: 200 });
      assert.ok(page.jobs.every((j) => j.status === 'CANCELLED' && j.run_end_date));
      const query = new URL(sim.requestLog[0].path, sim.url).searchParams;
      assert.strictEqual(query.get('status'), 'cancelled');
      assert.strictEqual(query.get('start_date'), '2020-01-01T00:00:00Z');
      await assert.rejects(client.listMonitors({ limit: 500 }), isError('config'));
    });

    it('reads job status and starts a scheduled job', async () => {
      const { client } = await signedInClient(sim);
      const scheduled = sim.jobs.add({ status: 'SCHEDULED' });
      const sdk = sim.jobs.add({ status: 'RUNNING', task_count: 3 });
      await client.startNow(scheduled.job_id);
      const status = await client.jobStatus(scheduled.job_id);
      assert.strictEqual(status.id, scheduled.job_id);
      assert.strictEqual(status.status, 'QUEUEING');
      assert.strictEqual(status.method, undefined, 'live Vaults send no method');
      assert.strictEqual(status.links[0].rel, 'self');
      await assert.rejects(client.startNow(sdk.job_id), isError('vault', (e) => e.errorType === 'OPERATION_NOT_ALLOWED'));
    });

    it('spaces status calls for one job by the interval instead of tripping the limit', async () => {
      const { client } = await signedInClient(sim);
      const job = sim.jobs.add({ status: 'QUEUED' });
      sim.clearRequestLog();
      await Promise.all([client.jobStatus(job.job_id), client.jobStatus(job.job_id), client.jobStatus(job.job_id)]);
      // The simulator refuses a second call within 150 ms: three successes prove the spacing.
      assert.deepStrictEqual(sim.requestLog.map((r) => r.responseStatus), ['SUCCESS', 'SUCCESS', 'SUCCESS']);
    });

    it('backs off and retries when Vault refuses a status call anyway', async () => {
      const { client } = await signedInClient(sim, { statusIntervalMs: 1, backoffBaseMs: 100, retries: 3 });
      const job = sim.jobs.add({ status: 'QUEUED' });
      await client.jobStatus(job.job_id);
      sim.clearRequestLog();
      const status = await client.jobStatus(job.job_id); // the client thinks 1 ms suffices; Vault wants 150
      assert.strictEqual(status.status, 'QUEUED');
      assert.strictEqual(sim.requestLog[0].responseStatus, 'FAILURE');
      assert.strictEqual(sim.requestLog.at(-1)?.responseStatus, 'SUCCESS');
    });

    it('cancels in one request and matches items by position', async () => {
      const { client } = await signedInClient(sim);
      const [a, b] = sim.jobs.addMany(2, { status: 'QUEUED' });
      sim.clearRequestLog();
      const items = await client.cancelJobs([a.job_id, 1043341, b.job_id]);
      assert.deepStrictEqual(items.map((i) => i.status), ['success', 'failure', 'success']);
      assert.strictEqual(sim.requestLog.length, 1);
      assert.deepStrictEqual(JSON.parse(sim.requestLog[0].body), [{ job_id: a.job_id }, { job_id: 1043341 }, { job_id: b.job_id }]);
      assert.strictEqual(sim.jobs.get(a.job_id)?.status, 'CANCELLING');
      await assert.rejects(client.cancelJobs(Array.from({ length: 501 }, (_, i) => i + 1)), isError('config'));
    });

    it('says plainly that cancel needs v25.3, without sending', async () => {
      const { client } = simClient(sim, { apiVersion: 'v25.2' });
      await client.useSession(sim.createSession());
      sim.clearRequestLog();
      assert.strictEqual(client.supportsCancel, false);
      await assert.rejects(client.cancelJobs([1046892]), isError('config', (e) => e.message === 'Cancelling jobs needs Vault API v25.3 or later; the configured version is v25.2.'));
      assert.strictEqual(sim.requestLog.length, 0);
    });
  });

  describe('limits and failures', () => {
    it('exposes the burst headers and paces calls near the limit', async () => {
      await sim.close();
      sim = await startSimulator({ burstLimit: 8 });
      const updates: number[] = [];
      const { client } = await signedInClient(sim, { burstReserve: 5, burstPaceMs: 60 });
      client.onDidUpdateRateLimits((s) => updates.push(s.burstRemaining ?? -1));
      await client.keepAlive();
      assert.deepStrictEqual(client.rateLimits.burstLimit, 8);
      assert.strictEqual(client.rateLimits.burstRemaining, 6);
      await client.keepAlive(); // remaining 5: from now on, calls are paced
      sim.clearRequestLog();
      await Promise.all([client.keepAlive(), client.keepAlive(), client.keepAlive()]);
      const times = sim.requestLog.map((r) => r.time).sort((x, y) => x - y);
      assert.ok(times[2] - times[0] >= 110, `three paced calls spread over ${times[2] - times[0]} ms`);
      assert.deepStrictEqual(updates.slice(0, 2), [6, 5]);
    });

    it('retries read-only calls after transient failures', async () => {
      const { client } = await signedInClient(sim);
      sim.faults.set({ kind: 'dropBeforeApply', path: /users\/me/, times: 1 });
      sim.faults.set({ kind: 'proxy502', path: /users\/me/, times: 1 });
      assert.strictEqual((await client.whoAmI()).id, sim.userId);
    });

    it('tells HTTP, network, timeout, non-JSON and aborted failures apart', async () => {
      const { client } = await signedInClient(sim, { retries: 0, timeoutMs: 300 });
      sim.faults.set({ kind: 'proxy502', times: 1 });
      await assert.rejects(client.keepAlive(), isError('http', (e) => e.httpStatus === 502 && e.transient));
      sim.faults.set({ kind: 'dropBeforeApply', times: 1 });
      await assert.rejects(client.keepAlive(), isError('network', (e) => e.transient && e.sent));
      sim.faults.set({ kind: 'noAnswer', times: 1 });
      await assert.rejects(client.keepAlive(), isError('timeout', (e) => /no answer within 300 ms/.test(e.message)));
      sim.faults.set({ kind: 'nonJson', times: 1 });
      await assert.rejects(client.keepAlive(), isError('nonJson', (e) => /not a Vault JSON response/.test(e.message)));
      sim.faults.set({ kind: 'latency', ms: 300, times: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(client.keepAlive(controller.signal), isError('aborted'));
      const refused = new VaultClient({ dns: '127.0.0.1:1', retries: 0 }, { sessionId: 'x-1234', kind: 'session' });
      await assert.rejects(refused.keepAlive(), isError('network', (e) => !e.sent && /ECONNREFUSED/.test(e.message)));
    });

    it('describes a proxy HTML page by its title', async () => {
      const { client } = await signedInClient(sim, { retries: 0 });
      sim.faults.set({ kind: 'proxy502', times: 1 });
      await assert.rejects(client.keepAlive(), isError('http', (e) => /HTTP 502/.test(e.message)));
      sim.faults.set({ kind: 'nonJson', times: 1, body: '<html><title>Access denied</title></html>' });
      await assert.rejects(client.keepAlive(), isError('nonJson', (e) => /titled "Access denied"/.test(e.message)));
      // Read as the pattern <title[^>]*>([^<]{1,120})</title> would, case-insensitively, in one forward scan.
      const pages = [
        { body: `${'<title'.repeat(2_000)}><TITLE>x</TITLE><Title lang="en">Bad\n Gateway</Title>`, hint: /titled "x"/ },
        { body: `${'<title'.repeat(2_000)}><Title lang="en">Bad\n Gateway</Title>`, hint: /titled "Bad Gateway"/ },
        { body: `<title>${'a'.repeat(121)}</title><title>Down</title>`, hint: /titled "Down"/ },
        { body: '<title></title><title>Up<b></title>', hint: /starting "<title><\/title><title>Up<b><\/title>"/ },
      ];
      for (const { body, hint } of pages) {
        sim.faults.set({ kind: 'nonJson', times: 1, body });
        await assert.rejects(client.keepAlive(), isError('nonJson', (e) => hint.test(e.message)));
      }
    });
  });

  describe('transport', () => {
    const proxyVariables = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]);

    // VS Code applies its proxy settings by patching Node's http/https, so the client must not route
    // through a proxy of its own choosing; against the bundle this also proves that the proxy code
    // esbuild.js leaves out of axios is never reached.
    it('goes straight to Vault whatever proxy the environment names', async () => {
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
        const { client } = await signedInClient(sim, { retries: 0 });
        assert.strictEqual((await client.whoAmI()).id, sim.userId);
        assert.deepStrictEqual(sim.requestLog.map((entry) => entry.path), ['/api/v26.1/auth', '/api/v26.1/objects/users/me']);
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
});
