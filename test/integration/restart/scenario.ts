// What the restart suite's orchestrator (../restartSuite.ts) and its two extension host sessions
// share: the scenario, handed to each host in its environment, and the files they leave each other.
// No vscode import: the orchestrator runs in plain Node.

export const scenarioVariable = 'VAULT_JOBS_RESTART_SCENARIO';

export interface RestartScenario {
  /** crash: start a run and be killed mid-way; resume: the next start, on the same user data. */
  phase: 'crash' | 'resume';
  /** The simulator, which lives in the orchestrator's process and so outlives both hosts. */
  dns: string;
  username: string;
  password: string;
  /** The jobs the run is given, `batchSize` per request: the first request answered, the second held open, the third never sent. */
  ids: number[];
  /** Among the second request's IDs: cancelled ten minutes before the run. */
  cancelledBefore: number[];
  /** Among the second request's IDs: finished days before the run. */
  finishedLongBefore: number[];
  /** Where the host writes what the orchestrator needs (the crash phase: its process ID; the resume phase: when it asked to verify). */
  handoffFile: string;
  verifyFile: string;
  /** A RUNNING job the crash phase watches; the resume phase finds it watched still, and the orchestrator then ends it. */
  watchedJob: { id: number; title: string };
  /** Written by the resume phase once its Watched section lists the job: the orchestrator then ends the job. */
  watchSeenFile: string;
}

/** Written by the crash phase once its run has a request in flight; the orchestrator then kills `pid`. */
export interface CrashHandoff {
  pid: number;
  runsDirectory: string;
}

/** Written by the resume phase just before it clicks Verify and Resume: the simulator's requests from then on are the check's. */
export interface VerifyHandoff {
  clickedAt: number;
}

export function scenarioFromEnvironment(): RestartScenario {
  const text = process.env[scenarioVariable];
  if (!text) throw new Error(`${scenarioVariable} is not set: the restart suite runs only from test/integration/restartSuite.ts`);
  return JSON.parse(text) as RestartScenario;
}

/** IDs per request, one request at a time: the first is answered, the second held open, the third never sent. */
export const batchSize = 50;
