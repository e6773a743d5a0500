// The client and the cancel engine on recorded real Vault answers, served verbatim by the replay
// server: what a user would see for each (a value, or an error message), with no simulator between.
import * as assert from 'assert';
import { cancelJobs, describeOutcome } from '../../../src/core/cancel';
import { VaultClient, VaultError, type VaultClientOptions } from '../../../src/core/vault';
import { recordedBody, startReplay, type ReplayRoute, type ReplayServer } from '../../replay/replayServer';
import { captureLog } from '../helpers/capture';

const session = { sessionId: 'replayed-session-0001', kind: 'session' as const };

describe('client and engine on recorded real Vault answers', () => {
  let replay: ReplayServer;
  afterEach(() => replay?.close());

  async function clientFor(routes: ReplayRoute[], options: Partial<VaultClientOptions> = {}) {
    replay = await startReplay(routes);
    const capture = captureLog();
    const client = new VaultClient({ dns: replay.dns, logger: capture.logger, timeoutMs: 2_000, backoffBaseMs: 1, statusIntervalMs: 1, ...options }, session);
    return { client, capture };
  }
  const rejection = async (promise: Promise<unknown>): Promise<VaultError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof VaultError, `expected a VaultError, got ${String(error)}`);
    return error;
  };

  describe('sign-in', () => {
    for (const file of ['live/auth-success.json', 'live/auth-success-160-hex.json', 'docs/auth-success.json']) {
      it(`${file}: refuses the session of a Vault other than the one asked for, and ends that session`, async () => {
        const { client } = await clientFor([
          { method: 'POST', path: /\/auth$/, file },
          { method: 'DELETE', path: /\/session$/, file: 'docs/end-session.json' },
        ]);
        client.session = undefined;
        const error = await rejection(client.signIn('someone@example.com', 'secret-password'));
        // The recorded Vaults live at their own DNS, not at this server's: Vault picked "another Vault".
        assert.strictEqual(error.kind, 'vaultMismatch');
        assert.match(error.message, /^Vault signed this user into another Vault \(ID \d+\) instead of 127\.0\.0\.1:\d+: the user has no active access to 127\.0\.0\.1:\d+\. That session was ended\.$/);
        const ended = replay.requests[1];
        assert.deepStrictEqual(replay.requests.map((r) => `${r.method} ${r.answeredWith}`), [`POST ${file}`, 'DELETE docs/end-session.json']);
        assert.strictEqual(ended.authorization, (JSON.parse(recordedBody(file).toString('utf8')) as { sessionId: string }).sessionId, 'the session Vault returned is the one ended, whatever its length');
        assert.strictEqual(client.session, undefined);
      });
    }

    it('docs/auth-no-password.json: the sign-in fails with Vault\'s type and words', async () => {
      const { client } = await clientFor([{ method: 'POST', path: /\/auth$/, file: 'docs/auth-no-password.json' }]);
      const error = await rejection(client.signIn('someone@example.com', 'x'));
      assert.deepStrictEqual([error.kind, error.errorType, error.transient], ['vault', 'NO_PASSWORD_PROVIDED', false]);
      assert.strictEqual(error.message, 'The sign-in failed (AUTHENTICATION_FAILED): NO_PASSWORD_PROVIDED: No password was provided for the login call.');
    });
  });

  describe('sessions', () => {
    it('live/invalid-session.json: an expired session is renewed once and the call goes on', async () => {
      let renewals = 0;
      const { client } = await clientFor([
        { method: 'POST', path: /\/keep-alive$/, file: 'live/invalid-session.json', times: 1 },
        { method: 'POST', path: /\/keep-alive$/, file: 'docs/keep-alive.json' },
      ], { reauthenticate: () => Promise.resolve({ sessionId: `renewed-${++renewals}`, kind: 'session' as const }) });
      await client.keepAlive();
      assert.strictEqual(renewals, 1);
      assert.deepStrictEqual(replay.requests.map((r) => r.authorization), ['replayed-session-0001', 'renewed-1']);
    });

    it('live/invalid-session.json: a pasted session Vault refuses is reported as such', async () => {
      const { client } = await clientFor([{ method: 'GET', path: /\/objects\/users\/me$/, file: 'live/invalid-session.json' }]);
      const error = await rejection(client.useSession('pasted-session-0002'));
      assert.strictEqual(error.errorType, 'INVALID_SESSION_ID');
      assert.strictEqual(error.message, 'The who-am-I failed: INVALID_SESSION_ID: Invalid or expired session ID.');
      assert.strictEqual(client.session?.sessionId, session.sessionId, 'the previous session stays');
    });

    it('docs/users-me.json, docs/keep-alive.json, docs/end-session.json: adopt, keep alive and end a session', async () => {
      const { client } = await clientFor([
        { method: 'GET', path: /\/objects\/users\/me$/, file: 'docs/users-me.json' },
        { method: 'POST', path: /\/keep-alive$/, file: 'docs/keep-alive.json' },
        { method: 'DELETE', path: /\/session$/, file: 'docs/end-session.json' },
      ]);
      const adopted = await client.useSession('pasted-session-0003');
      assert.strictEqual(adopted.userId, 61603);
      await client.keepAlive();
      await client.signOut();
      assert.deepStrictEqual(replay.requests.map((r) => r.answeredWith), ['docs/users-me.json', 'docs/keep-alive.json', 'docs/end-session.json']);
      assert.strictEqual(client.session, undefined);
    });
  });

  describe('jobs', () => {
    for (const file of ['live/malformed-url-jobs.json', 'live/malformed-url-vobjects.json', 'live/malformed-url-audittrail.json']) {
      it(`${file}: HTTP 404 with a Vault body is Vault's final answer, said once, not retried`, async () => {
        const { client } = await clientFor([{ method: 'GET', path: /\/services\/jobs\/monitors/, file }], { retries: 3 });
        const error = await rejection(client.listMonitors());
        assert.deepStrictEqual([error.kind, error.httpStatus, error.errorType, error.transient], ['vault', 404, 'MALFORMED_URL', false]);
        assert.strictEqual(error.message, 'The job monitors failed (HTTP 404): MALFORMED_URL: The specified resource cannot be found.');
        assert.strictEqual(replay.requests.length, 1);
      });
    }

    it('docs/monitors-total-3-two-jobs.json: two jobs, oldest first, a total of 3 and no next page', async () => {
      const { client } = await clientFor([{ method: 'GET', path: /\/services\/jobs\/monitors/, file: 'docs/monitors-total-3-two-jobs.json' }]);
      const page = await client.listMonitors();
      assert.deepStrictEqual(page.jobs.map((j) => [j.job_id, j.status, j.created_date]), [
        [72505, 'SCHEDULED', '2021-02-03T04:01:29.000Z'], [72518, 'SCHEDULED', '2021-02-03T09:01:53.000Z'],
      ]);
      assert.deepStrictEqual([page.total, page.nextPage], [3, undefined]);
    });

    it('docs/histories-page1.json: newest first, and next_page is followed exactly as given', async () => {
      const { client } = await clientFor([{ method: 'GET', path: /\/services\/jobs\/histories/, file: 'docs/histories-page1.json' }]);
      const page = await client.listHistories();
      assert.deepStrictEqual(page.jobs.map((j) => j.job_id), [361402, 361401]);
      assert.ok(page.jobs[0].run_end_date! > page.jobs[1].run_end_date!);
      assert.strictEqual(page.total, 2753);
      await client.nextPage(page);
      assert.strictEqual(replay.requests[1].path, '/api/v25.2/services/jobs/histories?limit=50&offset=50');
    });

    it('docs/job-status-success.json: status with its links', async () => {
      const { client } = await clientFor([{ method: 'GET', path: /\/services\/jobs\/1201$/, file: 'docs/job-status-success.json' }]);
      const status = await client.jobStatus(1201);
      assert.deepStrictEqual([status.id, status.status, status.method, status.links[0].rel], [1201, 'SUCCESS', 'POST', 'self']);
    });

    for (const [file, id] of [['live/start-now.json', 264561], ['docs/start-now.json', 72505]] as const) {
      it(`${file}: Start Now succeeds`, async () => {
        const { client } = await clientFor([{ method: 'POST', path: new RegExp(`/services/jobs/start_now/${id}$`), file }]);
        await client.startNow(id);
        assert.strictEqual(replay.requests[0].answeredWith, file);
      });
    }
  });

  describe('cancel, through the engine', () => {
    it('docs/cancel-mixed.json: the refused job is not eligible; the SUCCESS naming another job is checked, not believed', async () => {
      const capture = captureLog();
      const { client } = await clientFor([
        { method: 'POST', path: /\/actions\/cancel$/, file: 'docs/cancel-mixed.json' },
        // The only recorded Job Status is about job 1201: an answer about another job settles nothing.
        { method: 'GET', path: /\/services\/jobs\/1046892$/, file: 'docs/job-status-success.json' },
      ], { logger: capture.logger });
      const result = await cancelJobs(client, [1046892, 1043341], { maxRetries: 0, logger: capture.logger });
      assert.strictEqual(describeOutcome(result.outcomes.get(1043341)!), 'Not eligible for cancellation: Job [1068337] is not found in QUEUED or QUEUEING state (INVALID_DATA)');
      assert.strictEqual(describeOutcome(result.outcomes.get(1046892)!),
        "Unknown: sent, but whether Vault cancelled it is not known: Vault's answer named job 1068044 in its place; its status could not be checked (Vault's Job Status for job 1046892 described job 1201)");
      assert.deepStrictEqual(replay.requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v26.1/services/jobs/actions/cancel', 'GET /api/v26.1/services/jobs/1046892']);
      assert.ok(capture.lines.some((l) => / checked 1 job\(s\): 0 monitors\/histories page\(s\) read, 1 Job Status call\(s\): 0 job\(s\) found, 0 unknown to Vault, 1 not checked$/.test(l)), capture.lines.join('\n'));
    });

    it('live/malformed-url-jobs.json: a cancel answered 404 + MALFORMED_URL fails each ID with Vault\'s reason, with no status checks', async () => {
      const { client } = await clientFor([{ method: 'POST', path: /\/actions\/cancel$/, file: 'live/malformed-url-jobs.json' }]);
      const result = await cancelJobs(client, [101, 102], { backoffBaseMs: 1 });
      for (const id of [101, 102]) {
        assert.strictEqual(describeOutcome(result.outcomes.get(id)!), 'Failed: The cancel of 2 job(s) failed (HTTP 404): MALFORMED_URL: The specified resource cannot be found.');
      }
      assert.deepStrictEqual(replay.requests.map((r) => r.method), ['POST'], 'one request: no retry, no Job Status');
    });
  });
});
