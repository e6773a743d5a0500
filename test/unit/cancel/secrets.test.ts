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
});
