// Which names mark a job ID: CSV header cells and JSON keys are ranked by this one rule, so a column
// and a key with the same name always mean the same thing. Names are compared without case, spaces,
// underscores or hyphens ("Job ID", "job_id", "jobId", "JOB-ID" are one name).

/** 2: named exactly like a job ID; 1: a generic "id" (a job's when nothing better names one); 0: anything else. */
export type KeyRank = 0 | 1 | 2;

function isSeparator(c: number): boolean {
  return c === 95 || c === 45 || c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/**
 * Whether `name` is `target` (lower-case letters) once separators are dropped and case ignored.
 * Compared in place, without building the normalized name: a JSON document asks about every key.
 */
function sameName(name: string, target: string): boolean {
  let t = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (isSeparator(c)) continue;
    // `| 32` lower-cases an ASCII letter; anything else cannot equal a target letter after it.
    if (t >= target.length || (c | 32) !== target.charCodeAt(t) || c > 122) return false;
    t++;
  }
  return t === target.length;
}

export function idKeyRank(name: string): KeyRank {
  return sameName(name, 'jobid') ? 2 : sameName(name, 'id') ? 1 : 0;
}

/** Keys whose array is a list of job IDs: a job ID key or its plural ("ids", "job_ids"). */
export function isIdListKey(name: string): boolean {
  return idKeyRank(name) > 0 || sameName(name, 'jobids') || sameName(name, 'ids');
}
