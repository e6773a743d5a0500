import * as assert from 'assert';
import { runPool } from '../../../src/core/cancel/pool';

/** A promise the test settles by hand, to hold work in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runPool: bounded concurrency shared by the cancel engine and the status checks', () => {
  it('runs every item once, in order of start, never more than `concurrency` at once', async () => {
    const gates = Array.from({ length: 7 }, deferred);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const run = runPool([0, 1, 2, 3, 4, 5, 6], 3, async (item) => {
      started.push(item);
      most = Math.max(most, ++inFlight);
      await gates[item].promise;
      inFlight--;
    });
    await tick();
    assert.deepStrictEqual(started, [0, 1, 2], 'three at once');
    gates[1].resolve();
    await tick();
    assert.deepStrictEqual(started, [0, 1, 2, 3], 'a finished slot takes the next item');
    for (const gate of gates) gate.resolve();
    await run;
    assert.deepStrictEqual(started, [0, 1, 2, 3, 4, 5, 6]);
    assert.strictEqual(most, 3);
  });

  it('starts no worker for no items, and no more workers than items', async () => {
    let calls = 0;
    await runPool([], 4, () => { calls++; return Promise.resolve(); });
    assert.strictEqual(calls, 0);
    await runPool(['only'], 4, () => { calls++; return Promise.resolve(); });
    assert.strictEqual(calls, 1);
  });

  it('rejects with the first failure and starts nothing new on that worker', async () => {
    const started: number[] = [];
    await assert.rejects(runPool([0, 1, 2, 3], 1, (item) => {
      started.push(item);
      return item === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
    }), /boom/);
    assert.deepStrictEqual(started, [0, 1]);
  });
});
