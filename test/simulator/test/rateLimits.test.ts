import * as assert from 'assert';
import { call, login, useSimulator, v } from './helpers';

describe('simulator: burst limit', () => {
  const ctx = useSimulator({ jobs: 0, burstLimit: 3, burstWindowMs: 10_000, burstDelayMs: 40 }, true);
  const me = () => call(ctx.sim, 'GET', `/api/${v}/objects/users/me`, { auth: ctx.session });

  it('counts down the calls left in the window, then delays answers and says so', async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await me();
      assert.strictEqual(answer.headers.get('x-vaultapi-burstlimit'), '3');
      assert.strictEqual(answer.headers.get('x-vaultapi-responsedelay'), null);
      remaining.push(answer.headers.get('x-vaultapi-burstlimitremaining'));
    }
    assert.deepStrictEqual(remaining, ['2', '1', '0']);
    const started = Date.now();
    const throttled = await me();
    assert.ok(Date.now() - started >= 35, 'the answer was held back');
    assert.strictEqual(throttled.json.responseStatus, 'SUCCESS', 'Vault delays calls over the limit, it does not refuse them');
    assert.strictEqual(throttled.headers.get('x-vaultapi-responsedelay'), '40');
    assert.strictEqual(throttled.headers.get('x-vaultapi-burstlimitremaining'), '0');
  });

  it('starts afresh in the next fixed window', async () => {
    for (let i = 0; i < 4; i++) await me();
    ctx.clock.advance(10_000);
    const answer = await me();
    assert.strictEqual(answer.headers.get('x-vaultapi-burstlimitremaining'), '2');
    assert.strictEqual(answer.headers.get('x-vaultapi-responsedelay'), null);
  });
});

describe('simulator: auth limit', () => {
  const ctx = useSimulator({ jobs: 0, authLimitPerMinute: 3 }, true);

  it('fails logins past the per-minute limit for one user name and DNS, until the next minute', async () => {
    const { sim, clock } = ctx;
    const good = { username: sim.username, password: sim.password, vaultDNS: sim.dns };
    await login(sim, { ...good, password: 'wrong' });
    assert.strictEqual((await login(sim, good)).json.responseStatus, 'SUCCESS');
    assert.strictEqual((await login(sim, good)).json.responseStatus, 'SUCCESS');
    const limited = await login(sim, good);
    assert.strictEqual(limited.json.responseStatus, 'FAILURE');
    assert.strictEqual(limited.json.errors[0].type, 'API_LIMIT_EXCEEDED');
    assert.strictEqual(limited.json.errorType, 'AUTHENTICATION_FAILED');
    // The limit is keyed on user name and DNS.
    assert.strictEqual((await login(sim, { ...good, vaultDNS: 'other.veevavault.com' })).json.responseStatus, 'SUCCESS');
    assert.strictEqual((await login(sim, { ...good, username: 'someone@else.com' })).json.errors[0].type, 'USERNAME_OR_PASSWORD_INCORRECT');
    clock.advance(60_000);
    assert.strictEqual((await login(sim, good)).json.responseStatus, 'SUCCESS');
  });
});
