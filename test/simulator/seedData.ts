// Deterministic, plausible Vault data: the same seed and start time always give the same jobs.
import { seededRandom } from './seededRandom';
import { isoTime } from './clock';
import { activeStatuses, terminalStatuses, type JobStatus, type SimJob } from './jobModel';
import type { JobStore } from './jobs';

/** The two jobs of the Cancel Job doc example (vault-api.md §3.7): only the first can be cancelled. */
export const exampleJobs = { cancellable: 1046892, notCancellable: 1043341 } as const;
/** Vault's System user, which owns scheduled platform jobs. */
export const systemUserId = 1;

interface JobKind {
  title: string;
  /** Started by the platform's scheduler rather than by a person. */
  system: boolean;
  method: string;
  sdk: boolean;
}

const kinds: JobKind[] = [
  { title: 'Nightly Periodic Review', system: true, method: 'POST', sdk: false },
  { title: 'Bulk Export', system: false, method: 'POST', sdk: false },
  { title: 'Document Lifecycle Notification', system: true, method: 'POST', sdk: false },
  { title: 'SDK: Sync CRM Accounts', system: false, method: 'POST', sdk: true },
  { title: 'SDK: Recalculate Study Milestones', system: false, method: 'POST', sdk: true },
  { title: 'User Account Activation', system: true, method: 'POST', sdk: false },
  { title: 'Scheduled Data Export', system: true, method: 'GET', sdk: false },
  { title: 'Vault Loader: Extract Documents', system: false, method: 'POST', sdk: false },
  { title: 'Auto-Expire Documents', system: true, method: 'POST', sdk: false },
  { title: 'Binder Export', system: false, method: 'POST', sdk: false },
  { title: 'Audit Trail Export', system: false, method: 'GET', sdk: false },
  { title: 'Send Workflow Task Reminders', system: true, method: 'POST', sdk: false },
  { title: 'Mass Update Document Fields', system: false, method: 'PUT', sdk: false },
  { title: 'Deep Copy Study Records', system: false, method: 'POST', sdk: false },
  { title: 'Regenerate Viewable Renditions', system: false, method: 'POST', sdk: false },
  { title: 'SDK: Nightly Product Catalog Sync', system: true, method: 'POST', sdk: true },
];

const humanUserIds = [61234, 61235, 61240, 61251, 61266, 61302];
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Status weights for the older 80 % of jobs (history only) and the newest 20 % (where active jobs live). */
const olderWeights: [JobStatus, number][] = [
  ['SUCCESS', 70], ['ERRORS_ENCOUNTERED', 8], ['FAILED_TO_RUN', 3], ['MISSED_SCHEDULE', 3], ['TIMEOUT', 2],
  ['COMPLETED_DUE_TO_INACTIVITY', 2], ['CANCELLED', 6],
];
const newerWeights: [JobStatus, number][] = [
  ...olderWeights, ['SCHEDULED', 40], ['QUEUEING', 6], ['QUEUED', 25], ['RUNNING', 12], ['CANCELLING', 2],
];


/**
 * Fills the store with `count` jobs created over the 30 days before `now`, IDs in the 1,000,000
 * range rising with creation time. With count >= 2 they include the doc example's two jobs; with
 * count >= 14 every status appears (the newest jobs cycle through all of them).
 */
export function seedJobs(store: JobStore, count: number, seed: number, now: number): void {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(rand() * (high - low));
  const weighted = (weights: [JobStatus, number][]): JobStatus => {
    let r = rand() * weights.reduce((sum, [, w]) => sum + w, 0);
    for (const [status, w] of weights) if ((r -= w) < 0) return status;
    return weights[0][0];
  };
  const pinned = count >= 2 ? 2 : 0;
  const generated = count - pinned;
  const everyStatus: JobStatus[] = [...activeStatuses, ...terminalStatuses];
  for (let i = everyStatus.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [everyStatus[i], everyStatus[j]] = [everyStatus[j], everyStatus[i]];
  }
  const maxGap = Math.max(1, Math.floor(20_000 / Math.max(1, generated)));
  const span = 30 * day;
  let id = 1_040_000;
  for (let i = 0; i < generated; i++) {
    id += between(1, maxGap + 1);
    while (id === exampleJobs.cancellable || id === exampleJobs.notCancellable) id++;
    const fromNewest = generated - 1 - i;
    const status = fromNewest < everyStatus.length ? everyStatus[fromNewest] : weighted(i < generated * 0.8 ? olderWeights : newerWeights);
    const created = now - span + Math.floor((i * span) / generated) + between(0, Math.max(1, Math.floor(span / generated)));
    store.add(jobFor(id, status, Math.min(created, now - minute), pick(kinds), pick(humanUserIds), now, between));
  }
  if (pinned > 0) {
    store.add(jobFor(exampleJobs.cancellable, 'QUEUED', now - hour, kinds[1], humanUserIds[0], now, between));
    store.add(jobFor(exampleJobs.notCancellable, 'SUCCESS', now - 5 * hour, kinds[2], systemUserId, now, between));
  }
}

function jobFor(
  id: number, status: JobStatus, created: number, kind: JobKind, human: number, now: number,
  between: (low: number, high: number) => number,
): Partial<SimJob> {
  const by = kind.system ? systemUserId : human;
  const started = Math.min(created + between(1000, 120_000), now);
  const base = {
    job_id: id, title: kind.title, status, created_by: by, modified_by: by, method: kind.method,
    task_count: kind.sdk ? between(1, 6) : 0, created_date: isoTime(created),
  };
  switch (status) {
    case 'SCHEDULED':
      return { ...base, run_start_date: isoTime(now + between(10 * minute, 7 * day)) };
    case 'QUEUEING':
    case 'QUEUED':
    case 'RUNNING':
    case 'CANCELLING':
      return { ...base, run_start_date: isoTime(started), modified_date: isoTime(started) };
    default: {
      const ended = Math.min(started + between(5000, 2 * hour), now - 1000);
      return { ...base, run_start_date: isoTime(Math.min(started, ended)), modified_date: isoTime(ended), run_end_date: isoTime(ended) };
    }
  }
}
