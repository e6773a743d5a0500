// A job as the client parses it from a list page, with plausible defaults.
import type { Job } from '../../../src/core/vault';

export function job(job_id: number, title: string, status: string, extra: Partial<Job> = {}): Job {
  return { job_id, title, status, created_by: 61234, created_date: '2026-11-29T10:00:00.000Z', ...extra };
}
