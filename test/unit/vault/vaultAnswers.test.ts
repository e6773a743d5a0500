// Which answers are Vault's: a body with responseStatus is, whatever the HTTP status (a live Vault
// answers an unknown path with HTTP 404 and MALFORMED_URL); only an answer without one is of unknown fate.
import * as assert from 'assert';
import { VaultError, type JobPage } from '../../../src/core/vault';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { signedInClient } from '../helpers/capture';

const pageLinkingTo = (link: string): JobPage => ({ kind: 'monitors', jobs: [], total: 1, offset: 0, limit: 1, nextPage: link });

describe('VaultClient: Vault answers with another HTTP status than 200', () => {
  let sim: VaultSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ jobs: 5 });
  });
  afterEach(() => sim.close());

  it('takes HTTP 404 with a Vault body as Vault\'s answer: typed, final, not retried, one full stop', async () => {
    const { client } = await signedInClient(sim, { retries: 2, backoffBaseMs: 1 });
    sim.clearRequestLog();
    const error = await client.nextPage(pageLinkingTo('/api/v26.1/services/jobs')).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof VaultError);
    assert.deepStrictEqual([error.kind, error.httpStatus, error.errorType, error.responseStatus, error.transient], ['vault', 404, 'MALFORMED_URL', 'FAILURE', false]);
    assert.strictEqual(error.message, 'The job monitors page failed (HTTP 404): MALFORMED_URL: The specified resource cannot be found.');
    assert.strictEqual(sim.requestLog.length, 1, 'a Vault FAILURE is not retried');
  });

  it('still treats an error page without a Vault body as an answer of unknown fate', async () => {
    const { client } = await signedInClient(sim, { retries: 0 });
    sim.faults.set({ kind: 'proxy502', times: 1 });
    const error = await client.keepAlive().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof VaultError);
    assert.deepStrictEqual([error.kind, error.httpStatus, error.transient], ['http', 502, true]);
    assert.strictEqual(error.message, 'The keep-alive failed with HTTP 502 and no Vault answer (an HTML page titled "502 Bad Gateway").');
  });
});
