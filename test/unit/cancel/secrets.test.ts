// No secret in any log line or error message: a whole session (sign-in, re-authentication, cancel
// with faults, failures) is captured and scanned for every session ID, token and password it used.
import * as assert from 'assert';
import { cancelJobs, describeOutcome } from '../../../src/core/cancel';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { captureLog, simClient } from '../helpers/capture';

describe('secrets stay out of logs and errors', () => {
  let sim: VaultSimulator;
  afterEach(() => sim.close());

  it('never shows a session ID, token or password', async () => {
    sim = await startSimulator({ statusCallIntervalMs: 20, password: 'S3cret-Passw0rd!' });
    const capture = captureLog();
    const texts: string[] = [];
    const record = (error: unknown) => texts.push(String(error), (error as Error).message, (error as Error).stack ?? '');
    const secrets = [sim.password, 'Wr0ng-Passw0rd!'];

    const { client } = simClient(sim, { timeoutMs: 300, backoffBaseMs: 5, reauthenticate: async (signal) => {
      const session = await client.signIn(sim.username, sim.password, signal);
      secrets.push(session.sessionId);
      return session;
    } }, capture);
    await client.signIn(sim.username, 'Wr0ng-Passw0rd!').catch(record);
    const session = await client.signIn(sim.username, sim.password);
    secrets.push(session.sessionId);

    const token = sim.addApiAccessToken();
    secrets.push(token);
    const other = simClient(sim, {}, capture).client;
    await other.useSession(token);
    await other.useSession(`${token}-revoked`).catch(record);
    secrets.push(`${token}-revoked`);

    const ids = sim.jobs.addMany(40, { status: 'QUEUED' }).map((j) => j.job_id);
    sim.faults.set({ kind: 'dropAfterApply', path: /actions\/cancel/, times: 1 });
    sim.faults.set({ kind: 'nonJson', path: /actions\/cancel/, times: 1, body: `<html>Authorization: ${session.sessionId}</html>` });
    sim.faults.set({ kind: 'expireSessionAfterCalls', calls: 1, path: /actions\/cancel/, times: 1 });
    const result = await cancelJobs(client, ids, { batchSize: 10, concurrency: 2, backoffBaseMs: 5, logger: capture.logger, followUp: true, followUpIntervalMs: 30, followUpTimeoutMs: 500 });
    texts.push(...[...result.outcomes.values()].flatMap((o) => [describeOutcome(o), JSON.stringify(o)]));

    sim.expireAllSessions();
    const dead = simClient(sim, {}, capture).client;
    await dead.useSession(session.sessionId).catch(record);
    await client.signOut();

    const everything = [...capture.lines, ...texts].join('\n');
    assert.ok(capture.lines.length > 20, `captured ${capture.lines.length} log lines`);
    assert.ok(texts.length >= 40, 'captured the error messages and outcomes');
    assert.ok(secrets.length >= 5);
    for (const secret of secrets) assert.ok(!everything.includes(secret), `a secret (${secret.length} characters) appears in the captured text`);
    assert.ok(everything.includes('Authorization: «redacted»'), 'the session echoed in a proxy page is shown redacted');
  });

  it('never changes a job ID for a password of digits, and catches a session ID echoed in another case, wrapped or in part', async () => {
    // Job IDs start at 1,000,000: the password is inside 1000012, 1010012… and must not be cut out of them.
    sim = await startSimulator({ jobs: 0, statusCallIntervalMs: 20, password: '000012' });
    const ids = sim.jobs.addMany(20, { status: 'QUEUED' }).map((j) => j.job_id);
    assert.ok(ids.includes(1_000_012));
    const capture = captureLog();
    const { client } = simClient(sim, {}, capture);
    const { sessionId } = await client.signIn(sim.username, sim.password);
    const wrapped = `${sessionId.slice(0, 9)}\r\n${sessionId.slice(9)}`;
    const echo = `password 000012; session ${sessionId.toLowerCase()} / ${wrapped} / ${sessionId.slice(0, 16)}… / …${sessionId.slice(-16)}`;
    sim.faults.set({ kind: 'batchFailure', path: /actions\/cancel/, times: 1, message: echo });
    const result = await cancelJobs(client, ids, { batchSize: 10, concurrency: 1, maxRetries: 0, logger: capture.logger });
    const outcomes = [...result.outcomes.entries()].map(([id, outcome]) => `job ${id}: ${describeOutcome(outcome)}`);
    const everything = [...capture.lines, ...outcomes].join('\n');
    assert.deepStrictEqual([...result.outcomes.keys()].sort(), [...ids].sort());
    for (const id of ids) assert.ok(everything.includes(`job ${id}`), `job ${id} is shown whole`);
    assert.match(everything, /password «redacted»; session «redacted» \/ «redacted» \/ «redacted»… \/ …«redacted»/, 'the echo reached the text, redacted');
    assert.doesNotMatch(everything, /\d«redacted»|«redacted»\d/, 'nothing redacted inside a number');
    for (const piece of [sessionId.toLowerCase(), sessionId.slice(0, 12), sessionId.slice(-12), sessionId.slice(9, 21)]) {
      assert.ok(!everything.toLowerCase().includes(piece.toLowerCase()), 'a piece of the session ID appears');
    }
  });
});
