import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { authenticationProviderId, commandIds, contextKeys, settingIds, viewIds } from '../../../src/ext/names';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { view: string; when: string }[];
    authentication: { id: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { steps: { completionEvents: string[] }[] }[];
  };
}

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('names shared with package.json (src/ext/names.ts)', () => {
  it('declares exactly the commands the manifest contributes', () => {
    assert.deepStrictEqual(Object.values(commandIds).sort(), contributes.commands.map((c) => c.command).sort());
  });

  it('names the views, their container and the authentication provider as the manifest does', () => {
    assert.deepStrictEqual(contributes.viewsContainers.activitybar.map((c) => c.id), [viewIds.container]);
    assert.deepStrictEqual(contributes.views[viewIds.container].map((v) => v.id), [viewIds.jobs, viewIds.results]);
    assert.deepStrictEqual(contributes.authentication.map((a) => a.id), [authenticationProviderId]);
    for (const welcome of contributes.viewsWelcome) assert.strictEqual(welcome.view, viewIds.jobs);
  });

  it('names only settings the manifest declares', () => {
    for (const setting of Object.values(settingIds)) assert.ok(setting in contributes.configuration.properties, setting);
  });

  it('declares every context key the manifest\'s when clauses read, and each one is read', () => {
    const clauses = [
      ...Object.values(contributes.menus).flat().map((m) => m.when ?? ''),
      ...contributes.viewsWelcome.map((w) => w.when),
      ...contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => s.completionEvents)).filter((e) => e.startsWith('onContext:')),
    ];
    const viewNames = new Set<string>(Object.values(viewIds));
    const read = new Set(clauses.flatMap((clause) => [...clause.matchAll(/vaultJobs\.\w+/g)].map(([key]) => key)).filter((key) => !viewNames.has(key)));
    assert.deepStrictEqual([...read].sort(), Object.values(contextKeys).sort());
  });

  it('is the only place in src/ext that spells a vaultJobs.* name', () => {
    const spelled = sourceFiles(path.join(root, 'src', 'ext'))
      .filter((file) => path.basename(file) !== 'names.ts')
      .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/['"`]vaultJobs\.\w+/g)].map(([text]) => `${path.relative(root, file)}: ${text}`));
    assert.deepStrictEqual(spelled, []);
  });
});
