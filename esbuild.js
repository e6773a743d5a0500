// Bundles the extension into one CommonJS file for VS Code's Node extension host.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuilds on change
//   node esbuild.js --vault-client-for-tests  the Vault client alone, bundled as in --production,
//                                 into out/bundle/vault-client.js (its unit tests run against it too)
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const vaultClientForTests = process.argv.includes('--vault-client-for-tests');

/** Prints build problems in the `file:line:col: error: text` form VS Code's problem matchers read. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
        console.error(`${where}error: ${text}`);
      }
      if (watch) console.log(`[watch] build finished, ${result.errors.length} error(s)`);
    });
  },
};

/**
 * axios' Node adapter imports `form-data` (multipart bodies, which pulls in mime-db: over a third of
 * the bundle) and `follow-redirects` (only used when maxRedirects is not 0). The client sends JSON and
 * URL-encoded bodies only and sets maxRedirects: 0, so neither is ever called: each is replaced by a
 * stand-in that fails loudly should a future change reach it, instead of shipping them unused (the
 * README's Benchmarks has the bundle's size).
 */
const unusedAxiosDependencies = {
  'form-data': `module.exports = class FormData {
  constructor() { throw new Error('multipart/form-data bodies are not supported: form-data is left out of the bundle (esbuild.js)'); }
};`,
  'follow-redirects': `const refuse = () => { throw new Error('following redirects is not supported: follow-redirects is left out of the bundle (esbuild.js); keep maxRedirects: 0'); };
module.exports = { http: { request: refuse, get: refuse }, https: { request: refuse, get: refuse } };`,
};
const leaveOutUnusedAxiosDependencies = {
  name: 'leave-out-unused-axios-dependencies',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(unusedAxiosDependencies).join('|')})$`);
    build.onResolve({ filter }, ({ path }) => ({ path, namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, ({ path }) => ({ contents: unusedAxiosDependencies[path], loader: 'js' }));
    // A guard: should another import path bring them (or mime-db) back, the build fails.
    build.onEnd((result) => {
      const inputs = Object.keys(result.metafile?.inputs ?? {});
      for (const name of ['form-data', 'follow-redirects', 'mime-db']) {
        const hit = inputs.find((input) => input.includes(`node_modules/${name}/`));
        if (hit) result.errors.push({ text: `${hit} is in the bundle; it should be left out (see esbuild.js)` });
      }
    });
  },
};

async function main() {
  const context = await esbuild.context({
    entryPoints: [vaultClientForTests ? 'src/core/vault/index.ts' : 'src/ext/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: vaultClientForTests ? 'out/bundle/vault-client.js' : 'dist/extension.js',
    external: ['vscode'],
    // jsonc-parser's "main" is a UMD build whose dynamic require('./impl/format') esbuild cannot
    // follow, so the bundle would fail at run time; its ESM build ("module") bundles cleanly.
    mainFields: ['module', 'main'],
    minify: production || vaultClientForTests,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    metafile: true,
    logLevel: 'silent',
    plugins: [leaveOutUnusedAxiosDependencies, problemReporter],
  });
  if (watch) {
    await context.watch();
    return;
  }
  const result = await context.rebuild();
  await context.dispose();
  if (result.errors.length > 0) process.exit(1);
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'))) {
    console.log(`${file}: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
