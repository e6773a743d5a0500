// VaultClient's endpoints against the simulator over real sockets: what each request sends (method,
// path, query, body, headers, as the simulator's request log holds them) and what its answer becomes.
// How a request travels (limits, retries, renewal, errors) is the transport's, tested in transport.test.ts;
// the walk over pages is paging's (paging.test.ts).
import * as assert from 'assert';
import { VaultError, defaultClientId } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient, simClient } from '../helpers/capture';

const isError = (kind: VaultError['kind'], test: (e: VaultError) => boolean = () => true) => (error: unknown) =>
  error instanceof VaultError && error.kind === kind && test(error);

describe('VaultClient endpoints against the simulator', () => {
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
      assert.deepStrictEqual([auth.method, auth.path, me.method, me.path], ['POST', '/api/v26.1/auth', 'GET', '/api/v26.1/objects/users/me']);
      assert.match(auth.headers['content-type'], /application\/x-www-form-urlencoded/);
      // The simulator's log blanks the password it received.
      assert.deepStrictEqual(Object.fromEntries(new URLSearchParams(auth.body)), { username: sim.username, password: '«redacted»', vaultDNS: sim.dns });
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

    it('sends a configured client ID', async () => {
      const { client } = simClient(sim, { clientId: 'acme-vault-qa-client-jobs' });
      await client.signIn(sim.username, sim.password);
      assert.strictEqual(sim.requestLog[0].headers['x-vaultapi-clientid'], 'acme-vault-qa-client-jobs');
    });
  });

  describe('jobs', () => {
    it('passes filters in Vault format and reads histories', async () => {
      const { client } = await signedInClient(sim);
      sim.clearRequestLog();
      const page = await client.listHistories({ status: 'CANCELLED', startDate: new Date('2020-01-01T00:00:00.500Z'), limit: 200 });
      assert.ok(page.jobs.every((j) => j.status === 'CANCELLED' && j.run_end_date));
      const sent = new URL(sim.requestLog[0].path, sim.url);
      assert.deepStrictEqual([sim.requestLog[0].method, sent.pathname], ['GET', '/api/v26.1/services/jobs/histories']);
      assert.deepStrictEqual(Object.fromEntries(sent.searchParams), { status: 'cancelled', start_date: '2020-01-01T00:00:00Z', limit: '200' });
      await assert.rejects(client.listMonitors({ limit: 500 }), isError('config'));
    });

    it('reads job status and starts a scheduled job', async () => {
      const { client } = await signedInClient(sim);
      const scheduled = sim.jobs.add({ status: 'SCHEDULED' });
      const sdk = sim.jobs.add({ status: 'RUNNING', task_count: 3 });
      sim.clearRequestLog();
      await client.startNow(scheduled.job_id);
      const status = await client.jobStatus(scheduled.job_id);
      assert.strictEqual(status.id, scheduled.job_id);
      assert.strictEqual(status.status, 'QUEUEING');
      assert.strictEqual(status.method, undefined, 'live Vaults send no method');
      assert.strictEqual(status.links[0].rel, 'self');
      assert.deepStrictEqual(sim.requestLog.map((r) => `${r.method} ${r.path}`), [`POST /api/v26.1/services/jobs/start_now/${scheduled.job_id}`, `GET /api/v26.1/services/jobs/${scheduled.job_id}`]);
      await assert.rejects(client.startNow(sdk.job_id), isError('vault', (e) => e.errorType === 'OPERATION_NOT_ALLOWED'));
      assert.strictEqual(sim.requestLog.length, 3, 'a start that Vault refused is not sent again');
    });

    it('cancels in one request and matches items by position', async () => {
      const { client } = await signedInClient(sim);
      const [a, b] = sim.jobs.addMany(2, { status: 'QUEUED' });
      sim.clearRequestLog();
      const items = await client.cancelJobs([a.job_id, 1043341, b.job_id]);
      assert.deepStrictEqual(items.map((i) => i.status), ['success', 'failure', 'success']);
      assert.strictEqual(sim.requestLog.length, 1);
      const [cancel] = sim.requestLog;
      assert.deepStrictEqual([cancel.method, cancel.path, cancel.auth], ['POST', '/api/v26.1/services/jobs/actions/cancel', 'session']);
      assert.match(cancel.headers['content-type'], /^application\/json/);
      assert.deepStrictEqual(JSON.parse(cancel.body), [{ job_id: a.job_id }, { job_id: 1043341 }, { job_id: b.job_id }]);
      assert.strictEqual(sim.jobs.get(a.job_id)?.status, 'CANCELLING');
      await assert.rejects(client.cancelJobs(Array.from({ length: 501 }, (_, i) => i + 1)), isError('config'));
      assert.deepStrictEqual(await client.cancelJobs([]), []);
      assert.strictEqual(sim.requestLog.length, 1, 'neither too many IDs nor none are sent');
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
});
