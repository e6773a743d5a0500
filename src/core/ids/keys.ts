// Which names mark a job ID: CSV header cells and JSON keys are ranked by this one rule, so a column
// and a key with the same name always mean the same thing. Names are compared without case, spaces,
// underscores or hyphens ("Job ID", "job_id", "jobId", "JOB-ID" are one name).

/** 2: named exactly like a job ID; 1: a generic "id" (a job's when nothing better names one); 0: anything else. */
export type KeyRank = 0 | 1 | 2;

/** Longer names cannot normalize to any name below; checked first because a JSON document asks
 * about every key it has, and most keys are longer. */
const LONGEST_NAME = 16;

function normalized(name: string): string | undefined {
  if (name.length > LONGEST_NAME) return undefined;
  // Every name below starts with j or i once separators are dropped: most keys stop here, unchanged.
  let first = 0;
  while (first < name.length && isSeparator(name.charCodeAt(first))) first++;
  const c = name.charCodeAt(first) | 32;
  if (c !== 106 && c !== 105) return undefined;
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

export function idKeyRank(name: string): KeyRank {
  const key = normalized(name);
  return key === 'jobid' ? 2 : key === 'id' ? 1 : 0;
}

/** Keys whose array is a list of job IDs: a job ID key or its plural ("ids", "job_ids"). */
export function isIdListKey(name: string): boolean {
  const key = normalized(name);
  return key === 'jobid' || key === 'id' || key === 'jobids' || key === 'ids';
}

function isSeparator(c: number): boolean {
  return c === 95 || c === 45 || c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
