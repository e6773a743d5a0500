// Bundles the extension into one CommonJS file for VS Code's Node extension host.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuilds on change
//   node esbuild.js --vault-client-for-tests  the Vault client alone, bundled as in --production,
//                                 into out/bundle/vault-client.js (its unit tests run against it too)
const esbuild = require('esbuild');
const path = require('path');

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

/** A stand-in's body: throws `what is not supported: <module> is left out of the bundle (esbuild.js)`. */
const refusal = (what, module, hint = '') =>
  `throw new Error(${JSON.stringify(`${what} is not supported: ${module} is left out of the bundle (esbuild.js)${hint}`)})`;

/**
 * Parts of axios the client never reaches, each replaced by a stand-in that fails loudly should a
 * future change reach it, instead of shipping them unused (the README's Benchmarks has the bundle's
 * size). The client's transport (src/core/vault/transport.ts) sends JSON and URL-encoded bodies only,
 * to paths under an http(s) baseURL, on Node's http adapter (`adapter: 'http'`) over HTTP/1.1, with
 * `maxRedirects: 0` and `proxy: false` (VS Code's extension host patches Node's http/https for its own proxy settings).
 * Keyed by what axios imports: a package, or a file of axios itself (`axios/lib/...`).
 */
const leftOut = {
  // Multipart bodies (pulls in mime-db: over a third of the bundle once).
  'form-data': `module.exports = class FormData { constructor() { ${refusal('multipart/form-data bodies', 'form-data')}; } };`,
  'axios/lib/helpers/formDataToStream.js': `export default function formDataToStream() { ${refusal('FormData bodies', "axios' formDataToStream")}; }`,
  'axios/lib/helpers/formDataToJSON.js': `export default function formDataToJSON() { ${refusal('FormData bodies', "axios' formDataToJSON")}; }`,
  // Only used when maxRedirects is not 0.
  'follow-redirects': `const refuse = () => { ${refusal('following redirects', 'follow-redirects', '; keep maxRedirects: 0')}; };
module.exports = { http: { request: refuse, get: refuse }, https: { request: refuse, get: refuse } };`,
  // axios' own proxy support (with agent-base, debug, ms, supports-color), only used unless proxy: false.
  'https-proxy-agent': `module.exports = class HttpsProxyAgent { constructor() { ${refusal("axios' own proxy support", 'https-proxy-agent', '; keep proxy: false')}; } };`,
  'proxy-from-env': `exports.getProxyForUrl = () => { ${refusal("axios' own proxy support", 'proxy-from-env', '; keep proxy: false')}; };`,
  'axios/lib/helpers/shouldBypassProxy.js': `export default function shouldBypassProxy() { ${refusal("axios' own proxy support", "axios' shouldBypassProxy", '; keep proxy: false')}; }`,
  // data: URLs, which allowAbsoluteUrls: false under an http(s) baseURL never requests.
  'axios/lib/helpers/fromDataURI.js': `export default function fromDataURI() { ${refusal('data: URLs', "axios' fromDataURI")}; }`,
  'axios/lib/helpers/estimateDataURLDecodedBytes.js': `export function estimateDataURLBufferAllocation() { ${refusal('data: URLs', "axios' estimateDataURLDecodedBytes")}; }
export default estimateDataURLBufferAllocation;`,
  // HTTP/2, only used with httpVersion: 2.
  'axios/lib/helpers/Http2Sessions.js': `export default class Http2Sessions { getSession() { ${refusal('HTTP/2', "axios' Http2Sessions")}; } }`,
  // The browser adapters. XMLHttpRequest does not exist in Node, where axios' xhr.js exports false
  // ("not supported in this environment"); so does its stand-in, which keeps axios' choice the same.
  'axios/lib/adapters/xhr.js': 'export default false;',
  'axios/lib/adapters/fetch.js': `export const getFetch = () => { ${refusal("axios' fetch adapter", "axios' fetch.js", "; keep adapter: 'http'")}; };
export default getFetch;`,
};
/** Packages only the left-out modules bring: the guard below fails the build should one come back. */
const leftOutWithThem = ['mime-db', 'agent-base', 'debug'];
const isAxiosFile = (name) => name.startsWith('axios/lib/');
const leaveOutUnusedAxiosParts = {
  name: 'leave-out-unused-axios-parts',
  setup(build) {
    const packages = Object.keys(leftOut).filter((name) => !isAxiosFile(name));
    const files = Object.keys(leftOut).filter(isAxiosFile);
    build.onResolve({ filter: new RegExp(`^(${packages.join('|')})$`) }, ({ path: name }) => ({ path: name, namespace: 'left-out' }));
    // axios' own files are imported by relative paths: matched on their base name, then on where they resolve.
    const baseNames = files.map((file) => file.slice(file.lastIndexOf('/') + 1).replace('.', '\\.'));
    build.onResolve({ filter: new RegExp(`/(${baseNames.join('|')})$`) }, ({ path: imported, resolveDir }) => {
      const resolved = path.resolve(resolveDir, imported).split(path.sep).join('/');
      const file = files.find((name) => resolved.endsWith(`/node_modules/${name}`));
      return file ? { path: file, namespace: 'left-out' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, ({ path: name }) => ({ contents: leftOut[name], loader: 'js' }));
    // A guard: should another import path bring a left-out module back, the build fails.
    build.onEnd((result) => {
      const inputs = Object.keys(result.metafile?.inputs ?? {});
      for (const name of [...Object.keys(leftOut), ...leftOutWithThem]) {
        const hit = inputs.find((input) => input.includes(`node_modules/${name}${isAxiosFile(name) ? '' : '/'}`));
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
    plugins: [leaveOutUnusedAxiosParts, problemReporter],
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
