// The restart suite: a cancel run killed mid-way in one extension host and resumed in the next, as
// after a crash. The simulator lives here, in the orchestrating process, so it outlives both hosts;
// both hosts share one user data folder (the extension's global storage with the run's journal).
//
// 1. crash: the run sends 50 IDs per request; the simulator answers the first request, applies the
//    second and holds it open. Once the host has journalled that request it writes its process ID,
//    and this process kills it (SIGKILL): no exit handler, no end of the journal. The second request
//    holds jobs Vault accepts, jobs cancelled ten minutes before the run and jobs finished days before.
//    Before the run, the host watches a RUNNING job.
// 2. resume: a new host on the same user data; its test finds the job still watched (the watches are a
//    file in the global storage folder), and sees it end once this process ends it in the simulator.
//    That comes after it verifies and resumes the run and reads the stopped run's report: the check's
//    calls are counted while the watched job, seen RUNNING, is read again only 30 s after the sign-in.
// 3. The simulator's request log then shows the check's cost (at most ⌈active/200⌉ + 1 Active pages,
//    ⌈history since the run/200⌉ History pages and a few Job Status calls) and each ID in exactly one
//    cancel request: nothing accepted, nor applied without an answer, was sent again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { startSimulator, type VaultSimulator } from '../simulator';
import { batchSize, scenarioVariable, type CrashHandoff, type RestartScenario, type VerifyHandoff } from './restart/scenario';

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

/** Ends the watched job in the simulator once the resume phase has found it still watched. */
function endWhenSeenWatched(sim: VaultSimulator, seenFile: string, jobId: number): { stop(): void } {
  const timer = setInterval(() => {
    if (!fs.existsSync(seenFile)) return;
    clearInterval(timer);
    sim.jobs.setStatus(jobId, 'SUCCESS');
  }, 100);
  return { stop: () => clearInterval(timer) };
}

const activeStatuses = new Set(['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING']);
const minutes = (n: number) => n * 60_000;
/** The check reads History from this long before the run's start (src/core/cancel/placement.ts). */
const historyMarginMs = minutes(60);

/**
 * The calls the stopped run's check made, from the resume phase's click on: the Active pages before
 * its History reading, the History pages (the only ones read from a start date), and every Job Status
 * call up to the resumed run's cancel (whose eligibility check reads the Active list after them).
 */
function checkCalls(sim: VaultSimulator, from: number): { active: number; history: number; status: number } {
  const requests = sim.requestLog.filter((r) => r.time >= from);
  const end = requests.findIndex((r) => r.method === 'POST' && cancelPath.test(r.path));
  const window = end < 0 ? requests : requests.slice(0, end);
  const isHistory = (path: string) => /\/services\/jobs\/histories\?.*start_date=/.test(path);
  const firstHistory = window.findIndex((r) => isHistory(r.path));
  return {
    active: window.slice(0, Math.max(0, firstHistory)).filter((r) => /\/services\/jobs\/monitors/.test(r.path)).length,
    history: window.filter((r) => isHistory(r.path)).length,
    status: window.filter((r) => r.method === 'GET' && /\/services\/jobs\/\d+$/.test(r.path)).length,
  };
}

export async function runRestartSuite(label: string, projectRoot: string, vscodeExecutablePath: string): Promise<boolean> {
  const sim = await startSimulator({ jobs: 0, cancelDelayMs: 1500, burstLimit: 100000 });
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-restart-'));
  const workspace = path.join(userData, 'workspace');
  fs.mkdirSync(workspace);
  const iso = (ms: number) => new Date(ms).toISOString();
  const launchedAt = Date.now();
  // Other jobs of the Vault: the Active list and History since the run hold two pages each.
  sim.jobs.addMany(250, { status: 'QUEUED' });
  sim.jobs.addMany(150, { status: 'SUCCESS', modified_date: iso(launchedAt - minutes(5)), run_end_date: iso(launchedAt - minutes(5)) });
  const queued = () => sim.jobs.addMany(batchSize, { status: 'QUEUED' }).map((job) => job.job_id);
  const first = queued();
  const held = sim.jobs.addMany(batchSize - 20, { status: 'QUEUED' }).map((job) => job.job_id);
  const cancelledBefore = sim.jobs.addMany(10, { status: 'CANCELLED', modified_date: iso(launchedAt - minutes(10)), run_end_date: iso(launchedAt - minutes(10)) }).map((job) => job.job_id);
  const finishedLongBefore = sim.jobs.addMany(10, { status: 'SUCCESS', modified_date: iso(launchedAt - minutes(3 * 24 * 60)) }).map((job) => job.job_id);
  const ids = [...first, ...held, ...cancelledBefore, ...finishedLongBefore, ...queued()];
  const watchedTitle = 'Nightly Product Catalog Sync';
  const watchedJob = { id: sim.jobs.add({ status: 'RUNNING', title: watchedTitle }).job_id, title: watchedTitle };
  sim.faults.set({ kind: 'noAnswer', applied: true, path: cancelPath, skip: 1, times: 1 });
  const scenario: Omit<RestartScenario, 'phase'> = {
    dns: sim.dns, username: sim.username, password: sim.password, ids, cancelledBefore, finishedLongBefore,
    handoffFile: path.join(userData, 'handoff.json'), verifyFile: path.join(userData, 'verify.json'),
    watchedJob, watchSeenFile: path.join(userData, 'watch-seen.json'),
  };
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
    console.log(`integration: running the restart suite in ${label} (${ids.length} jobs, ${batchSize} per request)`);
    const killer = killWhenHeld(sim, scenario.handoffFile);
    await launch('crash');
    killer.stop();
    if (killer.killed() === undefined) problems.push('the crash phase ended before its host could be killed with a request held open');
    const beforeRestart = cancelRequests(sim);
    if (JSON.stringify(beforeRestart) !== JSON.stringify([ids.slice(0, batchSize), ids.slice(batchSize, 2 * batchSize)])) problems.push(`before the restart the cancel requests were ${JSON.stringify(beforeRestart)}`);
    sim.faults.clear();
    const ender = endWhenSeenWatched(sim, scenario.watchSeenFile, watchedJob.id);
    if (problems.length === 0 && !await launch('resume')) problems.push('the resume phase failed');
    ender.stop();

    if (problems.length === 0) {
      const { clickedAt } = JSON.parse(fs.readFileSync(scenario.verifyFile, 'utf8')) as VerifyHandoff;
      const calls = checkCalls(sim, clickedAt);
      // What the lists held when the check read them: the resumed jobs were still queued then.
      const resumed = new Set(cancelRequests(sim).slice(2).flat());
      const jobs = sim.jobs.all();
      const active = jobs.filter((job) => activeStatuses.has(job.status) && !resumed.has(job.job_id)).length + resumed.size;
      const historySince = jobs.filter((job) => !activeStatuses.has(job.status) && !resumed.has(job.job_id)
        && Date.parse(job.run_end_date ?? '') >= launchedAt - historyMarginMs).length;
      const bound = { active: Math.ceil(active / 200) + 1, history: Math.ceil(historySince / 200), status: 3 };
      console.log(`integration: restart suite: the check made ${JSON.stringify(calls)} call(s) for ${active} active and ${historySince} finished jobs; at most ${JSON.stringify(bound)}`);
      if (calls.active > bound.active || calls.history > bound.history || calls.status > bound.status || calls.active === 0 || calls.history === 0) {
        problems.push(`the check made ${JSON.stringify(calls)} call(s), more than ${JSON.stringify(bound)} (or read no list)`);
      }
    }
    const sent = cancelRequests(sim).flat();
    const twice = [...new Set(sent.filter((id, i) => sent.indexOf(id) !== i))];
    if (twice.length) problems.push(`sent more than once: ${twice.join(', ')}`);
    if (problems.length === 0 && JSON.stringify([...sent].sort((a, b) => a - b)) !== JSON.stringify([...ids].sort((a, b) => a - b))) problems.push(`sent ${JSON.stringify(sent)}, not each of ${JSON.stringify(ids)} once`);
    const notCancelled = ids.filter((id) => !finishedLongBefore.includes(id) && !['CANCELLING', 'CANCELLED'].includes(sim.jobs.get(id)?.status ?? ''));
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
