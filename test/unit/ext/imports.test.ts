// The layering the folders promise, checked on the sources: no import cycle between modules; between
// the extension's feature folders only the dependency order session ← jobs ← runs ← cancel; each core
// package entered only through its index.ts, and no cycle between core packages. A file directly in
// src/core (log.ts, clock.ts, settings.ts…) is a package of one module: the module is its front door.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
const srcDir = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports (type-only ones too: they tie the modules together just as much), resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map(([, spec]) => {
    const base = path.resolve(path.dirname(file), spec);
    const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    assert.ok(found, `${path.relative(root, file)} imports ${spec}, which does not exist`);
    return found;
  });
}

const graph = new Map(sourceFiles(srcDir).map((file) => [file, importsOf(file)]));
const coreDir = path.join(srcDir, 'core');

/** The core package a file belongs to: its folder under src/core, or the file itself when it sits directly in src/core. */
function corePackageOf(file: string): string | undefined {
  const [first, ...rest] = path.relative(coreDir, file).split(path.sep);
  if (first.startsWith('..') || path.isAbsolute(first)) return undefined;
  return rest.length ? first : first.replace(/\.ts$/, '');
}

/** The file another package must import to reach `pkg`: its index.ts, or the one-module package itself. */
function frontDoorOf(pkg: string): string {
  const folder = path.join(coreDir, pkg);
  return fs.existsSync(folder) ? path.join(folder, 'index.ts') : `${folder}.ts`;
}

/** One cycle in `edges` as a list of nodes, or undefined. */
function findCycle(edges: Map<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import structure of src', () => {
  it('reads the imports (the checks below have something to check)', () => {
    assert.ok(graph.size > 40);
    assert.ok([...graph.values()].flat().length > 100);
  });

  it('has no import cycle between modules', () => {
    const cycle = findCycle(graph);
    assert.strictEqual(cycle?.map((file) => path.relative(srcDir, file)).join(' → '), undefined);
  });

  it('keeps src/core free of src/ext', () => {
    const wrong = [...graph].filter(([file]) => file.startsWith(coreDir + path.sep))
      .flatMap(([file, imports]) => imports.filter((target) => !target.startsWith(coreDir + path.sep)).map((target) => `${path.relative(srcDir, file)} → ${path.relative(srcDir, target)}`));
    assert.deepStrictEqual(wrong, []);
  });

  it('lets feature folders depend on each other only as session ← jobs ← runs ← cancel', () => {
    const extDir = path.join(srcDir, 'ext');
    const featureOf = (file: string) => {
      const [first, ...rest] = path.relative(extDir, file).split(path.sep);
      return rest.length && !first.startsWith('..') ? first : undefined;
    };
    const allowed = new Map([['session', []], ['jobs', ['session']], ['runs', ['session', 'jobs']], ['cancel', ['session', 'jobs', 'runs']]]);
    const folders = new Set([...graph.keys()].map(featureOf).filter((f): f is string => f !== undefined));
    assert.deepStrictEqual([...folders].sort(), [...allowed.keys()].sort(), 'the feature folders');
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = featureOf(file);
      if (!from) continue;
      for (const target of imports) {
        const to = featureOf(target);
        if (to && to !== from && !allowed.get(from)?.includes(to)) wrong.push(`${path.relative(srcDir, file)} → ${path.relative(srcDir, target)}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('lets a feature reach another only through its index (the service it exports)', () => {
    const extDir = path.join(srcDir, 'ext');
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = path.relative(extDir, file).split(path.sep)[0];
      for (const target of imports) {
        const [to, ...rest] = path.relative(extDir, target).split(path.sep);
        if (rest.length && to !== from && !to.startsWith('..') && rest.join('/') !== 'index.ts') wrong.push(`${path.relative(srcDir, file)} → ${path.relative(srcDir, target)}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('gives every core package a front door, its index.ts', () => {
    const packages = fs.readdirSync(coreDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.ok(packages.length >= 5 && packages.includes('jobs'), packages.join(', '));
    assert.deepStrictEqual(packages.filter((pkg) => !fs.existsSync(path.join(coreDir, pkg, 'index.ts'))), []);
  });

  it('lets src/ext and the other core packages reach a core package only through its front door', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = corePackageOf(file);
      for (const target of imports) {
        const to = corePackageOf(target);
        if (to && to !== from && target !== frontDoorOf(to)) wrong.push(`${path.relative(srcDir, file)} → ${path.relative(srcDir, target)}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('has no import cycle between core packages', () => {
    const packageGraph = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = corePackageOf(file);
      if (!from) continue;
      const targets = packageGraph.get(from) ?? new Set<string>();
      packageGraph.set(from, targets);
      for (const target of imports) {
        const to = corePackageOf(target);
        if (to && to !== from) targets.add(to);
      }
    }
    assert.ok([...packageGraph.values()].filter((targets) => targets.size > 0).length >= 4, 'core packages use each other');
    const edges = new Map([...packageGraph].map(([pkg, targets]) => [pkg, [...targets]]));
    assert.strictEqual(findCycle(edges)?.join(' → '), undefined);
  });
});
