// Bundles the extension into one CommonJS file for VS Code's Node extension host.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuilds on change
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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

async function main() {
  const context = await esbuild.context({
    entryPoints: ['src/ext/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // jsonc-parser's "main" is a UMD build whose dynamic require('./impl/format') esbuild cannot
    // follow, so the bundle would fail at run time; its ESM build ("module") bundles cleanly.
    mainFields: ['module', 'main'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    metafile: true,
    logLevel: 'silent',
    plugins: [problemReporter],
  });
  if (watch) {
    await context.watch();
    return;
  }
  const result = await context.rebuild();
  await context.dispose();
  if (result.errors.length > 0) process.exit(1);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
