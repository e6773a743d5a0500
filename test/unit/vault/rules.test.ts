// The client's pure rules: where it may connect, what it sends as identity, and how it reads answers.
import * as assert from 'assert';
import {
  VaultError, boundServerText, compareApiVersions, defaultClientId, formatVaultDate, parseApiVersion, parseErrorItems, resolveBaseUrl,
  serverTextLimit, validateClientId,
} from '../../../src/core/vault';
import { Redactor } from '../../../src/core/log';
import { checkPageUrl, parseCancelItems } from '../../../src/core/vault/jobsApi';
import { BurstLimiter, JobStatusThrottle, backoffDelay } from '../../../src/core/vault/rateLimiter';
import { FakeClock } from '../helpers/fakeClock';

const configError = (pattern: RegExp) => (error: unknown) => error instanceof VaultError && error.kind === 'config' && pattern.test(error.message);

describe('vault client rules', () => {
  describe('base URL', () => {
    it('uses https for a Vault DNS and http only for loopback', () => {
      assert.strictEqual(resolveBaseUrl('myvault.veevavault.com'), 'https://myvault.veevavault.com');
      assert.strictEqual(resolveBaseUrl(' https://MyVault.veevavault.com/ '), 'https://myvault.veevavault.com');
      assert.strictEqual(resolveBaseUrl('127.0.0.1:8787'), 'http://127.0.0.1:8787');
      assert.strictEqual(resolveBaseUrl('localhost:9'), 'http://localhost:9');
      assert.strictEqual(resolveBaseUrl('http://[::1]:9'), 'http://[::1]:9');
    });

    it('refuses http for other hosts, credentials, paths and other schemes', () => {
      assert.throws(() => resolveBaseUrl('http://myvault.veevavault.com'), configError(/Refusing http:\/\/ for myvault/));
      assert.throws(() => resolveBaseUrl('https://user:pw@myvault.veevavault.com'), configError(/credentials/));
      assert.throws(() => resolveBaseUrl('myvault.veevavault.com/ui/#t=1'), configError(/host name only/));
      assert.throws(() => resolveBaseUrl('ftp://myvault.veevavault.com'), configError(/scheme/));
      assert.throws(() => resolveBaseUrl('  '), configError(/No Vault DNS/));
      assert.throws(() => resolveBaseUrl('bad host name'), configError(/not a valid Vault DNS/));
    });
  });

  it('validates client IDs by Vault format rules; the default is valid', () => {
    assert.strictEqual(validateClientId(defaultClientId), defaultClientId);
    assert.strictEqual(validateClientId('a'.repeat(100)), 'a'.repeat(100));
    assert.throws(() => validateClientId('a'.repeat(101)), configError(/1 to 100/));
    assert.throws(() => validateClientId('my client'), configError(/Invalid client ID/));
    assert.throws(() => validateClientId(''), configError(/Invalid client ID/));
  });

  it('parses and orders API versions', () => {
    assert.ok(compareApiVersions(parseApiVersion('v25.3'), parseApiVersion('v25.2')) > 0);
    assert.ok(compareApiVersions(parseApiVersion('v26.1'), parseApiVersion('v25.3')) > 0);
    assert.throws(() => parseApiVersion('26.1'), configError(/not a Vault API version/));
  });

  it('formats dates exactly as Vault wants them', () => {
    assert.strictEqual(formatVaultDate(new Date('2026-03-02T09:12:40.123Z')), '2026-03-02T09:12:40Z');
  });

  it('accepts per-item errors as an object or an array', () => {
    assert.deepStrictEqual(parseErrorItems({ type: 'INVALID_DATA', message: 'm' }), [{ type: 'INVALID_DATA', message: 'm' }]);
    assert.deepStrictEqual(parseErrorItems([{ type: 'A', message: 'a' }, { type: 'B' }]), [{ type: 'A', message: 'a' }, { type: 'B', message: '' }]);
    assert.deepStrictEqual(parseErrorItems(undefined), []);
  });

  it('keeps the first five error items of a list, however long', () => {
    const items = parseErrorItems(Array.from({ length: 100_000 }, (_, i) => ({ type: `T${i}`, message: 'm' })));
    assert.deepStrictEqual(items.map((e) => e.type), ['T0', 'T1', 'T2', 'T3', 'T4']);
  });

  describe('server texts', () => {
    const session = 'S3SS10N-0123456789abcdef0123456789abcdef';
    const redactor = new Redactor();
    redactor.add(session);
    const redact = (text: string) => redactor.redact(text);

    it('are cut to the limit with an ellipsis, never inside a character outside the BMP', () => {
      assert.strictEqual(boundServerText('short', redact), 'short');
      assert.strictEqual(boundServerText('x'.repeat(2_000), redact), `${'x'.repeat(serverTextLimit)}…`);
      const emoji = `${'x'.repeat(serverTextLimit - 1)}😀tail`;
      assert.strictEqual(boundServerText(emoji, redact), `${'x'.repeat(serverTextLimit - 1)}…`);
    });

    it('are redacted before the cut, so a secret across the cut leaves none of itself', () => {
      for (let at = serverTextLimit - session.length; at <= serverTextLimit; at++) {
        const text = `${'x'.repeat(at)}${session}${'y'.repeat(10_000)}`;
        const shown = boundServerText(text, redact);
        assert.ok(!shown.includes(session.slice(0, 8)) && shown.length <= serverTextLimit + 1, `a session at ${at}: ${shown.slice(-60)}`);
      }
    });

    it('cost the same whatever their length: only a bounded window is redacted', () => {
      let redacted = 0;
      boundServerText('. '.repeat(4 * 1024 * 1024), (text) => ((redacted = text.length), text));
      assert.ok(redacted <= 64 * 1024, `${redacted} characters redacted`);
    });
  });

  it('matches cancel items by position and flags missing or inconsistent ones', () => {
    const items = parseCancelItems([1, 2, 3, 4], {
      responseStatus: 'SUCCESS',
      data: [
        { responseStatus: 'SUCCESS', data: { id: 1 } },
        { responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: 'Job [2] is not found in QUEUED or QUEUEING state' } },
        { responseStatus: 'SUCCESS', data: { id: 99 } },
      ],
    });
    assert.deepStrictEqual(items, [
      { jobId: 1, status: 'success' },
      { jobId: 2, status: 'failure', errors: [{ type: 'INVALID_DATA', message: 'Job [2] is not found in QUEUED or QUEUEING state' }] },
      { jobId: 3, status: 'mismatch', returnedId: 99 },
      { jobId: 4, status: 'missing' },
    ]);
  });

  it('follows only relative /api/ page links', () => {
    assert.strictEqual(checkPageUrl('/api/v26.1/services/jobs/monitors?limit=2&offset=2', (t) => t), '/api/v26.1/services/jobs/monitors?limit=2&offset=2');
    assert.throws(() => checkPageUrl('https://evil.example/api/v26.1/x', (t) => t), VaultError);
    assert.throws(() => checkPageUrl('//evil.example/api/x', (t) => t), VaultError);
  });

  describe('rate limits', () => {
    it('paces calls once the burst budget is down to the reserve', async () => {
      const clock = new FakeClock();
      const burst = new BurstLimiter(clock, 5, 100);
      burst.update({ 'x-vaultapi-burstlimit': '2000', 'x-vaultapi-burstlimitremaining': '6' });
      assert.strictEqual(burst.pacing, false);
      await burst.acquire();
      assert.strictEqual(clock.slept, 0);
      burst.update({ 'x-vaultapi-burstlimit': '2000', 'x-vaultapi-burstlimitremaining': '5' });
      assert.deepStrictEqual(burst.current, { burstLimit: 2000, burstRemaining: 5, responseDelayMs: undefined, updatedAt: clock.now() });
      await Promise.all([burst.acquire(), burst.acquire(), burst.acquire()]);
      assert.strictEqual(clock.slept, 100 + 200, 'three queued calls wait 0, 100 and 200 ms');
    });

    it('ignores answers without burst headers (a proxy page says nothing about Vault)', () => {
      const burst = new BurstLimiter(new FakeClock(), 5, 100);
      burst.update({ 'x-vaultapi-burstlimitremaining': '1' });
      burst.update({ 'content-type': 'text/html' });
      assert.strictEqual(burst.current.burstRemaining, 1);
    });

    it('keeps status calls for one job an interval apart from the previous answer, other jobs unaffected', async () => {
      const clock = new FakeClock();
      const throttle = new JobStatusThrottle(clock, 10_000);
      const releaseOne = await throttle.acquire(1);
      const releaseTwo = await throttle.acquire(2);
      assert.strictEqual(clock.slept, 0);
      const second = throttle.acquire(1); // waits for the first call's answer, then the interval
      releaseOne();
      releaseTwo();
      (await second)();
      assert.strictEqual(clock.slept, 10_000);
    });

    it('backs off exponentially with jitter, capped', () => {
      assert.strictEqual(backoffDelay(0, 100, 1000, () => 0), 50);
      assert.strictEqual(backoffDelay(2, 100, 1000, () => 0.999), 400);
      assert.strictEqual(backoffDelay(10, 100, 1000, () => 0), 500);
    });
  });
});
