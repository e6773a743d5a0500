// Loaded with `mocha --require` before the client's unit tests: every import of src/core/vault (its
// index) gets out/bundle/vault-client.js instead, the client bundled exactly as the shipped extension
// is (`node esbuild.js --vault-client-for-tests`: minified, with axios' unused dependencies left out).
// So the client's tests also prove that what esbuild.js leaves out is never needed.
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';

const outRoot = path.resolve(__dirname, '../..');
const sourceIndex = path.join(outRoot, 'src', 'core', 'vault', 'index.js');
const bundle = path.join(outRoot, 'bundle', 'vault-client.js');
if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node esbuild.js --vault-client-for-tests\` first`);

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
let redirected = 0;
loader._resolveFilename = function (request, parent, ...rest) {
  const resolved = resolve.call(this, request, parent, ...rest);
  if (resolved !== sourceIndex) return resolved;
  redirected++;
  return bundle;
};

// A run in which nothing was redirected tested the sources, not the bundle: say so by failing.
process.on('exit', (code) => {
  if (redirected === 0 && code === 0) {
    console.error(`useBundledVaultClient: no test imported ${sourceIndex}, so none ran against the bundle`);
    process.exitCode = 1;
  }
});
