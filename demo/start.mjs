#!/usr/bin/env node
// `npm start`: the extension against local Vault simulators, in a demo workspace with sample exports,
// in desktop VS Code where a `code` command exists, otherwise in the code-server host (opened from
// your browser). The workspace has two Vaults: "Demo Sandbox", and a second simulator under the fault
// profile refuse-first-cancel, to show a refused cancel and Retry Failed. Ctrl-C stops everything it
// started and removes the demo workspace.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startSimulator } = require(path.join(root, 'out', 'test', 'simulator', 'index.js'));
const { faultProfiles } = require(path.join(root, 'out', 'test', 'simulator', 'faultProfiles.js'));
const codeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';
const demoPort = Number(process.env.VAULT_SIM_PORT ?? 8787);
const refusingProfile = 'refuse-first-cancel';

/** A simulator on `port`, or on any free port when that one is taken. Both demo Vaults hold the same seeded jobs. */
async function startVault(port) {
  const options = { jobs: 2000, seed: 42, cancelDelayMs: 4000 };
  try {
    return await startSimulator({ ...options, port });
  } catch {
    return startSimulator(options);
  }
}

const sandbox = await startVault(demoPort);
const refusing = await startVault(demoPort === 0 ? 0 : demoPort + 1); // 0: any free port, for both
for (const fault of faultProfiles[refusingProfile].faults) refusing.faults.set(fault);
const vaults = [
  { sim: sandbox, name: 'Demo Sandbox', about: `${sandbox.jobs.size} seeded jobs` },
  { sim: refusing, name: 'Demo Sandbox: refuses the first cancel', about: `same jobs; its first cancel request is refused (fault profile ${refusingProfile}): try Retry Failed` },
];

let folder;
let child;
let stopping = false;
/**
 * Stops the host (waiting for it: it removes its own temp folder on the way out), both simulators,
 * and removes the demo workspace; also on Ctrl-C and on failure.
 */
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const hostStopped = child && child.exitCode === null && child.signalCode === null
    ? new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 10_000); })
    : undefined;
  child?.kill('SIGTERM');
  await Promise.allSettled([sandbox.close(), refusing.close(), hostStopped]);
  if (folder) rmSync(folder, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** A fresh copy of demo/workspace, with settings that point at the simulators and exports of their jobs. */
async function prepareWorkspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vault-jobs-demo-'));
  cpSync(path.join(root, 'demo', 'workspace'), dir, { recursive: true });
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({
    'vaultJobs.vaults': vaults.map(({ sim, name }) => ({ name, dns: sim.dns, username: sim.username })),
    'vaultJobs.activeVault': vaults[0].name,
  }, null, 2));
  // Every seeded job, finished ones too, so a select-all tries a bulk run at the size the tool is for.
  const jobs = sandbox.jobs.all();
  const csvCell = (value) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value ?? ''));
  const csv = ['job_id,title,status,created_by,created_date,run_start_date',
    ...jobs.map((j) => [j.job_id, j.title, j.status, j.created_by, j.created_date, j.run_start_date].map(csvCell).join(','))].join('\r\n');
  writeFileSync(path.join(dir, 'job-instances-export.csv'), csv + '\r\n');
  const monitors = await fetch(`${sandbox.url}/api/v26.1/services/jobs/monitors?status=scheduled&limit=10`, {
    headers: { Authorization: sandbox.createSession(), Accept: 'application/json' },
  }).then((r) => r.json());
  writeFileSync(path.join(dir, 'saved-monitors-response.json'), JSON.stringify(monitors, null, 2));
  return dir;
}

/** What a person needs, in one block: where to open VS Code, how to sign in, what each Vault is for. */
function printDetails(where) {
  const width = Math.max(...vaults.map(({ name }) => name.length));
  console.log([
    '',
    '== Vault Jobs demo ==',
    where,
    `Sign in with:    user name ${sandbox.username}   password ${sandbox.password}`,
    'Vaults:',
    ...vaults.map(({ sim, name, about }) => `  ${name.padEnd(width)}  ${sim.dns}  ${about}`),
    `Workspace:       ${folder} (removed when the demo stops)`,
    'Ctrl-C here stops the demo.',
    '',
  ].join('\n'));
}

function hasCodeCommand() {
  return process.env.VAULT_JOBS_DEMO_HOST !== 'code-server' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Installs the code-server host once; says up front what it costs and afterwards what it took. */
function installHost(hostDir) {
  if (existsSync(path.join(hostDir, `.installed-code-server-${codeServerVersion}`))) return;
  console.log([
    `No \`code\` command: installing the browser-based VS Code host (code-server ${codeServerVersion}) into ${path.relative(root, hostDir)}, once.`,
    'On a 2-core machine that already has Debian\'s Chromium and build tools it took 43 s idle and 2 minutes',
    'busy; a bare machine first installs those with apt-get, which adds the time their download takes.',
    'The sign-in details follow when the host is up.',
  ].join('\n'));
  const started = Date.now();
  const install = spawnSync('bash', [path.join(root, 'test', 'host', 'install-vscode-host.sh')], { stdio: 'inherit', env: { ...process.env, CODE_SERVER_VERSION: codeServerVersion } });
  if (install.status !== 0) {
    console.error(`Installing the code-server host failed after ${Math.round((Date.now() - started) / 1000)} s (exit ${install.status ?? install.signal}).`);
    return stop(install.status || 1);
  }
  console.log(`Installed the code-server host in ${Math.round((Date.now() - started) / 1000)} s.`);
}

try {
  folder = await prepareWorkspace();
  if (hasCodeCommand()) {
    child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
    printDetails('Desktop VS Code opened a window with the extension.');
  } else {
    const hostDir = path.join(root, '.vscode-test-host', codeServerVersion);
    await installHost(hostDir);
    child = spawn(process.execPath, [path.join(root, 'test', 'host', 'run-vscode-tests.mjs'), '--serve', `--hostDir=${hostDir}`,
      `--port=${process.env.VSCODE_DEMO_PORT ?? 8080}`, `--extensionDevelopmentPath=${root}`, `--folder=${folder}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    // The host prints its URL once it listens: the details go with it, not minutes before.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /^\s*(http:\/\/\S+\/\?folder=\S+)$/.exec(line)?.[1];
      if (url) printDetails(`Open in your browser:  ${url}`);
      else if (line.trim() && !/in your browser:$/.test(line)) console.log(line);
    });
    // `code` hands the window over and exits at once; the code-server host runs until it is stopped.
    child.on('exit', (code) => void stop(code ?? 0));
  }
} catch (error) {
  console.error(error);
  await stop(1);
}
