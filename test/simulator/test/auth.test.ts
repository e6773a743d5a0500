import * as assert from 'assert';
import { call, login, useSimulator, v } from './helpers';

describe('simulator: authentication and sessions', () => {
  const ctx = useSimulator({ jobs: 20, sessionIdleMs: 60_000, sessionMaxMs: 300_000 }, true);

  it('issues a session for the right user name and password, in the documented shape', async () => {
    const { sim } = ctx;
    const answer = await login(sim, { username: sim.username.toUpperCase(), password: sim.password });
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(answer.json.responseStatus, 'SUCCESS');
    assert.match(answer.json.sessionId, /^[0-9A-F]{128}$/);
    assert.strictEqual(answer.json.userId, sim.userId);
    assert.strictEqual(answer.json.vaultId, sim.vaultId);
    assert.deepStrictEqual(answer.json.vaultIds[0], { id: sim.vaultId, name: 'Sandbox QMS', url: `https://${sim.dns}/api` });
    const me = await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: answer.json.sessionId });
    assert.strictEqual(me.json.users[0].user.id, sim.userId);
    assert.strictEqual(me.json.users[0].user.user_name__v, sim.username);
  });

  it('accepts multipart forms too', async () => {
    const { sim } = ctx;
    const form = new FormData();
    form.set('username', sim.username);
    form.set('password', sim.password);
    const response = await fetch(`${sim.url}/api/${v}/auth`, { method: 'POST', body: form });
    const body = (await response.json()) as { responseStatus: string; vaultId: number };
    assert.strictEqual(body.responseStatus, 'SUCCESS');
    assert.strictEqual(body.vaultId, sim.vaultId);
  });

  it('lands silently in the other Vault when vaultDNS names one the user is not in', async () => {
    const { sim } = ctx;
    const here = await login(sim, { username: sim.username, password: sim.password, vaultDNS: sim.dns });
    assert.strictEqual(here.json.vaultId, sim.vaultId);
    const elsewhere = await login(sim, { username: sim.username, password: sim.password, vaultDNS: 'nowhere.veevavault.com' });
    assert.strictEqual(elsewhere.json.responseStatus, 'SUCCESS');
    assert.strictEqual(elsewhere.json.vaultId, sim.options.otherVault.id);
    assert.ok(!elsewhere.json.vaultIds.some((vault: { url: string }) => vault.url === 'https://nowhere.veevavault.com/api'));
    // That session belongs to the other Vault, so this one does not accept it.
    const me = await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: elsewhere.json.sessionId });
    assert.strictEqual(me.json.errors[0].type, 'INVALID_SESSION_ID');
  });

  it('answers every auth failure with its type and errorType AUTHENTICATION_FAILED', async () => {
    const { sim } = ctx;
    const cases: [Record<string, string>, string][] = [
      [{ username: sim.username, password: 'wrong' }, 'USERNAME_OR_PASSWORD_INCORRECT'],
      [{ username: 'someone@else.com', password: sim.password }, 'USERNAME_OR_PASSWORD_INCORRECT'],
      [{ username: sim.username }, 'NO_PASSWORD_PROVIDED'],
      [{ username: 'inactive@sandbox.example.com', password: 'x' }, 'INACTIVE_USER'],
      [{ username: 'locked@sandbox.example.com', password: 'x' }, 'USER_LOCKED_OUT'],
      [{ username: 'password-change@sandbox.example.com', password: 'x' }, 'PASSWORD_CHANGE_REQUIRED'],
    ];
    for (const [fields, type] of cases) {
      const answer = await login(sim, fields);
      assert.strictEqual(answer.status, 200);
      assert.strictEqual(answer.json.responseStatus, 'FAILURE', type);
      assert.strictEqual(answer.json.errors[0].type, type);
      assert.strictEqual(answer.json.errorType, 'AUTHENTICATION_FAILED');
      assert.strictEqual(answer.headers.get('x-vaultapi-status'), 'FAILURE');
    }
  });

  it('takes the session raw or after Bearer, and refuses a missing, unknown or ended one', async () => {
    const { sim, session } = ctx;
    for (const auth of [session, `Bearer ${session}`]) {
      assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth })).json.responseStatus, 'SUCCESS');
    }
    const invalid = { responseStatus: 'FAILURE', errors: [{ type: 'INVALID_SESSION_ID', message: 'Invalid or expired session ID.' }] };
    assert.deepStrictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`)).json, invalid);
    assert.deepStrictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: 'ABC123' })).json, invalid);
    const other = sim.createSession();
    assert.strictEqual((await call(sim, 'DELETE', `/api/${v}/session`, { auth: session })).json.responseStatus, 'SUCCESS');
    assert.deepStrictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session })).json, invalid);
    // Ending one session leaves the user's others alive.
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: other })).json.responseStatus, 'SUCCESS');
    sim.expireAllSessions();
    assert.deepStrictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: other })).json, invalid);
  });

  it('accepts API access tokens with Bearer only', async () => {
    const { sim } = ctx;
    const token = sim.addApiAccessToken();
    assert.match(token, /^veeva-vault-/);
    const me = await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: `Bearer ${token}` });
    assert.strictEqual(me.json.responseStatus, 'SUCCESS');
    assert.strictEqual(me.headers.get('x-vaultapi-userid'), String(sim.userId));
    assert.strictEqual(me.headers.get('x-vaultapi-truncatedsessionid'), null);
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: token })).json.errors[0].type, 'INVALID_SESSION_ID');
    sim.expireAllSessions();
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: `Bearer ${token}` })).json.responseStatus, 'SUCCESS');
  });

  it('ends a session after the idle timeout, which every call and keep-alive restart', async () => {
    const { sim, clock, session } = ctx;
    clock.advance(50_000);
    assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: session })).json.responseStatus, 'SUCCESS');
    clock.advance(50_000);
    assert.strictEqual((await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session })).json.responseStatus, 'SUCCESS');
    clock.advance(60_000);
    assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: session })).json.errors[0].type, 'INVALID_SESSION_ID');
  });

  it('ends a session at the hard cap however often it is kept alive', async () => {
    const { sim, clock, session } = ctx;
    for (let elapsed = 0; elapsed < 280_000; elapsed += 40_000) {
      clock.advance(40_000);
      assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: session })).json.responseStatus, 'SUCCESS');
    }
    clock.advance(40_000);
    assert.strictEqual((await call(sim, 'POST', `/api/${v}/keep-alive`, { auth: session })).json.errors[0].type, 'INVALID_SESSION_ID');
  });

  it('lists the API versions as a map to their URLs, for a valid session only', async () => {
    const { sim, session } = ctx;
    const answer = await call(sim, 'GET', '/api/', { auth: session });
    assert.strictEqual(answer.json.responseStatus, 'SUCCESS');
    const versions = Object.keys(answer.json.values);
    assert.strictEqual(versions[0], 'v21.1');
    assert.strictEqual(versions.at(-1), 'v26.2');
    assert.ok(versions.includes('v25.3'));
    assert.strictEqual(answer.json.values[v], `https://${sim.dns}/api/${v}`);
    assert.strictEqual((await call(sim, 'GET', '/api/')).json.errors[0].type, 'INVALID_SESSION_ID');
  });

  it('sends the X-VaultAPI headers on every answer and echoes the reference ID', async () => {
    const { sim, session } = ctx;
    const answer = await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: session, headers: { 'X-VaultAPI-ReferenceId': 'ref-42' } });
    assert.match(answer.headers.get('x-vaultapi-executionid') ?? '', /^[0-9a-f-]{36}$/);
    assert.strictEqual(answer.headers.get('x-vaultapi-burstlimit'), '2000');
    assert.match(answer.headers.get('x-vaultapi-burstlimitremaining') ?? '', /^\d+$/);
    assert.strictEqual(answer.headers.get('x-vaultapi-vaultid'), String(sim.vaultId));
    assert.strictEqual(answer.headers.get('x-vaultapi-status'), 'SUCCESS');
    assert.strictEqual(answer.headers.get('x-vaultapi-userid'), String(sim.userId));
    assert.ok(session.startsWith(answer.headers.get('x-vaultapi-truncatedsessionid') ?? 'missing'));
    assert.strictEqual(answer.headers.get('x-vaultapi-referenceid'), 'ref-42');
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    const failed = await call(sim, 'GET', `/api/${v}/nothing/here`);
    assert.strictEqual(failed.headers.get('x-vaultapi-status'), 'FAILURE');
    assert.strictEqual(failed.headers.get('x-vaultapi-userid'), null);
  });

  it('answers MALFORMED_URL for unknown paths and versions that are not versions, METHOD_NOT_SUPPORTED for wrong verbs and versions', async () => {
    const { sim, session } = ctx;
    const type = async (method: string, path: string) => (await call(sim, method, path, { auth: session })).json.errors[0].type;
    // A live Vault's exact answer to an unknown path, HTTP 404 included (test/fixtures/vault-responses/live/malformed-url-jobs.json).
    for (const path of [`/api/${v}/services/jobs`, `/api/${v}/services/nothing`, '/api/latest/services/jobs/monitors', '/elsewhere']) {
      const answer = await call(sim, 'GET', path, { auth: session });
      assert.strictEqual(answer.status, 404, path);
      assert.strictEqual(answer.text, '{"responseStatus":"FAILURE","errors":[{"type":"MALFORMED_URL","message":"The specified resource cannot be found."}]}');
      assert.strictEqual(answer.headers.get('x-vaultapi-status'), 'FAILURE');
    }
    // [INF] No source shows the HTTP status of METHOD_NOT_SUPPORTED: it stays 200, as the docs say of every answer.
    assert.strictEqual((await call(sim, 'POST', `/api/${v}/services/jobs/monitors`, { auth: session })).status, 200);
    assert.strictEqual(await type('POST', `/api/${v}/services/jobs/monitors`), 'METHOD_NOT_SUPPORTED');
    assert.strictEqual(await type('GET', `/api/${v}/services/jobs/actions/cancel`), 'METHOD_NOT_SUPPORTED');
    assert.strictEqual(await type('GET', `/api/${v}/auth`), 'METHOD_NOT_SUPPORTED');
    assert.strictEqual(await type('GET', '/api/v99.1/services/jobs/monitors'), 'METHOD_NOT_SUPPORTED');
    assert.strictEqual(await type('GET', '/api/v20.3/services/jobs/monitors'), 'METHOD_NOT_SUPPORTED');
  });

  it('answers unknown paths with HTTP 200 when told to, as the docs say of every answer', async () => {
    const { startSimulator } = await import('../../simulator');
    const sim = await startSimulator({ jobs: 1, malformedUrlHttpStatus: 200 });
    try {
      const answer = await call(sim, 'GET', `/api/${v}/services/jobs`, { auth: sim.createSession() });
      assert.deepStrictEqual([answer.status, answer.json.errors[0].type], [200, 'MALFORMED_URL']);
    } finally {
      await sim.close();
    }
  });
});
