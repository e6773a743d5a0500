// The restart suite: a cancel run killed mid-way in one extension host and resumed in the next, as
// after a crash. The simulator lives here, in the orchestrating process, so it outlives both hosts;
// both hosts share one user data folder (the extension's global storage with the run's journal).
//
// 1. crash: the run sends two IDs per request; the simulator answers the first request, applies the
//    second and holds it open. Once the host has journalled that request it writes its process ID,
//    and this process kills it (SIGKILL): no exit handler, no end of the journal.
// 2. resume: a new host on the same user data; its test verifies and resumes the run.
// 3. The simulator's request log then shows the held request's IDs checked through Job Status and
//    each ID in exactly one cancel request: nothing accepted, nor applied without an answer, was sent again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { startSimulator, type VaultSimulator } from '../simulator';
import { scenarioVariable, type CrashHandoff, type RestartScenario } from './restart/scenario';

const cancelPath = /\/services\/jobs\/actions\/cancel/;

function cancelRequests(sim: VaultSimulator): number[][] {
  return sim.requestLog.filter((r) => r.method === 'POST' && cancelPath.test(r.path))
    .map((r) => (JSON.parse(r.body) as { job_id: number }[]).map((item) => item.job_id));
}

/** Kills the crash phase's host once it has handed over its process ID with the second request held open. */
function killWhenHeld(sim: VaultSimulator, handoffFile: string): { stop(): void; killed: () => number | undefined } {
  let killed: number | undefined;
  const timer = setInterval(() => {
    if (killed !== undefined || !fs.existsSync(handoffFile) || cancelRequests(sim).length < 2) return;
    const { pid } = JSON.parse(fs.readFileSync(handoffFile, 'utf8')) as CrashHandoff;
    process.kill(pid, 'SIGKILL');
    killed = pid;
    console.log(`integration: restart suite killed the extension host (process ${pid}) with its second cancel request held open`);
  }, 100);
  return { stop: () => clearInterval(timer), killed: () => killed };
}

export async function runRestartSuite(label: string, projectRoot: string, vscodeExecutablePath: string): Promise<boolean> {
  const sim = await startSimulator({ jobs: 50, seed: 23, cancelDelayMs: 1500, burstLimit: 100000 });
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-restart-'));
  const workspace = path.join(userData, 'workspace');
  fs.mkdirSync(workspace);
  const ids = sim.jobs.addMany(6, { status: 'QUEUED' }).map((job) => job.job_id);
  sim.faults.set({ kind: 'noAnswer', applied: true, path: cancelPath, skip: 1, times: 1 });
  const scenario: Omit<RestartScenario, 'phase'> = { dns: sim.dns, username: sim.username, password: sim.password, ids, handoffFile: path.join(userData, 'handoff.json') };
  const screenshotDir = path.join(projectRoot, 'test-output', 'screenshots', label, 'restart');
  fs.mkdirSync(screenshotDir, { recursive: true });
  const launch = (phase: RestartScenario['phase']) => runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: path.join(__dirname, 'restart', 'index'),
    extensionTestsEnv: { VSCODE_TEST_SCREENSHOT_DIR: screenshotDir, VAULT_JOBS_TEST_HOST: label, [scenarioVariable]: JSON.stringify({ ...scenario, phase }) },
    launchArgs: [workspace, '--disable-extensions', `--sharedUserDataDir=${userData}`],
  }).then(() => true, (error: unknown) => {
    console.log(`integration: restart suite, ${phase} phase ended: ${String(error)}`);
    return false;
  });
  const problems: string[] = [];
  try {
    console.log(`integration: running the restart suite in ${label} (jobs ${ids.join(', ')})`);
    const killer = killWhenHeld(sim, scenario.handoffFile);
    await launch('crash');
    killer.stop();
    if (killer.killed() === undefined) problems.push('the crash phase ended before its host could be killed with a request held open');
    const beforeRestart = cancelRequests(sim);
    if (JSON.stringify(beforeRestart) !== JSON.stringify([ids.slice(0, 2), ids.slice(2, 4)])) problems.push(`before the restart the cancel requests were ${JSON.stringify(beforeRestart)}`);
    sim.faults.clear();
    const restartedAt = sim.requestLog.length;
    if (problems.length === 0 && !await launch('resume')) problems.push('the resume phase failed');
    const statusReads = sim.requestLog.slice(restartedAt).filter((r) => r.method === 'GET' && /\/services\/jobs\/(\d+)$/.test(r.path)).map((r) => Number(/(\d+)$/.exec(r.path)?.[1]));
    const unverified = ids.slice(2, 4).filter((id) => !statusReads.includes(id));
    if (problems.length === 0 && unverified.length) problems.push(`the IDs of unknown fate were not verified through Vault: ${unverified.join(', ')}`);
    const sent = cancelRequests(sim).flat();
    const twice = [...new Set(sent.filter((id, i) => sent.indexOf(id) !== i))];
    if (twice.length) problems.push(`sent more than once: ${twice.join(', ')}`);
    if (problems.length === 0 && JSON.stringify([...sent].sort((a, b) => a - b)) !== JSON.stringify([...ids].sort((a, b) => a - b))) problems.push(`sent ${JSON.stringify(sent)}, not each of ${JSON.stringify(ids)} once`);
    const notCancelled = ids.filter((id) => !['CANCELLING', 'CANCELLED'].includes(sim.jobs.get(id)?.status ?? ''));
    if (problems.length === 0 && notCancelled.length) problems.push(`not cancelled in the simulator: ${notCancelled.join(', ')}`);
  } finally {
    await sim.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`integration: restart suite in ${label}: ${problem}`);
  // One check across both hosts, counted by test/run-all.mjs beside the phases' own figures.
  console.log(`integration (restart across hosts, ${label}): ${problems.length ? 0 : 1} passed, ${problems.length ? 1 : 0} failed, 0 skipped`);
  return problems.length === 0;
}
