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
  /** Queued jobs the run cancels, two per request. */
  ids: number[];
  /** Where the host writes what the orchestrator needs (the crash phase: its process ID). */
  handoffFile: string;
}

/** Written by the crash phase once its run has a request in flight; the orchestrator then kills `pid`. */
export interface CrashHandoff {
  pid: number;
  runsDirectory: string;
}

export function scenarioFromEnvironment(): RestartScenario {
  const text = process.env[scenarioVariable];
  if (!text) throw new Error(`${scenarioVariable} is not set: the restart suite runs only from test/integration/restartSuite.ts`);
  return JSON.parse(text) as RestartScenario;
}

/** Two IDs per request, one request at a time: the first is answered, the second held open, the third never sent. */
export const batchSize = 2;
