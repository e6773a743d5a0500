import * as assert from 'assert';
import { acceptedArguments, isIdArray, isNonEmptyString, isPlainObject, isSpanArray, plainObjectOf } from '../../src/core/commandArgs';

class TreeNode { readonly kind = 'job'; readonly job = { job_id: 1 }; }
class UriLike { readonly scheme = 'file'; readonly path = '/a.csv'; }

/** What VS Code and callers hand commands: nothing, tree items, URIs, strings, numbers, arrays, objects. */
const foreign: unknown[] = [undefined, null, 0, 42, '', 'text', true, [], [new TreeNode()], new TreeNode(), new UriLike(), () => 1, Symbol('s')];

describe('command arguments (src/core/commandArgs.ts)', () => {
  it('takes only object literals for option objects: not tree items, URIs or arrays', () => {
    assert.ok(isPlainObject({}) && isPlainObject(Object.create(null)) && isPlainObject(JSON.parse('{"a":1}')));
    for (const value of foreign) assert.strictEqual(isPlainObject(value), false, String(value));
  });

  it('checks each listed field of an option object and ignores the others', () => {
    const isFilter = plainObjectOf<{ statuses?: string[]; text?: string; force?: boolean }>({ statuses: 'string[]', text: 'string', force: 'boolean' });
    assert.ok(isFilter({ statuses: ['QUEUED'], text: 'x', other: 1 }));
    assert.ok(isFilter({}));
    assert.strictEqual(isFilter({ statuses: 'QUEUED' }), false);
    assert.strictEqual(isFilter({ statuses: [1] }), false);
    assert.strictEqual(isFilter({ text: 5 }), false);
    assert.strictEqual(isFilter({ force: 'yes' }), false);
    for (const value of foreign) assert.strictEqual(isFilter(value), false, String(value));
  });

  it('takes job ID lists of positive safe integers only', () => {
    assert.ok(isIdArray([1, 2, 3]) && isIdArray([]));
    for (const bad of [[0], [-1], [1.5], ['1'], [Number.MAX_SAFE_INTEGER + 1], [NaN], 'abc', { length: 1, 0: 1 }]) assert.strictEqual(isIdArray(bad), false, JSON.stringify(bad));
  });

  it('takes text spans only when start ≤ end, both whole and not negative', () => {
    assert.ok(isSpanArray([{ start: 0, end: 0 }, { start: 3, end: 9 }]));
    for (const bad of [[{ start: 5, end: 2 }], [{ start: -1, end: 2 }], [{ start: 0 }], [{ start: 0.5, end: 1 }], [new TreeNode()], [null]]) {
      assert.strictEqual(isSpanArray(bad), false, JSON.stringify(bad));
    }
  });

  it('turns every argument its guard refuses into undefined, position by position, and drops extra ones', () => {
    const node = new TreeNode();
    assert.deepStrictEqual(acceptedArguments([isNonEmptyString, isIdArray], [node, [4, 5], 'extra']), [undefined, [4, 5]]);
    assert.deepStrictEqual(acceptedArguments([isNonEmptyString], ['QMS']), ['QMS']);
    assert.deepStrictEqual(acceptedArguments([isNonEmptyString], ['  ']), [undefined]);
    assert.deepStrictEqual(acceptedArguments([], [node, new UriLike()]), []);
  });
});
