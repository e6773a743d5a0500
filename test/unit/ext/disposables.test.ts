import * as assert from 'assert';
import { DisposableStore } from '../../../src/ext/disposables';

describe('DisposableStore', () => {
  const recorder = () => {
    const disposed: string[] = [];
    return { disposed, item: (name: string) => ({ dispose: () => void disposed.push(name) }) };
  };

  it('disposes what it holds once, in reverse order of adding', () => {
    const { disposed, item } = recorder();
    const store = new DisposableStore();
    const emitter = store.add(item('emitter'));
    store.add(item('listener'));
    assert.strictEqual(typeof emitter.dispose, 'function', 'add returns the item');
    store.dispose();
    store.dispose();
    assert.deepStrictEqual(disposed, ['listener', 'emitter']);
  });

  it('disposes at once what is added after it was disposed, so nothing outlives its owner', () => {
    const { disposed, item } = recorder();
    const store = new DisposableStore();
    store.dispose();
    store.add(item('late'));
    assert.deepStrictEqual(disposed, ['late']);
  });
});
