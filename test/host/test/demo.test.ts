// `npm start` in its browser-based form (demo/start.mjs with the code-server host): the sign-in
// details come in one block with the workbench URL, once the host is up; both demo Vaults answer;
// Ctrl-C stops everything and leaves no temp folder. Needs an installed code-server host (CI installs
// one before the tests); without one it is skipped, saying why.
import * as assert from 'assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const hostsRoot = path.join(root, '.vscode-test-host');
const installed = fs.existsSync(hostsRoot)
  ? fs.readdirSync(hostsRoot).filter((version) => fs.existsSync(path.join(hostsRoot, version, `.installed-code-server-${version}`)))
  : [];

describe('demo (npm start) with the code-server host', function () {
  this.timeout(90_000);
  let tmp: string;
  beforeEach(function () {
    if (installed.length === 0) this.skip(); // no host: `npm run host:install` (or the first `npm start`) installs one
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-demo-test-'));
  });
  afterEach(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints the URL with the sign-in details, serves both Vaults, and cleans up on Ctrl-C', async () => {
    const child = spawn(process.execPath, [path.join(root, 'demo', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, TMPDIR: tmp, VAULT_JOBS_DEMO_HOST: 'code-server', CODE_SERVER_VERSION: installed[0], VAULT_SIM_PORT: '0', VSCODE_DEMO_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; !output.includes('Ctrl-C here stops the demo.'); waited += 50) {
        if (child.exitCode !== null || waited > 60_000) assert.fail(`the demo did not come up:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const block = output.slice(output.indexOf('== Vault Jobs demo =='));
      const url = /^Open in your browser:\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(block)?.[1];
      assert.ok(url, `the block holds the workbench URL:\n${block}`);
      assert.match(block, /^Sign in with:\s+user name admin@sandbox\.example\.com\s+password vault-demo$/m);
      const vaults = [...block.matchAll(/^ {2}(Demo Sandbox[^\n]*?)\s+(127\.0\.0\.1:\d+)\s/gm)].map(([, name, dns]) => ({ name: name.trim(), dns }));
      assert.deepStrictEqual(vaults.map((v) => v.name), ['Demo Sandbox', 'Demo Sandbox: refuses the first cancel']);
      assert.strictEqual((await fetch(url)).status, 200, 'the workbench answers');
      for (const { dns } of vaults) {
        const auth = await fetch(`http://${dns}/api/v26.1/auth`, { method: 'POST', body: new URLSearchParams({ username: 'admin@sandbox.example.com', password: 'vault-demo' }) });
        assert.strictEqual(((await auth.json()) as { responseStatus: string }).responseStatus, 'SUCCESS', dns);
      }
      const workspace = /^Workspace:\s+(\S+)/m.exec(block)?.[1] ?? '';
      assert.ok(workspace.startsWith(tmp) && fs.existsSync(path.join(workspace, 'job-instances-export.csv')), workspace);
      child.kill('SIGINT');
      assert.strictEqual(await exited, 0, output);
      assert.deepStrictEqual(fs.readdirSync(tmp), [], 'no demo workspace or host folder left');
      await assert.rejects(fetch(url), 'the workbench is stopped');
      await assert.rejects(fetch(`http://${vaults[0].dns}/api/`), 'the simulator is stopped');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
