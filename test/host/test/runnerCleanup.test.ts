// The code-server host runner (test/host/run-vscode-tests.mjs) removes its temp folder and stops the
// VS Code server however it ends. The server here is a small script in its place (the runner only
// reads its "listening" line), so that the runner's own clean-up is tested in seconds, without a host.
import * as assert from 'assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const runner = path.resolve(__dirname, '../../../../test/host/run-vscode-tests.mjs');

/** A stand-in for code-server's lib/vscode: out/server-main.js as `behaviour` says, writing its pid to `pidFile`. */
function fakeVscode(dir: string, behaviour: 'listen' | 'crash'): { vscode: string; pidFile: string } {
  const vscode = path.join(dir, 'vscode');
  const pidFile = path.join(dir, 'server.pid');
  fs.mkdirSync(path.join(vscode, 'out'), { recursive: true });
  fs.writeFileSync(path.join(vscode, 'out', 'server-main.js'), behaviour === 'crash'
    ? `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.error('cannot start'); process.exit(3);`
    : `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
console.log('Extension host agent listening on 45678');
setInterval(() => {}, 1000);`);
  return { vscode, pidFile };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('host runner: temp folders', function () {
  this.timeout(30_000);
  let dir: string;
  let tmp: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-runner-test-'));
    tmp = path.join(dir, 'tmp'); // the runner's os.tmpdir(), so that its leftovers are seen here alone
    fs.mkdirSync(tmp);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function startRunner(vscode: string, extra: string[] = []) {
    const child = spawn(process.execPath, [runner, '--serve', `--vscode=${vscode}`, `--node=${process.execPath}`, `--hostDir=${dir}`,
      `--extensionDevelopmentPath=${dir}`, `--folder=${dir}`, ...extra], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > 20_000) assert.fail(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('removes its vscode-test-* folder and stops the server on Ctrl-C', async () => {
    const { vscode, pidFile } = fakeVscode(dir, 'listen');
    const run = startRunner(vscode);
    await until(() => run.output().includes('in your browser'), 'the workbench URL');
    assert.deepStrictEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('vscode-test-')).length, 1, 'a temp folder while it runs');
    run.child.kill('SIGINT');
    assert.strictEqual(await run.exited, 130);
    assert.deepStrictEqual(fs.readdirSync(tmp), [], run.output());
    const serverPid = Number(fs.readFileSync(pidFile, 'utf8'));
    await until(() => !isRunning(serverPid), 'the server to stop');
  });

  it('removes it when the server fails to start', async () => {
    const { vscode } = fakeVscode(dir, 'crash');
    const run = startRunner(vscode);
    assert.notStrictEqual(await run.exited, 0);
    assert.match(run.output(), /server exited early/);
    assert.deepStrictEqual(fs.readdirSync(tmp), []);
  });

  it('keeps it with --keep', async () => {
    const { vscode } = fakeVscode(dir, 'crash');
    const run = startRunner(vscode, ['--keep']);
    assert.notStrictEqual(await run.exited, 0);
    assert.deepStrictEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('vscode-test-')).length, 1);
  });
});
