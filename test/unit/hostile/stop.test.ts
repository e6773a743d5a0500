// Stop means stop: whatever the server does, a stopped run ends within the engine's grace (1.5 s by
// default) plus a little, in every phase. Each test's mocha timeout is the hang detector; outcomes
// stay sound (one per ID, nothing reported cancelled that the server did not cancel).
import * as assert from 'assert';
import { cancelJobs, describeOutcome, type CancelRunOptions } from '../../../src/core/cancel';
import { drip, hostileClient, silence, startHostile, vaultJson, type Behaviour, type HostileServer } from './server';
import { answerCancelled, assertSound, cancelPath, statusPath, vaultFailure } from './vaultLike';

const ids = [2_000_001, 2_000_002, 2_000_003];
/** A stopped run ends within the 1.5 s grace; the rest is slack for a loaded machine. */
const hangDetectorMs = 4_000;
const slow = { timeoutMs: 60_000, deadlineMs: 120_000 };

describe('hostile servers: Stop ends a run in every phase', () => {
  let server: HostileServer;
  let stop: AbortController;
  const cancelled = new Set<number>();
  /** A behaviour that triggers the stop as its request arrives, then behaves as `then`. */
  const stopOnArrival = (then: Behaviour): Behaviour => (request, res, srv) => {
    stop.abort();
    then(request, res, srv);
  };
  const run = (options: CancelRunOptions = {}, clientOptions = {}) =>
    cancelJobs(hostileClient(server, { ...slow, ...clientOptions }).client, ids, { random: () => 0.5, ...options, signal: stop.signal });

  beforeEach(async function () {
    this.timeout(hangDetectorMs);
    server = await startHostile();
    stop = new AbortController();
    cancelled.clear();
  });
  afterEach(() => server.close());

  it('while a cancel request awaits an answer that never comes: its IDs end as unknown', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, stopOnArrival(silence));
    server.route('GET', statusPath, silence);
    const result = await run();
    assertSound(result, ids, cancelled);
    assert.strictEqual(result.stopped, true);
    for (const outcome of result.outcomes.values()) assert.match(describeOutcome(outcome), /^Unknown: sent, but whether Vault cancelled it is not known: The cancel of 3 job\(s\) was stopped before its answer arrived; its status could not be checked/);
  });

  it('while an answer drips in', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, stopOnArrival(drip(200)));
    const result = await run();
    assertSound(result, ids, cancelled);
    assert.ok([...result.outcomes.values()].every((o) => o.kind === 'unknown'));
  });

  it('during verification of unclear answers', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, (_request, res) => vaultJson(res, { responseStatus: 'SUCCESS', data: [] }));
    server.route('GET', statusPath, stopOnArrival(silence));
    const result = await run();
    assertSound(result, ids, cancelled);
    for (const outcome of result.outcomes.values()) assert.match(describeOutcome(outcome), /^Unknown: .*Vault's answer had no item for it; its status could not be checked \(The status of job \d+ was stopped/);
  });

  it('during re-authentication, while the password prompt is left open', async function () {
    this.timeout(hangDetectorMs);
    let prompts = 0;
    server.route('POST', cancelPath, (_request, res) => vaultFailure(res, 'INVALID_SESSION_ID', 'Invalid or expired session ID.'));
    const neverAnswered = () => {
      prompts++;
      stop.abort();
      return new Promise<undefined>(() => {}); // ignores its signal, as a prompt the user walked away from would
    };
    const result = await run({}, { reauthenticate: neverAnswered });
    assertSound(result, ids, cancelled);
    assert.strictEqual(prompts, 1);
    for (const outcome of result.outcomes.values()) assert.deepStrictEqual(outcome, { kind: 'notSent', reason: 'the run was stopped before this ID was sent' });
  });

  it('during a backoff after an answer of unknown fate', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, stopOnArrival((_request, res) => vaultJson(res, '', 503)));
    server.route('GET', statusPath, silence);
    const result = await run({ backoffBaseMs: 30_000, backoffMaxMs: 60_000 });
    assertSound(result, ids, cancelled);
    assert.strictEqual(server.count(cancelPath), 1);
    assert.ok([...result.outcomes.values()].every((o) => o.kind === 'unknown'), 'unknown fate, and no status could be read in the grace');
  });

  it('during a Retry-After wait: a 429 changed nothing, so the IDs are not sent', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, (_request, res) => {
      vaultJson(res, '', 429, { 'Retry-After': '50' });
      setTimeout(() => stop.abort(), 50);
    });
    const result = await run();
    assertSound(result, ids, cancelled);
    for (const outcome of result.outcomes.values()) assert.strictEqual(outcome.kind, 'notSent');
  });

  it('during the follow-up of accepted cancels', async function () {
    this.timeout(hangDetectorMs);
    server.route('POST', cancelPath, (request, res) => answerCancelled(request, res, cancelled));
    server.route('GET', statusPath, stopOnArrival(silence));
    const result = await run({ followUp: true, followUpIntervalMs: 10, followUpTimeoutMs: 600_000 });
    assertSound(result, ids, cancelled);
    for (const outcome of result.outcomes.values()) assert.deepStrictEqual(outcome, { kind: 'accepted', state: 'CANCELLING', verified: false });
  });
});
