// Job records as Vault's jobs endpoints describe them (vault-api.md §3.9, §3.10).

export const activeStatuses = ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'] as const;
export const terminalStatuses = [
  'SUCCESS', 'ERRORS_ENCOUNTERED', 'FAILED_TO_RUN', 'MISSED_SCHEDULE', 'TIMEOUT', 'COMPLETED_DUE_TO_INACTIVITY', 'CANCELLED',
] as const;
export type TerminalStatus = (typeof terminalStatuses)[number];
export type JobStatus = (typeof activeStatuses)[number] | TerminalStatus;

export interface SimJob {
  job_id: number;
  title: string;
  status: JobStatus;
  created_by: number;
  /** DateTime values are stored as Vault sends them: ISO 8601 with milliseconds and `Z`. */
  created_date: string;
  modified_by: number;
  modified_date: string;
  /** The planned start for SCHEDULED jobs. */
  run_start_date: string;
  /** Present once the job is terminal. */
  run_end_date?: string;
  /** HTTP method of the request that created the instance. */
  method: string;
  /** SDK job tasks; 0 for jobs that are not SDK jobs. */
  task_count: number;
}

const terminalSet = new Set<string>(terminalStatuses);
export function isTerminal(status: string): status is TerminalStatus {
  return terminalSet.has(status);
}
