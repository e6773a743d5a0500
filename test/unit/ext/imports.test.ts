// The layering the folders promise, checked on the sources: no import cycle between modules, and
// between the extension's feature folders only the dependency order session ← jobs ← runs ← cancel.
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
    const coreDir = path.join(srcDir, 'core');
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
});
