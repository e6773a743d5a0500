import * as assert from 'assert';
import { redacted, startSimulator } from '..';
import { call, cancelJson, login, useSimulator, v } from './helpers';

describe('simulator: request log', () => {
  const ctx = useSimulator({ jobs: 10 }, true);

  it('records method, path with query, headers and body, in order, without secrets', async () => {
    const { sim, session, clock } = ctx;
    await login(sim, { username: sim.username, password: sim.password, vaultDNS: sim.dns });
    await call(sim, 'GET', `/api/${v}/services/jobs/monitors?limit=5`, { auth: session, headers: { 'X-VaultAPI-ClientID': 'acme-vault-jobs' } });
    await cancelJson(sim, `Bearer ${session}`, [1046892]);
    const log = sim.requestLog;
    assert.deepStrictEqual(log.map((r) => `${r.method} ${r.path}`), [
      `POST /api/${v}/auth`, `GET /api/${v}/services/jobs/monitors?limit=5`, `POST /api/${v}/services/jobs/actions/cancel`,
    ]);
    assert.ok(!JSON.stringify(log).includes(sim.password));
    assert.ok(!JSON.stringify(log).includes(session));
    assert.match(log[0].body, new RegExp(`password=${redacted}`));
    assert.match(log[0].body, /vaultDNS=127\.0\.0\.1/);
    assert.strictEqual(log[1].headers.authorization, redacted);
    assert.strictEqual(log[1].headers['x-vaultapi-clientid'], 'acme-vault-jobs');
    assert.strictEqual(log[1].auth, 'session');
    assert.strictEqual(log[2].headers.authorization, `Bearer ${redacted}`);
    assert.strictEqual(log[2].body, '[{"job_id":1046892}]');
    assert.strictEqual(log[2].responseStatus, 'SUCCESS');
    assert.strictEqual(log[2].time, clock.now());
  });

  it('tells which requests had no or a dead credential, and clears', async () => {
    const { sim } = ctx;
    await call(sim, 'GET', `/api/${v}/objects/users/me`);
    await call(sim, 'GET', `/api/${v}/objects/users/me`, { auth: 'dead' });
    assert.deepStrictEqual(sim.requestLog.map((r) => [r.auth, r.responseStatus]), [['none', 'FAILURE'], ['invalid', 'FAILURE']]);
    sim.clearRequestLog();
    assert.strictEqual(sim.requestLog.length, 0);
  });

  it('redacts the password of multipart logins too', async () => {
    const { sim } = ctx;
    const form = new FormData();
    form.set('username', sim.username);
    form.set('password', sim.password);
    await fetch(`${sim.url}/api/${v}/auth`, { method: 'POST', body: form });
    assert.ok(!sim.requestLog[0].body.includes(sim.password));
    assert.ok(sim.requestLog[0].body.includes(redacted));
  });

  it('keeps only the newest requests past its limit', async () => {
    const sim = await startSimulator({ jobs: 0, requestLogLimit: 2 });
    try {
      for (const path of ['/a', '/b', '/c']) await call(sim, 'GET', path);
      assert.deepStrictEqual(sim.requestLog.map((r) => r.path), ['/b', '/c']);
    } finally {
      await sim.close();
    }
  });
});
