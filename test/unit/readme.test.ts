import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; scope?: string; restricted?: boolean }> } };
};

describe('README', () => {
  it('documents every setting with the default package.json declares, and no other', () => {
    const documented = new Map([...readme.matchAll(/^\| `(vaultJobs\.\w+)` \| `([^`]*)` \|/gm)].map(([, key, value]) => [key, value]));
    const declared = new Map(Object.entries(manifest.contributes.configuration.properties).map(([key, { default: value }]) => [key, JSON.stringify(value)]));
    assert.deepStrictEqual([...documented.keys()].sort(), [...declared.keys()].sort());
    for (const [key, value] of declared) assert.strictEqual(documented.get(key), value, `default of ${key}`);
  });

  it('says for every setting where it may be set, as its scope in package.json decides', () => {
    const documented = new Map([...readme.matchAll(/^\| `(vaultJobs\.\w+)` \| `[^`]*` \| ([^|]+) \|/gm)].map(([, key, where]) => [key, where.trim()]));
    const whereOf = ({ scope, restricted }: { scope?: string; restricted?: boolean }) =>
      scope === 'application' ? 'user only' : restricted ? 'user; workspace when trusted' : 'user or workspace';
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) assert.strictEqual(documented.get(key), whereOf(property), key);
  });

  it('starts with the two-line quick start', () => {
    assert.match(readme, /## Quick start\n\n```\nnpm install && npm start\nnpm test\n```/);
  });

  it('shows screenshots that exist', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(([, file]) => file);
    assert.ok(images.length >= 3);
    for (const image of images) assert.ok(fs.existsSync(path.join(root, image)), image);
  });
});
