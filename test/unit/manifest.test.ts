import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string; when?: string }[]>;
    viewsWelcome?: { contents: string }[];
    walkthroughs?: { steps: { description: string; media: { markdown?: string } }[] }[];
  };
}

const root = path.resolve(__dirname, '../../..');
const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** The manifest as VS Code shows it in English: every "%key%" replaced by its package.nls.json string. */
const manifest = JSON.parse(manifestText, (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? nls[value.slice(1, -1)] ?? value : value) as Manifest;

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

  it('refers only to commands it contributes (or VS Code\'s own), and to walkthrough pages that exist', () => {
    const own = new Set(manifest.contributes.commands.map((c) => c.command));
    const builtIn = new Set(['vaultJobs.jobs.focus', 'workbench.action.openSettings']);
    const inMenus = Object.values(manifest.contributes.menus ?? {}).flat().map((m) => m.command);
    const linked = [...(manifest.contributes.viewsWelcome ?? []).map((w) => w.contents),
      ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((step) => step.description))]
      .flatMap((text) => [...text.matchAll(/\(command:([\w.]+)/g)].map(([, command]) => command));
    const unknown = [...inMenus, ...linked].filter((command) => !own.has(command) && !builtIn.has(command));
    assert.deepStrictEqual(unknown, []);
    assert.ok(linked.length >= 4);
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const { media } of walkthrough.steps) assert.ok(media.markdown && fs.existsSync(path.join(root, media.markdown)), media.markdown);
    }
  });

  it('takes its strings from package.nls.json: every %key% has a string there, and every string there is used', () => {
    const keys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map(([, key]) => key);
    assert.ok(keys.length > 40, `${keys.length} localised strings`);
    assert.deepStrictEqual(keys.filter((key) => !(key in nls)), [], 'keys without a string');
    assert.deepStrictEqual(Object.keys(nls).filter((key) => !keys.includes(key)), [], 'strings no key uses');
  });

  it('shows no user-facing text that bypasses package.nls.json', () => {
    const raw = JSON.parse(manifestText) as { displayName: string; description: string; contributes: Manifest['contributes'] };
    const texts = [raw.displayName, raw.description, ...raw.contributes.commands.flatMap((c) => [c.title, c.category ?? '']),
      ...(raw.contributes.viewsWelcome ?? []).map((w) => w.contents),
      ...(raw.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((step) => step.description))];
    assert.deepStrictEqual(texts.filter((text) => !/^%[^%]+%$/.test(text)), []);
  });

  it('packages only what users need: the bundle, manifest and its strings, the l10n bundle, icons, walkthrough pages and docs', function () {
    this.timeout(30000);
    const listed = execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter(Boolean).sort();
    assert.deepStrictEqual(listed.filter((file) => !file.startsWith('media/walkthrough/')), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'l10n/bundle.l10n.json', 'media/icon.png', 'media/vault-jobs.svg', 'package.json',
      'package.nls.json',
    ]);
  });
});
