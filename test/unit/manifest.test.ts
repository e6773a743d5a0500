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
    configuration: { properties: Record<string, { scope?: string; restricted?: boolean; description?: string; markdownDescription?: string }> };
    languages?: { id: string; extensions?: string[] }[];
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

  it('activates on the first CSV, TSV or JSON file, so the light bulb is there on the first job ID', () => {
    const events = manifest.activationEvents ?? [];
    for (const language of ['csv', 'tsv', 'json']) assert.ok(events.includes(`onLanguage:${language}`), language);
    // Not on JSONC: VS Code opens JSONC documents of its own as a window starts, so that event would
    // start the extension with the window (in about half the fresh windows of the test host).
    assert.ok(!events.includes('onLanguage:jsonc'));
    // Without a TSV extension VS Code opens a .tsv file as plain text, which starts nothing: the
    // manifest names the language, so the file is TSV and starts the extension.
    const tsv = manifest.contributes.languages?.find((language) => language.id === 'tsv');
    assert.ok(tsv?.extensions?.includes('.tsv'));
  });

  it('shows in the palette only commands that can work there: each one gated by a when clause, or on the allow-list', () => {
    /** Commands that work in any state, each asking for what it lacks. */
    const alwaysUseful = new Map([
      ['vaultJobs.showOutput', 'the log is there whether signed in or not'],
      ['vaultJobs.selectVault', 'offers the configured Vaults, or to add one'],
      ['vaultJobs.addVault', 'adding a Vault is the way in'],
      ['vaultJobs.cancelJobs', 'takes the selection or asks for IDs, and asks to sign in when needed'],
      ['vaultJobs.cancelJobsMatching', 'asks for the criteria, and to sign in when needed'],
      ['vaultJobs.showCancelRuns', 'the records of past runs are there whether signed in or not'],
    ]);
    const gated = new Map((manifest.contributes.menus?.commandPalette ?? []).map(({ command, when }) => [command, when]));
    const ungated = manifest.contributes.commands.map(({ command }) => command)
      .filter((command) => !gated.get(command) && !alwaysUseful.has(command));
    assert.deepStrictEqual(ungated, [], 'palette commands without a when clause and not on the allow-list');
    assert.deepStrictEqual([...alwaysUseful.keys()].filter((command) => gated.has(command)), [], 'gated commands still on the allow-list');
    assert.ok(alwaysUseful.size <= 6, 'the allow-list stays short');
    // The gates that keep commands out of states where they cannot work.
    assert.strictEqual(gated.get('vaultJobs.signOut'), 'vaultJobs.state == signedIn');
    assert.strictEqual(gated.get('vaultJobs.refreshJobs'), 'vaultJobs.state == signedIn');
    assert.strictEqual(gated.get('vaultJobs.filterJobs'), 'vaultJobs.state == signedIn');
    assert.strictEqual(gated.get('vaultJobs.clearResults'), 'vaultJobs.hasResults');
  });

  it('offers Cancel Selected Job IDs in exactly the languages the extension reads, in the palette and the editor menu', () => {
    const clauses = [
      manifest.contributes.menus?.commandPalette?.find((m) => m.command === 'vaultJobs.cancelSelectedIds')?.when,
      manifest.contributes.menus?.['editor/context']?.find((m) => m.command === 'vaultJobs.cancelSelectedIds')?.when,
    ];
    for (const when of clauses) {
      assert.ok(when);
      const languagePattern = /editorLangId =~ \/(.+?)\/ \|\|/.exec(when)?.[1];
      const extensionPattern = /resourceExtname =~ \/(.+?)\/i$/.exec(when)?.[1];
      assert.ok(languagePattern && extensionPattern, when);
      // One or-ed clause of the two: a selection alone, in any language, does not show it.
      assert.strictEqual(when, `editorLangId =~ /${languagePattern}/ || resourceExtname =~ /${extensionPattern}/i`);
      const language = new RegExp(languagePattern);
      for (const read of ['csv', 'tsv', 'json', 'jsonc', 'plaintext']) assert.ok(language.test(read), read);
      for (const other of ['jsonl', 'jsonnet', 'csvx', 'typescript', 'markdown', 'xjson']) assert.ok(!language.test(other), other);
      const extension = new RegExp(extensionPattern, 'i');
      assert.ok(extension.test('.csv') && extension.test('.TSV') && !extension.test('.csvx') && !extension.test('.json'));
    }
  });

  it('scopes every setting: hosts and credentials restricted in untrusted workspaces, the client ID the user\'s alone', () => {
    const { properties } = manifest.contributes.configuration;
    for (const [key, { scope }] of Object.entries(properties)) assert.ok(scope === 'window' || scope === 'application', `${key}: ${scope}`);
    assert.deepStrictEqual(Object.entries(properties).filter(([, p]) => p.restricted).map(([key]) => key).sort(),
      ['vaultJobs.activeVault', 'vaultJobs.clientId', 'vaultJobs.vaults']);
    assert.strictEqual(properties['vaultJobs.clientId'].scope, 'application');
  });

  it('links every setting a description names (#vaultJobs.…#), and says autoRefreshSeconds needs autoRefresh', () => {
    const { properties } = manifest.contributes.configuration;
    for (const [key, { description, markdownDescription }] of Object.entries(properties)) {
      assert.ok(!/vaultJobs\.\w/.test(description ?? ''), `${key}: a plain description names a setting`);
      const named = [...(markdownDescription ?? '').matchAll(/vaultJobs\.\w+/g)].map(([name]) => name);
      const linked = [...(markdownDescription ?? '').matchAll(/#(vaultJobs\.\w+)#/g)].map(([, name]) => name);
      assert.deepStrictEqual(named, linked, `${key}: every setting named is linked`);
      for (const name of linked) assert.ok(name in properties, `${key} links ${name}`);
    }
    assert.match(properties['vaultJobs.autoRefreshSeconds'].markdownDescription ?? '', /#vaultJobs\.autoRefresh#/);
    assert.match(properties['vaultJobs.concurrency'].markdownDescription ?? '', /#vaultJobs\.batchSize#/);
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

  it('packages only what users need: the bundle, manifest and its strings, the l10n bundle, icons (gutter icons of results too), walkthrough pages and docs', function () {
    this.timeout(30000);
    const listed = execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter(Boolean).sort();
    const resultIcons = ['accepted', 'failed', 'invalid', 'notEligible', 'notSent', 'unknown'].flatMap((kind) => [`media/results/${kind}-dark.svg`, `media/results/${kind}-light.svg`]);
    assert.deepStrictEqual(listed.filter((file) => !file.startsWith('media/walkthrough/')), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'l10n/bundle.l10n.json', 'media/icon.png', ...resultIcons, 'media/vault-jobs.svg', 'package.json',
      'package.nls.json',
    ]);
  });
});
