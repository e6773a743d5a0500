// Groups a job list for the Jobs view (flat, by job title, by status) with each group's counts by
// state and the members a bulk cancel may target. Pure, so the tree only maps groups to nodes and the
// "Cancel N Cancellable Jobs" count is exactly what the cancel run will be given.
import type { Job } from '../vault';
import { jobStatusInfo, type JobGroup } from './status';

export const groupingModes = ['flat', 'title', 'status'] as const;
export type GroupingMode = (typeof groupingModes)[number];

/** A remembered setting may hold anything (an older build, a hand edit): unknown values fall back to flat. */
export function toGroupingMode(value: unknown): GroupingMode {
  return groupingModes.includes(value as GroupingMode) ? (value as GroupingMode) : 'flat';
}

/** The toolbar toggle's next mode: flat → by title → by status → flat. */
export function nextGroupingMode(mode: GroupingMode): GroupingMode {
  return groupingModes[(groupingModes.indexOf(mode) + 1) % groupingModes.length];
}

export interface JobGroupOf {
  /** Stable across refreshes, for tree item IDs and expansion state: the title or status itself ('' when flat). */
  key: string;
  /** As shown: the job title ("(no title)" for an empty one), or the status label. */
  label: string;
  /** In the order of the input list. */
  jobs: Job[];
  /** Status (upper case, as Vault sends it) → members in that status, in the order of `statusOrder`. */
  counts: Map<string, number>;
  /** IDs of members Vault's Cancel Job accepts (SCHEDULED, QUEUED, QUEUEING), each once. */
  cancellableIds: number[];
  /** Of those, the queued and queueing ones: what a cancel of the group sends unless the user chooses more. */
  queuedIds: number[];
  /** Of those, the scheduled ones: cancelling them stops those runs of a schedule, so only by explicit choice. */
  scheduledIds: number[];
}

/** Display order of statuses: what can still be acted on first, then by how things end. */
const statusOrder = ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING', 'SUCCESS', 'ERRORS_ENCOUNTERED', 'FAILED_TO_RUN',
  'MISSED_SCHEDULE', 'TIMEOUT', 'COMPLETED_DUE_TO_INACTIVITY', 'CANCELLED'];

function statusRank(status: string): number {
  const rank = statusOrder.indexOf(status);
  return rank === -1 ? statusOrder.length : rank;
}

function compareStatuses(a: string, b: string): number {
  return statusRank(a) - statusRank(b) || a.localeCompare(b);
}

/**
 * Groups `jobs` as `mode` says; `listedIn` decides the meaning of statuses Vault may add later.
 * Flat gives one group holding every job, so the caller has one shape to handle. Groups by title are
 * in title order (case-insensitive); groups by status in `statusOrder`, unknown statuses last.
 */
export function groupJobs(jobs: readonly Job[], mode: GroupingMode, listedIn: JobGroup): JobGroupOf[] {
  if (mode === 'flat') return [makeGroup('', 'All jobs', jobs, listedIn)];
  const byKey = new Map<string, Job[]>();
  for (const job of jobs) {
    const key = mode === 'title' ? job.title : job.status;
    const members = byKey.get(key);
    if (members) members.push(job);
    else byKey.set(key, [job]);
  }
  const keys = [...byKey.keys()].sort(mode === 'title' ? compareTitles : compareStatuses);
  return keys.map((key) => makeGroup(key, mode === 'title' ? key || '(no title)' : jobStatusInfo(key, listedIn).label, byKey.get(key) ?? [], listedIn));
}

function compareTitles(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) || a.localeCompare(b);
}

function makeGroup(key: string, label: string, jobs: readonly Job[], listedIn: JobGroup): JobGroupOf {
  const cancellable = cancellableIds(jobs, listedIn);
  const scheduled = new Set(jobs.filter((job) => job.status.toUpperCase() === 'SCHEDULED').map((job) => job.job_id));
  return {
    key, label, jobs: [...jobs], counts: countByStatus(jobs), cancellableIds: cancellable,
    queuedIds: cancellable.filter((id) => !scheduled.has(id)), scheduledIds: cancellable.filter((id) => scheduled.has(id)),
  };
}

export function countByStatus(jobs: readonly Job[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const status of [...new Set(jobs.map((job) => job.status))].sort(compareStatuses)) counts.set(status, 0);
  for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  return counts;
}

/** Distinct IDs of the jobs a cancel may target, in list order. */
export function cancellableIds(jobs: readonly Job[], listedIn: JobGroup): number[] {
  const ids = new Set<number>();
  for (const job of jobs) if (jobStatusInfo(job.status, listedIn).cancellable) ids.add(job.job_id);
  return [...ids];
}

/** "12 scheduled · 3 queued · 1 running": a group's description in the tree. */
export function describeCounts(counts: ReadonlyMap<string, number>, listedIn: JobGroup): string {
  return [...counts].map(([status, n]) => `${n} ${jobStatusInfo(status, listedIn).label.toLowerCase()}`).join(' · ');
}

/**
 * "3000 queued · 5 sched.": a group's counts short enough to be read beside a short title at the
 * default sidebar width (about 300 px): only what a cancel of the group concerns, queued and queueing
 * together, then scheduled. A group with neither shows its other counts; the tooltip has them all.
 */
export function describeCountsBriefly(counts: ReadonlyMap<string, number>, listedIn: JobGroup): string {
  const queued = (counts.get('QUEUED') ?? 0) + (counts.get('QUEUEING') ?? 0);
  const scheduled = counts.get('SCHEDULED') ?? 0;
  if (queued + scheduled === 0) return describeCounts(counts, listedIn);
  return [queued ? `${queued} queued` : '', scheduled ? `${scheduled} sched.` : ''].filter(Boolean).join(' · ');
}
