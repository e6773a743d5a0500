// The recorded answers are only worth something while each says where it came from: every body is
// listed, parses, is a Vault body, names its source and origin, and hides the session IDs it held.
import * as assert from 'assert';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, loadManifest, recordedBody } from '../replayServer';

describe('recorded Vault answers (test/fixtures/vault-responses)', () => {
  const manifest = loadManifest();

  it('lists every body on disk exactly once, and nothing that is not there', () => {
    const onDisk = ['live', 'docs'].flatMap((dir) => readdirSync(path.join(fixturesDir, dir)).map((f) => `${dir}/${f}`)).sort();
    const listed = manifest.responses.map((r) => r.file);
    assert.deepStrictEqual([...listed].sort(), onDisk);
    assert.strictEqual(new Set(listed).size, listed.length);
    assert.ok(listed.length >= 20, `${listed.length} recorded answers`);
  });

  for (const recorded of manifest.responses) {
    it(`${recorded.file}: a Vault body with its source, origin, version and HTTP status`, () => {
      const body = JSON.parse(recordedBody(recorded.file).toString('utf8')) as Record<string, unknown>;
      assert.match(String(body.responseStatus), /^(SUCCESS|WARNING|FAILURE|EXCEPTION)$/);
      assert.ok(recorded.file.startsWith(`${recorded.origin}/`), 'live bodies under live/, docs bodies under docs/');
      const source = recorded.source;
      const repository = source.ref ? manifest.sources[source.ref]?.repository : undefined;
      assert.ok(source.url || (repository && (source.path || manifest.sources[source.ref ?? '']?.repository)), 'a repository and path, or a page URL');
      assert.ok(recorded.apiVersion && recorded.transcription);
      assert.ok(Number.isInteger(recorded.httpStatus) && recorded.httpStatus >= 200 && recorded.httpStatus < 600);
      if (typeof body.sessionId === 'string' && recorded.origin === 'live') {
        // Public but real: kept in shape, with all but what the source itself printed replaced.
        assert.match(body.sessionId, /^[0-9A-F]{20}0+$/);
        assert.ok(recorded.redacted?.includes('sessionId'));
      }
    });
  }

  it('holds the answers the client must handle: sign-in, session, lists, status, tasks, start, cancel and errors', () => {
    const requests = manifest.responses.map((r) => r.request).join('\n');
    for (const endpoint of ['/auth', '/keep-alive', 'DELETE /api/v25.2/session', '/objects/users/me', '/services/jobs/monitors', '/services/jobs/histories', '/services/jobs/1201', '/tasks', '/start_now/', '/actions/cancel']) {
      assert.ok(requests.includes(endpoint), endpoint);
    }
    const live = manifest.responses.filter((r) => r.origin === 'live');
    assert.ok(live.some((r) => r.httpStatus === 404), 'a live 404');
    assert.ok(live.length >= 8, `${live.length} live answers`);
  });
});
