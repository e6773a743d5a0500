// "Cancel Jobs Matching…": which jobs of a list match what the user typed (statuses, a title that
// contains a text or matches a regular expression, created before/after, created by). Input is
// validated into criteria with one clear message per bad field; matching never freezes the host:
// JavaScript regular expressions backtrack, so a pattern like (a+)+$ can take longer than the age of
// the universe on a 40-character title. No linear-time engine is usable here without a native or
// WASM dependency, so a user's regular expression runs in a worker thread that is terminated after a
// deadline, on distinct titles only. Each title is tested whole: a pattern anchored at its end
// (`^[a ]*$`) must see the end, or a long title would match on its first part alone.
import { Worker } from 'worker_threads';
import type { Job } from '../vault';

export interface JobCriteriaInput {
  /** Vault statuses, any case; empty or absent: any status. */
  statuses?: readonly string[];
  /** Empty or absent: any title. */
  title?: string;
  /**
   * 'contains' (default): case-insensitive text; 'regex': a JavaScript regular expression,
   * case-insensitive; 'exact': the whole title as Vault has it (a title picked from the Active list).
   */
  titleMode?: 'contains' | 'regex' | 'exact';
  /** yyyy-mm-dd (UTC midnight) or an ISO date-time with a zone; created at or after it. */
  createdAfter?: string;
  /** Same forms; created strictly before it. */
  createdBefore?: string;
  /** A Vault user ID. */
  createdBy?: string;
}

export type CriteriaField = keyof JobCriteriaInput;

export interface CriteriaProblem {
  field: CriteriaField;
  message: string;
}

export interface JobCriteria {
  statuses?: ReadonlySet<string>;
  title?: { mode: 'contains'; text: string } | { mode: 'exact'; text: string } | { mode: 'regex'; source: string; flags: string };
  createdAfter?: Date;
  createdBefore?: Date;
  createdBy?: number;
}

export type CriteriaParse = { ok: true; criteria: JobCriteria } | { ok: false; problems: CriteriaProblem[] };

/** Longer patterns are refused: nobody types them, and size multiplies the cost of a bad one. */
export const maxPatternLength = 500;
/** A regular expression that has not finished on every distinct title by then is stopped. */
export const defaultRegexDeadlineMs = 2000;

const knownStatuses = ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING', 'SUCCESS', 'ERRORS_ENCOUNTERED', 'FAILED_TO_RUN',
  'MISSED_SCHEDULE', 'TIMEOUT', 'COMPLETED_DUE_TO_INACTIVITY', 'CANCELLED'];

export function parseJobCriteria(input: JobCriteriaInput): CriteriaParse {
  const problems: CriteriaProblem[] = [];
  const criteria: JobCriteria = {};
  const statuses = (input.statuses ?? []).map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const unknown = statuses.filter((s) => !knownStatuses.includes(s));
  if (unknown.length > 0) problems.push({ field: 'statuses', message: `Unknown status ${unknown.join(', ')}; Vault's statuses are ${knownStatuses.join(', ')}.` });
  else if (statuses.length > 0) criteria.statuses = new Set(statuses);

  const title = input.title ?? '';
  if (input.titleMode === 'regex' && title !== '') {
    const compiled = compilePattern(title);
    if (typeof compiled === 'string') problems.push({ field: 'title', message: compiled });
    else criteria.title = { mode: 'regex', source: compiled.source, flags: compiled.flags };
  } else if (input.titleMode === 'exact' && input.title !== undefined) {
    criteria.title = { mode: 'exact', text: title };
  } else if (title.trim() !== '') {
    criteria.title = { mode: 'contains', text: title.trim().toLowerCase() };
  }

  for (const field of ['createdAfter', 'createdBefore'] as const) {
    const text = input[field]?.trim();
    if (!text) continue;
    const date = parseDateInput(text);
    if (typeof date === 'string') problems.push({ field, message: date });
    else criteria[field] = date;
  }
  if (criteria.createdAfter && criteria.createdBefore && criteria.createdAfter >= criteria.createdBefore) {
    problems.push({ field: 'createdBefore', message: '"Created before" must be later than "created after": no job could match.' });
  }

  const createdBy = input.createdBy?.trim();
  if (createdBy) {
    if (/^\d{1,15}$/.test(createdBy) && Number(createdBy) > 0) criteria.createdBy = Number(createdBy);
    else problems.push({ field: 'createdBy', message: `"${createdBy.slice(0, 40)}" is not a Vault user ID (a positive whole number).` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, criteria };
}

function compilePattern(pattern: string): RegExp | string {
  if (pattern.length > maxPatternLength) return `The regular expression is ${pattern.length} characters long; at most ${maxPatternLength} are accepted.`;
  try {
    return new RegExp(pattern, 'iu');
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

/** Strict forms only: Date.parse also takes "3/4/5" and guesses what it means. */
function parseDateInput(text: string): Date | string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/.exec(text);
  if (!parts) return `"${text.slice(0, 40)}" is not a date: use yyyy-mm-dd (UTC) or a date-time such as 2026-11-29T14:00:00Z.`;
  // Date rolls impossible fields over (2026-02-30 becomes 2 March, 24:00 the next day): each is checked instead.
  const [year, month, day, hour, minute, second, zoneHours, zoneMinutes] = parts.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (month < 1 || month > 12) return `"${text.slice(0, 40)}" is not a date: there is no month ${parts[2]}.`;
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leapYear ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > daysInMonth) return `"${text.slice(0, 40)}" is not a date: ${monthNames[month - 1]} ${year} has ${daysInMonth} days.`;
  if (hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59) return `"${text.slice(0, 40)}" is not a time of day: hours go to 23, minutes and seconds to 59.`;
  return new Date(parts[4] === undefined ? `${text}T00:00:00Z` : text);
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export class RegexDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(`The regular expression did not finish within ${deadlineMs / 1000} s on these titles (nested repetition such as (a+)+ backtracks without end); simplify it.`);
    this.name = 'RegexDeadlineError';
  }
}

export interface MatchOptions {
  /** For the regular expression worker (default `defaultRegexDeadlineMs`). */
  deadlineMs?: number;
  signal?: AbortSignal;
}

/**
 * The jobs that match, in input order. Rejects with RegexDeadlineError when the title pattern runs
 * past the deadline, and with the signal's reason when aborted; the worker is ended either way.
 */
export async function matchJobs(jobs: readonly Job[], criteria: JobCriteria, options: MatchOptions = {}): Promise<Job[]> {
  const candidates = jobs.filter((job) => matchesAllButTitle(job, criteria));
  const title = criteria.title;
  if (!title) return candidates;
  if (title.mode === 'exact') return candidates.filter((job) => job.title === title.text);
  if (title.mode === 'contains') return candidates.filter((job) => job.title.toLowerCase().includes(title.text));
  const titles = [...new Set(candidates.map((job) => job.title))];
  const verdicts = await testInWorker(title.source, title.flags, titles, options);
  const matching = new Set(titles.filter((_, i) => verdicts[i]));
  return candidates.filter((job) => matching.has(job.title));
}

function matchesAllButTitle(job: Job, criteria: JobCriteria): boolean {
  if (criteria.statuses && !criteria.statuses.has(job.status.toUpperCase())) return false;
  if (criteria.createdBy !== undefined && job.created_by !== criteria.createdBy) return false;
  if (criteria.createdAfter || criteria.createdBefore) {
    // A job whose date cannot be read cannot be shown to be in the range, so it does not match.
    const created = Date.parse(job.created_date);
    if (Number.isNaN(created)) return false;
    if (criteria.createdAfter && created < criteria.createdAfter.getTime()) return false;
    if (criteria.createdBefore && created >= criteria.createdBefore.getTime()) return false;
  }
  return true;
}

// Evaluated as a CommonJS script in the worker: no file to ship next to the bundle.
const workerSource = `
const { parentPort, workerData } = require('worker_threads');
const pattern = new RegExp(workerData.source, workerData.flags);
parentPort.postMessage(workerData.titles.map((title) => pattern.test(title)));
`;

function testInWorker(source: string, flags: string, titles: string[], options: MatchOptions): Promise<boolean[]> {
  if (titles.length === 0) return Promise.resolve([]);
  const deadlineMs = options.deadlineMs ?? defaultRegexDeadlineMs;
  return new Promise<boolean[]>((resolve, reject) => {
    options.signal?.throwIfAborted();
    const worker = new Worker(workerSource, { eval: true, workerData: { source, flags, titles } });
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(options.signal?.reason as Error));
    const timer = setTimeout(() => finish(() => reject(new RegexDeadlineError(deadlineMs))), deadlineMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (verdicts: boolean[]) => finish(() => resolve(verdicts)));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the regular expression worker stopped (exit code ${code})`))));
  });
}
