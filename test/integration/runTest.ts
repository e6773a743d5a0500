// Starts the integration suite inside a real VS Code extension host through @vscode/test-electron.
//
// Which VS Code runs it:
// - VSCODE_TEST_HOST=desktop: desktop VS Code, downloaded by @vscode/test-electron as usual
//   (VSCODE_TEST_VERSION picks the version, default the newest stable).
// - VSCODE_TEST_HOST=code-server: the VS Code build shipped in the npm package code-server, driven by
//   headless Chromium (test/host). It needs no download beyond the npm registry and Debian's packages.
//   VSCODE_TEST_HOSTS lists the code-server versions to run (installed by `npm run host:install`).
// - unset: code-server if any version is installed under .vscode-test-host/, otherwise desktop; where
//   desktop VS Code cannot run (no display, or it cannot be downloaded: offline), the code-server host
//   is installed (as `npm start` does) and used, and the output says so.
//
// In each code-server version, after the main and untrusted suites, the first-file suite (firstFile/)
// opens a JSON file in a fresh window and gets the light bulb on a job ID; the restart suite
// (restartSuite.ts) kills a host mid-run and resumes in the next; then the vsix smoke suite (test/smoke)
// installs dist-vsix/veeva-vault-jobs-<version>.vsix into the host (the runner's --installExtension)
// and exercises that installed copy, which has no node_modules. Without the .vsix (`npm run package`)
// it is reported as skipped; under CI=true a missing .vsix fails instead. Desktop runs skip it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { runRestartSuite } from './restartSuite';
import { firstFileJobId, firstFileName } from './firstFile/scenario';

const projectRoot = path.resolve(__dirname, '../../..');
const hostsRoot = path.join(projectRoot, '.vscode-test-host');
const hostExecutable = path.join(projectRoot, 'test', 'host', 'bin', 'vscode-test-host');
const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const vsixPath = path.join(projectRoot, 'dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
/** The host installed when desktop VS Code cannot run: VS Code 1.100.3, the manifest's minimum (also the demo's). */
const fallbackCodeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';

type Suite = 'main' | 'untrusted' | 'firstFile' | 'smoke';

function installedCodeServerVersions(): string[] {
  if (!fs.existsSync(hostsRoot)) return [];
  return fs.readdirSync(hostsRoot)
    .filter((version) => fs.existsSync(path.join(hostsRoot, version, `.installed-code-server-${version}`)))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * The untrusted-workspace pass: workspace trust on, never prompted, and a workspace whose settings
 * try to point the extension at another host. The code-server host reads `--settings` as user settings.
 */
function untrustedWorkspace(): { folder: string; args: string[] } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-untrusted-'));
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'vaultJobs.vaults': [{ name: 'Cloned Repo Vault', dns: 'attacker.example.com' }],
    'vaultJobs.activeVault': 'Cloned Repo Vault',
  }));
  const settings = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false };
  return { folder, args: [`--settings=${JSON.stringify(settings)}`] };
}

/**
 * The first-file pass: a window whose folder holds one saved monitors response, in a host of its own,
 * so nothing has started the extension before the test opens that file (the main suite's host has
 * long started it).
 */
function firstFileWorkspace(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-first-file-'));
  fs.writeFileSync(path.join(folder, firstFileName), JSON.stringify({
    responseStatus: 'SUCCESS',
    data: [{ job_id: firstFileJobId, title: 'Nightly Extract', status: 'QUEUED', created_by: 61234, created_date: '2026-12-01T02:00:00.000Z' }],
  }, null, 2));
  return folder;
}

/** Newest modification time of a file under `dir` (recursively), or of `dir` itself when it is a file. */
function newestChange(dir: string): number {
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(dir).reduce((newest, name) => Math.max(newest, newestChange(path.join(dir, name))), stat.mtimeMs);
}

/** Prints why the vsix smoke suite did not run, in the form test/run-all.mjs counts (one skipped test). */
function skipSmoke(label: string, reason: string): void {
  console.log(`integration: vsix smoke test skipped in ${label}: ${reason}`);
  console.log(`integration (vsix smoke, ${label}): 0 passed, 0 failed, 1 skipped`);
}

/**
 * The vsix smoke suite. A test run needs an extensionDevelopmentPath; it is a harness extension with a
 * manifest and no code (test/smoke/harness), not the project, so the only copy of this extension in
 * the host is the installed .vsix. (VS Code 1.100 also accepts an empty folder; the manifest keeps the
 * harness a well-formed extension for any version.)
 */
function smokeSuite(): { extensionDevelopmentPath: string; extensionTestsPath: string; args: string[] } {
  return {
    extensionDevelopmentPath: path.join(projectRoot, 'test', 'smoke', 'harness'),
    extensionTestsPath: path.join(__dirname, '..', 'smoke', 'index'),
    args: [`--installExtension=${vsixPath}`],
  };
}

async function runSuite(label: string, options: { vscodeExecutablePath?: string; version?: string }, suite: Suite): Promise<boolean> {
  const untrusted = suite === 'untrusted' ? untrustedWorkspace() : undefined;
  const smoke = suite === 'smoke' ? smokeSuite() : undefined;
  const workspace = untrusted?.folder ?? (suite === 'firstFile' ? firstFileWorkspace() : fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-ws-')));
  const testsPath = suite === 'firstFile' ? path.join(__dirname, 'firstFile', 'index') : path.join(__dirname, 'suite', 'index');
  const screenshotDir = path.join(projectRoot, 'test-output', 'screenshots', label);
  fs.mkdirSync(screenshotDir, { recursive: true });
  console.log(`integration: running the ${suite} suite in ${label}`);
  try {
    await runTests({
      ...options,
      extensionDevelopmentPath: smoke?.extensionDevelopmentPath ?? projectRoot,
      extensionTestsPath: smoke?.extensionTestsPath ?? testsPath,
      extensionTestsEnv: { VSCODE_TEST_SCREENSHOT_DIR: screenshotDir, VAULT_JOBS_TEST_SUITE: suite, VAULT_JOBS_TEST_HOST: label },
      // The code-server runner ignores --disable-extensions; the smoke suite leaves it out all the same,
      // since the extension under test is an installed one there.
      launchArgs: smoke ? [workspace, ...smoke.args] : [workspace, '--disable-extensions', ...(untrusted?.args ?? [])],
    });
    return true;
  } catch (error) {
    console.error(`integration: ${label} failed: ${String(error)}`);
    return false;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Why desktop VS Code cannot run the suite on this machine, or undefined when it can (after downloading it). */
async function desktopUnavailable(version: string): Promise<string | undefined> {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY is not set)';
  try {
    await downloadAndUnzipVSCode(version);
    return undefined;
  } catch (error) {
    return `it could not be downloaded (${error instanceof Error ? error.message : String(error)})`;
  }
}

function installCodeServer(version: string): void {
  const started = Date.now();
  const install = spawnSync('bash', [path.join(projectRoot, 'test', 'host', 'install-vscode-host.sh')],
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, CODE_SERVER_VERSION: version } });
  if (install.status !== 0) throw new Error(`installing the code-server host ${version} failed (exit ${install.status ?? String(install.signal)})`);
  console.log(`integration: code-server host ${version} ready after ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * VAULT_JOBS_TEST_SUITES lists the suites to run (main, untrusted, firstFile, restart, smoke); unset:
 * all of them, or the main suite alone when VAULT_JOBS_TEST_FILES picks some of its files.
 */
function suiteWanted(suite: Suite | 'restart'): boolean {
  const wanted = process.env.VAULT_JOBS_TEST_SUITES?.split(/[\s,]+/).filter(Boolean) ?? (process.env.VAULT_JOBS_TEST_FILES ? ['main'] : undefined);
  return !wanted || wanted.includes(suite);
}

async function main(): Promise<void> {
  const requested = process.env.VSCODE_TEST_HOST;
  let versions = process.env.VSCODE_TEST_HOSTS?.split(/[\s,]+/).filter(Boolean) ?? installedCodeServerVersions();
  let useCodeServer = requested === 'code-server' || (requested !== 'desktop' && versions.length > 0);
  const desktopVersion = process.env.VSCODE_TEST_VERSION ?? 'stable';
  if (!useCodeServer && requested !== 'desktop') {
    const why = await desktopUnavailable(desktopVersion);
    if (why) {
      console.log(`integration: desktop VS Code cannot run the tests here: ${why}. Installing the code-server host ` +
        `${fallbackCodeServerVersion} into .vscode-test-host/ (once, as \`npm start\` does: 1 to 2 minutes once Debian's packages are in) and using it.`);
      installCodeServer(fallbackCodeServerVersion);
      versions = [fallbackCodeServerVersion];
      useCodeServer = true;
    }
  }
  let ok = true;
  if (useCodeServer) {
    if (versions.length === 0) throw new Error('VSCODE_TEST_HOST=code-server but no code-server host is installed: run `npm run host:install`');
    for (const version of versions) {
      const hostDir = path.join(hostsRoot, version);
      if (!fs.existsSync(path.join(hostDir, `.installed-code-server-${version}`))) {
        throw new Error(`code-server ${version} is not installed in ${hostDir}: run CODE_SERVER_VERSION=${version} npm run host:install`);
      }
      // The host runner reads these from the environment of the process test-electron spawns.
      process.env.VSCODE_TEST_HOST_DIR = hostDir;
      process.env.VSCODE_TEST_SCREENSHOT_DIR = path.join(projectRoot, 'test-output', 'screenshots', `code-server-${version}`);
      const label = `code-server-${version}`;
      for (const suite of ['main', 'untrusted', 'firstFile'] as const) {
        if (suiteWanted(suite)) ok = (await runSuite(label, { vscodeExecutablePath: hostExecutable }, suite)) && ok;
      }
      if (suiteWanted('restart')) ok = (await runRestartSuite(label, projectRoot, hostExecutable)) && ok;
      if (!suiteWanted('smoke')) continue;
      if (fs.existsSync(vsixPath)) {
        if (process.env.CI !== 'true' && newestChange(path.join(projectRoot, 'src')) > fs.statSync(vsixPath).mtimeMs) {
          console.log(`integration: note: ${path.relative(projectRoot, vsixPath)} is older than src/; run \`npm run package\` to test the current code`);
        }
        ok = (await runSuite(label, { vscodeExecutablePath: hostExecutable }, 'smoke')) && ok;
      } else if (process.env.CI === 'true') {
        console.error(`integration: ${path.relative(projectRoot, vsixPath)} is missing; CI builds it with \`npm run package\` before the tests`);
        ok = false;
      } else {
        skipSmoke(label, `no ${path.relative(projectRoot, vsixPath)} (build it with \`npm run package\`)`);
      }
    }
  } else {
    for (const suite of ['main', 'firstFile'] as const) {
      ok = (await runSuite(`desktop-${desktopVersion}`, { version: desktopVersion }, suite)) && ok;
    }
    skipSmoke(`desktop-${desktopVersion}`, 'it installs the .vsix through the code-server host runner');
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
