// Plain data shapes of the Vault jobs API (vault-api.md §2-§3), as the rest of the extension sees them.
import type { Clock } from '../clock';
import type { Logger, Redactor } from '../log';

export interface VaultClientOptions {
  /** The Vault's host as in its UI URL, e.g. 'myvault.veevavault.com'; a loopback host (the simulator) is served over http. */
  dns: string;
  /** 'vYY.N'; default v26.1. Cancel needs v25.3 or later. */
  apiVersion?: string;
  /** Sent as X-VaultAPI-ClientID; at most 100 of A-Za-z0-9._- (Vault logs anything else as invalid_client_id). */
  clientId?: string;
  /** Longest silence on a connection (connecting, or between two chunks of an answer); default 60000. */
  timeoutMs?: number;
  /**
   * Wall-clock limit of one HTTP exchange, from sending to the last byte of the answer; default 120000.
   * The idle timeout alone lets a server that sends one byte now and then hold a call forever.
   */
  deadlineMs?: number;
  /** Largest answer accepted, in bytes after decompression (default 8 MiB; a page of 200 jobs is about 57 KB). */
  maxResponseBytes?: number;
  /** Most pages one list reading follows (default 500, i.e. 100,000 jobs at 200 a page). */
  maxListPages?: number;
  logger?: Logger;
  /** Every session ID, password and token the client learns is registered here, so the logger can redact it. */
  redactor?: Redactor;
  clock?: Clock;
  /** Calls are paced once X-VaultAPI-BurstLimitRemaining drops to this figure or below (default 50). */
  burstReserve?: number;
  /** Spacing of calls while paced (default 1000 ms). */
  burstPaceMs?: number;
  /** Minimum spacing of Job Status calls for one job: Vault allows one per 10 s per job_id (default 10000). */
  statusIntervalMs?: number;
  /** Retries of rate-limit refusals and of transient failures of read-only calls (default 2); Cancel Job is never repeated here. */
  retries?: number;
  /** First backoff delay; it doubles on each retry, with jitter (default 1000 ms). */
  backoffBaseMs?: number;
  /** Jitter source (default Math.random). */
  random?: () => number;
  /**
   * Called on INVALID_SESSION_ID (one renewal at a time, shared by the calls that failed): the call is
   * then repeated with the session it returns, except Cancel Job, whose repeat its caller counts and owns.
   * `expired` is the session Vault refused, so the callback can tell a session already replaced or
   * ended (signed out meanwhile) from one to renew.
   */
  reauthenticate?: (signal: AbortSignal, expired: VaultSession | undefined) => Promise<VaultSession | undefined>;
}

export interface VaultSession {
  sessionId: string;
  userId?: number;
  vaultId?: number;
  vaultName?: string;
  /** 'token' is an API access token, sent as a Bearer value. */
  kind: 'password' | 'session' | 'token';
}

export interface VaultUser {
  id: number;
  userName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** From the X-VaultAPI-VaultId response header. */
  vaultId?: number;
}

export interface JobFilter {
  /** Monitors: scheduled, queued, running. Histories: success, errors_encountered, failed_to_run, missed_schedule, timeout, completed_due_to_inactivity, cancelled. */
  status?: string;
  startDate?: Date;
  endDate?: Date;
  /** Page size, 1-200 (Vault's default 50). */
  limit?: number;
}

export interface Job {
  job_id: number;
  title: string;
  status: string;
  created_by: number;
  created_date: string;
  modified_by?: number;
  modified_date?: string;
  run_start_date?: string;
  run_end_date?: string;
}

export type JobListKind = 'monitors' | 'histories';

export interface JobPage {
  jobs: Job[];
  total: number;
  offset: number;
  limit: number;
  /** Relative URL including /api/{version}, as Vault sends it. */
  nextPage?: string;
  kind: JobListKind;
}

/** A whole list, read page by page, with what a user should know about how complete it is. */
export interface JobList {
  jobs: Job[];
  /** False when the reading stopped before Vault's last page (see `note`). */
  complete: boolean;
  /** Why the list was cut short, or how it disagrees with Vault's count; absent when all is well. */
  note?: string;
}

export interface JobLink {
  rel: string;
  href: string;
  method?: string;
  accept?: string;
}

export interface JobStatusDetail {
  id: number;
  status: string;
  method?: string;
  links: JobLink[];
  progress?: unknown[];
  created_by?: number;
  created_date?: string;
  run_start_date?: string;
  run_end_date?: string;
}

/** One task of an SDK job (Retrieve Job Tasks, vault-api.md §3.4). */
export interface JobTask {
  id: string;
  /** Vault's reference shows `state`; older clients read `status` (both are accepted). */
  state: string;
}

/** One page of an SDK job's tasks. */
export interface JobTaskPage {
  jobId: number;
  tasks: JobTask[];
  total: number;
  offset: number;
  /** Relative URL including /api/{version}, as Vault sends it. */
  nextPage?: string;
}

export interface VaultErrorItem {
  type: string;
  message: string;
}

/**
 * One answer of Cancel Job, matched to its request item by position.
 * 'missing': the response had no item at that position; 'mismatch': the item's data.id names another job.
 * Neither says what Vault did, so both call for a status check.
 */
export type CancelItemResult =
  | { jobId: number; status: 'success' }
  | { jobId: number; status: 'failure'; errors: VaultErrorItem[] }
  | { jobId: number; status: 'missing' }
  | { jobId: number; status: 'mismatch'; returnedId: number };

export interface RateLimitSnapshot {
  burstLimit?: number;
  burstRemaining?: number;
  /** X-VaultAPI-ResponseDelay of the latest response: Vault is already throttling when present. */
  responseDelayMs?: number;
  updatedAt?: number;
}
