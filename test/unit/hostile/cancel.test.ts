// The cancel engine against hostile servers: each run ends (mocha's timeout is the hang detector),
// every ID gets one outcome, nothing is reported cancelled that the server did not cancel, and no ID
// is sent more than 1 + maxRetries times whatever the server answers.
import * as assert from 'assert';
import { cancelJobs, describeOutcome, type CancelRunOptions } from '../../../src/core/cancel';
import type { Clock } from '../../../src/core/clock';
import { FakeClock } from '../helpers/fakeClock';
import { closeMidBody, drip, flood, hostileClient, silence, startHostile, vaultJson, type HostileServer } from './server';
import { answerCancelled, answerStatus, assertSound, cancelPath, requestedIds, sendsPerId, statusPath, vaultFailure } from './vaultLike';

const ids = Array.from({ length: 10 }, (_, i) => 1_000_001 + i);
const fast: CancelRunOptions = { backoffBaseMs: 5, backoffMaxMs: 20, random: () => 0.5 };
/** Default maxRetries: an ID goes out at most 1 + 3 times. */
const mostSends = 4;

describe('hostile servers: the cancel engine', () => {
  let server: HostileServer;
  const cancelled = new Set<number>();
  beforeEach(async () => {
    server = await startHostile();
    cancelled.clear();
  });
  afterEach(() => server.close());

  describe('no usable answer', () => {
    const deadRoutes = [
      { name: 'accepts and never answers', behaviour: silence, client: { timeoutMs: 200 } },
      { name: 'drips a byte every 200 ms', behaviour: drip(200), client: { timeoutMs: 5_000, deadlineMs: 500 } },
    ];
    for (const { name, behaviour, client: limits } of deadRoutes) {
      it(`${name}: the cancel is sent a bounded number of times, verification stops at the first failure, every ID ends as unknown, never failed`, async function () {
        this.timeout(15_000);
        server.route('POST', cancelPath, behaviour);
        server.route('GET', statusPath, behaviour);
        const { client } = hostileClient(server, limits);
        const result = await cancelJobs(client, ids, fast);
        assertSound(result, ids, cancelled);
        assert.strictEqual(server.count(cancelPath), mostSends);
        assert.ok(server.count(statusPath) <= 4, `${server.count(statusPath)} status calls: one round of the status workers, no retries`);
        for (const outcome of result.outcomes.values()) {
          assert.strictEqual(outcome.kind, 'unknown');
          assert.match(describeOutcome(outcome), /^Unknown: sent, but whether Vault cancelled it is not known: .*its status could not be checked \(The status of job \d+ got no (complete )?answer within/);
        }
      });
    }

    it('close mid-body: the IDs the server did cancel are confirmed, the others resent within the budget, then failed', async function () {
      this.timeout(15_000);
      server.route('POST', cancelPath, (request, res) => {
        for (const id of requestedIds(request)) if (id % 2 === 0) cancelled.add(id); // it applied half before the cut
        closeMidBody(request, res, server);
      });
      server.route('GET', statusPath, (request, res) => answerStatus(request, res, (id) => (cancelled.has(id) ? 'CANCELLING' : 'QUEUED')));
      const { client } = hostileClient(server);
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      for (const id of ids) {
        const outcome = result.outcomes.get(id)!;
        if (id % 2 === 0) assert.deepStrictEqual(outcome, { kind: 'accepted', state: 'CANCELLING', verified: true });
        else assert.match(describeOutcome(outcome), /^Failed: .*Vault shows it QUEUED$/);
      }
      for (const [id, sends] of sendsPerId(server.requests)) assert.ok(sends <= mostSends, `job ${id} was sent ${sends} times`);
    });

    it('a flood of an answer: cut at the body cap, verified, nothing taken as cancelled', async function () {
      this.timeout(20_000);
      const sent = { bytes: 0 };
      server.route('POST', cancelPath, flood(400 * 1024 * 1024, sent));
      server.route('GET', statusPath, (request, res) => answerStatus(request, res, () => 'QUEUED'));
      const { client } = hostileClient(server, { maxResponseBytes: 256 * 1024 });
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.ok([...result.outcomes.values()].every((o) => o.kind === 'failed' && /exceeded 262144 bytes/.test(o.reason)));
      assert.ok(Math.max(...sendsPerId(server.requests).values()) <= mostSends);
      assert.ok(sent.bytes < 64 * 1024 * 1024 * mostSends, `the server got to send ${sent.bytes} bytes`);
    });

    it('a 5xx without a Vault body leaves the fate unknown, so Vault\'s job status decides', async function () {
      this.timeout(15_000);
      server.route('POST', cancelPath, (request, res) => {
        for (const id of requestedIds(request).slice(0, 3)) cancelled.add(id);
        vaultJson(res, '', 503);
      });
      server.route('GET', statusPath, (request, res) => answerStatus(request, res, (id) => (cancelled.has(id) ? 'CANCELLED' : 'RUNNING')));
      const { client } = hostileClient(server);
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.ok(server.count(statusPath) > 0, 'the unknown outcome was verified');
      assert.deepStrictEqual(ids.map((id) => result.outcomes.get(id)!.kind), [...Array<string>(3).fill('accepted'), ...Array<string>(7).fill('failed')]);
    });
  });

  describe('rate limiting', () => {
    /** Records the engine's waits without waiting. */
    const recordingClock = (): Clock & { waits: number[] } => {
      const clock = new FakeClock();
      const waits: number[] = [];
      return { waits, now: () => clock.now(), sleep: (ms, signal) => (waits.push(ms), clock.sleep(ms, signal)) };
    };

    it('honours a 429 Retry-After before sending again; a 429 is a refusal, so nothing needs verifying', async () => {
      let calls = 0;
      server.route('POST', cancelPath, (request, res) => (calls++ === 0 ? vaultJson(res, '', 429, { 'Retry-After': '3' }) : answerCancelled(request, res, cancelled)));
      const { client } = hostileClient(server);
      const clock = recordingClock();
      const result = await cancelJobs(client, ids, { ...fast, clock });
      assertSound(result, ids, cancelled);
      assert.deepStrictEqual(clock.waits, [3_000]);
      assert.strictEqual(server.count(cancelPath), 2);
      assert.strictEqual(server.count(statusPath), 0);
      for (const outcome of result.outcomes.values()) assert.deepStrictEqual(outcome, { kind: 'accepted', state: 'CANCELLING', verified: false });
    });

    const refusals = [
      { name: 'HTTP 429', answer: (res: Parameters<typeof vaultJson>[0]) => vaultJson(res, '', 429, { 'Retry-After': '1' }), reason: /HTTP 429/ },
      { name: 'API_LIMIT_EXCEEDED', answer: (res: Parameters<typeof vaultJson>[0]) => vaultFailure(res, 'API_LIMIT_EXCEEDED', 'You have exceeded the maximum number of API calls.'), reason: /API_LIMIT_EXCEEDED/ },
    ];
    for (const { name, answer, reason } of refusals) {
      it(`a lasting ${name} sends each batch exactly 1 + maxRetries times in all (the client does not repeat cancels), then fails its IDs`, async () => {
        server.route('POST', cancelPath, (_request, res) => answer(res));
        const { client } = hostileClient(server, { retries: 2 });
        const result = await cancelJobs(client, ids, { ...fast, clock: recordingClock() });
        assertSound(result, ids, cancelled);
        assert.strictEqual(server.count(cancelPath), mostSends);
        assert.strictEqual(server.count(statusPath), 0, 'a refusal changed nothing: no status check');
        for (const outcome of result.outcomes.values()) assert.ok(outcome.kind === 'failed' && reason.test(outcome.reason), describeOutcome(outcome));
      });
    }

    it('a Retry-After beyond the longest wait fails the IDs at once, saying how long the server asked for', async () => {
      server.route('POST', cancelPath, (_request, res) => vaultJson(res, '', 429, { 'Retry-After': '3600' }));
      const { client } = hostileClient(server);
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.strictEqual(server.count(cancelPath), 1);
      assert.match(describeOutcome(result.outcomes.get(ids[0])!), /HTTP 429: too many requests \(the server asks to wait 3600 s\)/);
    });
  });

  describe('every send counts against the budget of 1 + maxRetries', () => {
    it('a session good for one request, renewed each time: the sends after renewals count, so no ID goes out more than 4 times', async function () {
      this.timeout(15_000);
      const used = new Set<string>();
      server.route('POST', cancelPath, (request, res) => {
        const session = String(request.headers.authorization);
        if (used.has(session)) return vaultFailure(res, 'INVALID_SESSION_ID', 'Invalid or expired session ID.');
        used.add(session);
        vaultJson(res, '', 503); // fate unknown: the engine sends again
      });
      server.route('GET', statusPath, (request, res) => answerStatus(request, res, () => 'QUEUED'));
      let signIns = 0;
      const { client } = hostileClient(server, { reauthenticate: () => Promise.resolve({ sessionId: `N3W-S3SS10N-${++signIns}-fedcba9876543210fedcba98`, kind: 'session' as const }) });
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.ok(signIns >= 1, 'the session was renewed');
      for (const [id, sends] of sendsPerId(server.requests)) assert.ok(sends <= mostSends, `job ${id} was sent ${sends} times`);
      assert.strictEqual(server.count(cancelPath), mostSends);
      // Whichever send used up the budget, the unanswered ones leave the fate open, so Vault's status decides.
      for (const outcome of result.outcomes.values()) assert.match(describeOutcome(outcome), /^Failed: .*; Vault shows it QUEUED\b/);
    });

    it('an ID Vault answered is never sent again, even when its status disagrees with the answer', async () => {
      let calls = 0;
      server.route('POST', cancelPath, (request, res) => {
        if (++calls === 1) return vaultJson(res, '', 503);
        const items = requestedIds(request).map((id) => ({ responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: `Job [${id}] is not found in QUEUED or QUEUEING state` } }));
        vaultJson(res, { responseStatus: 'SUCCESS', data: items });
      });
      server.route('GET', statusPath, (request, res) => answerStatus(request, res, () => 'QUEUED'));
      const { client } = hostileClient(server);
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.strictEqual(server.count(cancelPath), 2, 'the unanswered request is sent again once, the answered one never');
      for (const outcome of result.outcomes.values()) assert.strictEqual(describeOutcome(outcome), `Not eligible for cancellation: ${(outcome as { message: string }).message} (INVALID_DATA)`);
    });
  });

  describe('a session that expires during verification', () => {
    const expiring = (fresh: string) => {
      server.route('POST', cancelPath, (request, res) => {
        for (const id of requestedIds(request)) cancelled.add(id);
        vaultJson(res, { responseStatus: 'SUCCESS', data: [] }); // no items: every ID needs a status check
      });
      server.route('GET', statusPath, (request, res) => {
        if (request.headers.authorization !== fresh) return vaultFailure(res, 'INVALID_SESSION_ID', 'Invalid or expired session ID.');
        answerStatus(request, res, () => 'CANCELLING');
      });
    };

    it('signs in again once and confirms each ID', async () => {
      const fresh = 'N3W-S3SS10N-fedcba9876543210fedcba9876543210';
      expiring(fresh);
      let signIns = 0;
      const { client } = hostileClient(server, { reauthenticate: () => (signIns++, Promise.resolve({ sessionId: fresh, kind: 'session' as const })) });
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.strictEqual(signIns, 1);
      for (const outcome of result.outcomes.values()) assert.deepStrictEqual(outcome, { kind: 'accepted', state: 'CANCELLING', verified: true });
    });

    it('when signing in again fails, the IDs stay unknown, unchecked, and the lookup stops', async () => {
      expiring('never');
      let signIns = 0;
      const { client } = hostileClient(server, { reauthenticate: () => (signIns++, Promise.resolve(undefined)) });
      const result = await cancelJobs(client, ids, fast);
      assertSound(result, ids, cancelled);
      assert.strictEqual(signIns, 1, "the user is asked once, not once per job");
      assert.ok(server.count(statusPath) <= 4, `${server.count(statusPath)} status calls: one round of the status workers`);
      assert.strictEqual(server.count(cancelPath), 1, "nothing is resent once the session is lost");
      for (const outcome of result.outcomes.values()) assert.match(describeOutcome(outcome), /^Unknown: .*its status could not be checked \(The Vault session expired/);
    });
  });
});
