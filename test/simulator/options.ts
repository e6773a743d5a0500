// Everything a test or the command line can tune, and the defaults. Values marked [INF] are
// inferences from vault-api.md, not documented Vault behaviour: they are options for that reason.
import { realClock, type SimulatorClock } from './clock';

export type AuthFailureType = 'INACTIVE_USER' | 'USER_LOCKED_OUT' | 'PASSWORD_CHANGE_REQUIRED';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** Seeded job count. */
  jobs?: number;
  seed?: number;
  /** Added (real time) before every answer. */
  latencyMs?: number;
  clock?: SimulatorClock;
  /** [INF] Vault's full eligibility rule (Vault Help gr/24762) is not public. */
  cancellableStates?: string[];
  /** [INF] "a few seconds" in the docs. */
  cancelDelayMs?: number;
  sessionIdleMs?: number;
  sessionMaxMs?: number;
  burstLimit?: number;
  burstWindowMs?: number;
  /** Real-time delay of each call beyond the burst limit (Vault Help: 500 ms). */
  burstDelayMs?: number;
  /** [INF] 20/min is a published example, not a documented default. */
  authLimitPerMinute?: number;
  statusCallIntervalMs?: number;
  minCancelVersion?: string;
  /** Newest version listed by `GET /api/`; versions from v21.1 up to it are supported. */
  latestVersion?: string;
  vaultId?: number;
  vaultName?: string;
  /** The second Vault the user belongs to: where /auth silently lands for a DNS the user is not in. */
  otherVault?: { id: number; name: string; dns: string };
  userId?: number;
  /** User names (any password) whose login fails with the given type. */
  specialUsers?: Record<string, AuthFailureType>;
  /**
   * How long a job started with start_now stays QUEUEING (a live Vault showed QUEUEING 2 s after
   * Start Now), then [INF] QUEUED, then RUNNING before SUCCESS.
   */
  startNowQueueingMs?: number;
  startNowQueueMs?: number;
  startNowRunMs?: number;
  /** The request log keeps the newest this many requests, so a long-running demo does not grow without end. */
  requestLogLimit?: number;
  /** HTTP status of MALFORMED_URL answers: a live Vault sends 404 with its JSON body. */
  malformedUrlHttpStatus?: number;
  /** Job Status with `method` and `responseMessage`, as the docs' example; live Vaults send neither. */
  jobStatusMethodAndMessage?: boolean;
  /**
   * Added to the job ID in Cancel Job's SUCCESS items: the docs' example answers a SUCCESS item
   * with a `data.id` that was not requested. 0 answers with the requested ID [INF: unknown which a live Vault does].
   */
  cancelAnswerIdOffset?: number;
  /** Added to monitors' `responseDetails.total` (the 26.2 docs' example: total 3, two jobs, no next_page). */
  monitorsTotalSurplus?: number;
}

export type ResolvedOptions = Required<SimulatorOptions>;

export const defaultOptions: Omit<ResolvedOptions, 'clock'> = {
  host: '127.0.0.1',
  port: 0,
  username: 'admin@sandbox.example.com',
  password: 'vault-demo',
  jobs: 200,
  seed: 1,
  latencyMs: 0,
  cancellableStates: ['SCHEDULED', 'QUEUEING', 'QUEUED'],
  cancelDelayMs: 3000,
  sessionIdleMs: 20 * 60_000,
  sessionMaxMs: 48 * 3600_000,
  burstLimit: 2000,
  burstWindowMs: 5 * 60_000,
  burstDelayMs: 500,
  authLimitPerMinute: 20,
  statusCallIntervalMs: 10_000,
  minCancelVersion: 'v25.3',
  latestVersion: 'v26.2',
  vaultId: 4410,
  vaultName: 'Sandbox QMS',
  otherVault: { id: 4411, name: 'Other Vault', dns: 'other-vault.veevavault.example' },
  userId: 61234,
  specialUsers: {
    'inactive@sandbox.example.com': 'INACTIVE_USER',
    'locked@sandbox.example.com': 'USER_LOCKED_OUT',
    'password-change@sandbox.example.com': 'PASSWORD_CHANGE_REQUIRED',
  },
  startNowQueueingMs: 2000,
  startNowQueueMs: 2000,
  startNowRunMs: 5000,
  requestLogLimit: 10_000,
  malformedUrlHttpStatus: 404,
  jobStatusMethodAndMessage: false,
  cancelAnswerIdOffset: 0,
  monitorsTotalSurplus: 0,
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaultOptions, clock: realClock, ...defined };
}
