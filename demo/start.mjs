#!/usr/bin/env node
// `npm start`: the extension against a local Vault simulator, in a demo workspace with sample
// exports, in desktop VS Code where a `code` command exists, otherwise in the code-server host
// (opened from your browser). Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startSimulator } = require(path.join(root, 'out', 'test', 'simulator', 'index.js'));
const codeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';

async function startVault() {
  const options = { jobs: 2000, seed: 42, cancelDelayMs: 4000 };
  try {
    return await startSimulator({ ...options, port: Number(process.env.VAULT_SIM_PORT ?? 8787) });
  } catch {
    return startSimulator(options); // 8787 is taken: any free port
  }
}

/** A fresh copy of demo/workspace, with settings that point at the simulator and exports of its jobs. */
async function prepareWorkspace(sim) {
  const folder = mkdtempSync(path.join(tmpdir(), 'vault-jobs-demo-'));
  cpSync(path.join(root, 'demo', 'workspace'), folder, { recursive: true });
  mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'vaultJobs.vaults': [{ name: 'Demo Sandbox', dns: sim.dns, username: sim.username }],
    'vaultJobs.activeVault': 'Demo Sandbox',
  }, null, 2));
  const jobs = sim.jobs.all();
  const active = jobs.filter((j) => ['SCHEDULED', 'QUEUED', 'QUEUEING', 'RUNNING'].includes(j.status)).slice(0, 40);
  const csvCell = (value) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value ?? ''));
  const csv = ['job_id,title,status,created_by,created_date,run_start_date',
    ...active.map((j) => [j.job_id, j.title, j.status, j.created_by, j.created_date, j.run_start_date].map(csvCell).join(','))].join('\r\n');
  writeFileSync(path.join(folder, 'job-instances-export.csv'), csv + '\r\n');
  const monitors = await fetch(`${sim.url}/api/v26.1/services/jobs/monitors?status=scheduled&limit=10`, {
    headers: { Authorization: sim.createSession(), Accept: 'application/json' },
  }).then((r) => r.json());
  writeFileSync(path.join(folder, 'saved-monitors-response.json'), JSON.stringify(monitors, null, 2));
  return folder;
}

function hasCodeCommand() {
  return process.env.VAULT_JOBS_DEMO_HOST !== 'code-server' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

const sim = await startVault();
const folder = await prepareWorkspace(sim);
console.log(`Vault simulator: ${sim.url}  (Vault DNS ${sim.dns})`);
console.log(`Sign in with:    user name ${sim.username}  password ${sim.password}`);
console.log(`Demo workspace:  ${folder}`);

const desktop = hasCodeCommand();
let child;
if (desktop) {
  child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  console.log('Desktop VS Code opened. Press Ctrl-C here to stop the simulator.');
} else {
  const hostDir = path.join(root, '.vscode-test-host', codeServerVersion);
  if (!existsSync(path.join(hostDir, `.installed-code-server-${codeServerVersion}`))) {
    console.log(`No \`code\` command: installing the code-server host ${codeServerVersion} (once, about 2 minutes)…`);
    const install = spawnSync('bash', [path.join(root, 'test', 'host', 'install-vscode-host.sh')], { stdio: 'inherit', env: { ...process.env, CODE_SERVER_VERSION: codeServerVersion } });
    if (install.status !== 0) process.exit(install.status ?? 1);
  }
  child = spawn(process.execPath, [path.join(root, 'test', 'host', 'run-vscode-tests.mjs'), '--serve', `--hostDir=${hostDir}`,
    `--port=${process.env.VSCODE_DEMO_PORT ?? 8080}`, `--extensionDevelopmentPath=${root}`, `--folder=${folder}`], { stdio: 'inherit' });
}

const stop = async () => {
  child?.kill('SIGTERM');
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// `code` hands the window over and exits at once; the code-server host runs until it is stopped.
if (!desktop) child.on('exit', (code) => void sim.close().then(() => process.exit(code ?? 0)));
