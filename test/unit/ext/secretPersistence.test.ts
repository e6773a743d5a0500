// Whether secrets outlive a window reload, found from a marker read back at the next start. Each start
// here is one call with the secret store as the next start finds it: the same store (a VS Code that
// keeps secrets) or an empty one (a browser-based VS Code that keeps them in the page's memory only);
// the note of the marker is a real file, as in the extension's global storage folder.
import * as assert from 'assert';
import * as fs from 'fs';
import type * as vscode from 'vscode';
import { checkSecretPersistence } from '../../../src/ext/session/secretPersistence';
import { tempDirectory } from '../runs/helpers';

/** The SecretStorage calls the check makes, over a map. */
function secretStore(values = new Map<string, string>()): vscode.SecretStorage & { values: Map<string, string> } {
  return {
    values,
    get: (key: string) => Promise.resolve(values.get(key)),
    store: (key: string, value: string) => Promise.resolve(void values.set(key, value)),
    delete: (key: string) => Promise.resolve(void values.delete(key)),
    onDidChange: () => ({ dispose() {} }),
  };
}

describe('checkSecretPersistence', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  it('knows nothing at the first start, and finds the secrets kept at the next one when the store kept its marker', async () => {
    const secrets = secretStore();
    assert.deepStrictEqual(await checkSecretPersistence(secrets, temp.dir), { persistence: 'unknown', firstLost: false });
    assert.strictEqual(secrets.values.size, 1, 'a marker written');
    assert.deepStrictEqual(await checkSecretPersistence(secrets, temp.dir), { persistence: 'kept', firstLost: false });
    assert.deepStrictEqual(await checkSecretPersistence(secrets, temp.dir), { persistence: 'kept', firstLost: false });
  });

  it('finds the secrets lost when the store comes back empty, says so the first time only, and checks again at each start', async () => {
    assert.strictEqual((await checkSecretPersistence(secretStore(), temp.dir)).persistence, 'unknown');
    assert.deepStrictEqual(await checkSecretPersistence(secretStore(), temp.dir), { persistence: 'lost', firstLost: true });
    const third = secretStore();
    assert.deepStrictEqual(await checkSecretPersistence(third, temp.dir), { persistence: 'lost', firstLost: false });
    assert.strictEqual(third.values.size, 1, 'the marker written again, for the next start to look for');
    // Later the secrets are kept (another VS Code on the same storage): the finding goes, and a loss after that is told again.
    assert.deepStrictEqual(await checkSecretPersistence(third, temp.dir), { persistence: 'kept', firstLost: false });
    assert.deepStrictEqual(await checkSecretPersistence(secretStore(), temp.dir), { persistence: 'lost', firstLost: true });
  });

  it('starts over when the note is unreadable, and creates its folder when missing', async () => {
    const folder = `${temp.dir}/global-storage`;
    const secrets = secretStore();
    assert.strictEqual((await checkSecretPersistence(secrets, folder)).persistence, 'unknown');
    fs.writeFileSync(`${folder}/secret-marker.json`, '{"marker":');
    assert.strictEqual((await checkSecretPersistence(secrets, folder)).persistence, 'unknown');
    assert.strictEqual((await checkSecretPersistence(secrets, folder)).persistence, 'kept');
  });
});
