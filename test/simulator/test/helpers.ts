// Shared by the simulator's conformance tests: one simulator per suite, and calls over real sockets.
import { ManualClock, startSimulator, type SimJob, type SimulatorOptions, type VaultSimulator } from '..';

export const v = 'v26.1';

/** A job as the monitors and histories endpoints list it: the stored record less its internal fields. */
export type ListedJob = Omit<SimJob, 'method' | 'task_count'>;

export interface CancelItem {
  responseStatus: string;
  data?: { id: number };
  errors?: { type: string; message: string };
}

/**
 * Every field a test reads from any Vault answer. Each answer has only some of them: a test that
 * reads one its answer lacks fails on undefined, which is the point.
 */
export interface VaultJson {
  responseStatus: string;
  responseMessage?: string;
  errors: { type: string; message: string }[];
  errorType?: string;
  sessionId: string;
  userId: number;
  vaultId: number;
  vaultIds: { id: number; name: string; url: string }[];
  values: Record<string, string>;
  users: { user: Record<string, unknown> }[];
  url: string;
  responseDetails: { total: number; limit: number; offset: number; next_page?: string; previous_page?: string };
  jobs: ListedJob[];
  job_id: number;
  tasks: { id: string; state: string }[];
  /** Cancel answers an array of items; Job Status an object. */
  data: CancelItem[] & Record<string, unknown>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: VaultJson;
}

export interface CallOptions {
  /** Sent raw as Authorization; omit for no header. */
  auth?: string;
  body?: string | URLSearchParams;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function call(sim: VaultSimulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) headers.Authorization = options.auth;
  if (options.contentType) headers['Content-Type'] = options.contentType;
  const response = await fetch(sim.url + path, { method, headers, body: options.body });
  const text = await response.text();
  let json: VaultJson;
  try {
    json = JSON.parse(text) as VaultJson;
  } catch {
    json = {} as VaultJson;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POST /auth with a url-encoded form. */
export function login(sim: VaultSimulator, fields: Record<string, string>, version = v): Promise<Answer> {
  return call(sim, 'POST', `/api/${version}/auth`, { body: new URLSearchParams(fields) });
}

export function cancelJson(sim: VaultSimulator, auth: string, ids: unknown[], version = v): Promise<Answer> {
  return call(sim, 'POST', `/api/${version}/services/jobs/actions/cancel`, {
    auth, contentType: 'application/json', body: JSON.stringify(ids.map((job_id) => ({ job_id }))),
  });
}

/**
 * Starts a simulator (ManualClock unless a clock is given) before the suite's tests and closes it
 * after; `fresh` restarts it before each test instead, for tests that change its state.
 */
export function useSimulator(options: SimulatorOptions = {}, fresh = false): { sim: VaultSimulator; clock: ManualClock; session: string } {
  const handle = {} as { sim: VaultSimulator; clock: ManualClock; session: string };
  const start = async () => {
    handle.clock = new ManualClock();
    handle.sim = await startSimulator({ clock: handle.clock, ...options });
    handle.session = handle.sim.createSession();
  };
  const stop = () => handle.sim.close();
  if (fresh) {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
  return handle;
}
