import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string; when?: string }[]>;
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('package.json manifest', () => {
  it('pins @types/vscode to the minor of engines.vscode', () => {
    const engineMinor = /(\d+\.\d+)/.exec(manifest.engines.vscode)?.[1];
    const typesMinor = /(\d+\.\d+)/.exec(manifest.devDependencies['@types/vscode'])?.[1];
    assert.ok(engineMinor);
    assert.strictEqual(typesMinor, engineMinor);
  });

  it('names every command vaultJobs.<verb><Noun> in the Vault category', () => {
    for (const { command, category } of manifest.contributes.commands) {
      assert.match(command, /^vaultJobs\.[a-z]+[A-Z]\w*$/, command);
      assert.strictEqual(category, 'Vault', command);
    }
  });

  it('activates lazily (never on startup)', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), events.join(','));
  });

  it('ships the icons it references', () => {
    for (const file of ['media/icon.png', 'media/vault-jobs.svg']) {
      assert.ok(fs.existsSync(path.join(root, file)), file);
    }
  });
});
