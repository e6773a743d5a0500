// What each Vault job status means to the UI: its group, what can be done with it, and how it looks.
// Pure, so the mapping is unit-tested; the tree turns the icon and colour tokens into ThemeIcons.

export type JobGroup = 'active' | 'history';

export interface JobStatusInfo {
  readonly group: JobGroup;
  /** Vault's Cancel Job accepts it (vault-api.md §3.7: SCHEDULED always, QUEUED/QUEUEING per the documented error). */
  readonly cancellable: boolean;
  /** Start Now applies only to scheduled instances (§3.5). */
  readonly startable: boolean;
  readonly terminal: boolean;
  /** A codicon name. */
  readonly icon: string;
  /** A theme colour id, or undefined for the default foreground. */
  readonly color: string | undefined;
  /** How a person would say it: "Errors encountered". */
  readonly label: string;
}

const statuses: Record<string, JobStatusInfo> = {
  SCHEDULED: info('active', { cancellable: true, startable: true }, 'calendar', 'charts.blue', 'Scheduled'),
  QUEUEING: info('active', { cancellable: true }, 'history', 'charts.purple', 'Queueing'),
  QUEUED: info('active', { cancellable: true }, 'watch', 'charts.purple', 'Queued'),
  RUNNING: info('active', {}, 'sync~spin', 'charts.yellow', 'Running'),
  CANCELLING: info('active', {}, 'loading~spin', 'charts.orange', 'Cancelling'),
  SUCCESS: info('history', { terminal: true }, 'pass', 'testing.iconPassed', 'Success'),
  ERRORS_ENCOUNTERED: info('history', { terminal: true }, 'warning', 'list.warningForeground', 'Errors encountered'),
  FAILED_TO_RUN: info('history', { terminal: true }, 'error', 'list.errorForeground', 'Failed to run'),
  MISSED_SCHEDULE: info('history', { terminal: true }, 'clock', 'list.warningForeground', 'Missed schedule'),
  TIMEOUT: info('history', { terminal: true }, 'watch', 'list.errorForeground', 'Timed out'),
  COMPLETED_DUE_TO_INACTIVITY: info('history', { terminal: true }, 'circle-slash', 'disabledForeground', 'Completed due to inactivity'),
  CANCELLED: info('history', { terminal: true }, 'circle-slash', 'disabledForeground', 'Cancelled'),
};

function info(group: JobGroup, flags: { cancellable?: boolean; startable?: boolean; terminal?: boolean }, icon: string,
  color: string, label: string): JobStatusInfo {
  return { group, cancellable: flags.cancellable ?? false, startable: flags.startable ?? false, terminal: flags.terminal ?? false, icon, color, label };
}

/** Vault may add statuses: an unknown one is shown as it is, in the group of the list it came from, with no actions. */
export function jobStatusInfo(status: string, listedIn: JobGroup): JobStatusInfo {
  return statuses[status.toUpperCase()] ?? info(listedIn, { terminal: listedIn === 'history' }, 'question', 'disabledForeground', status);
}

/** The `contextValue` token bag menus match with `viewItem =~ /cancellable/`. */
export function jobContextValue(status: string, listedIn: JobGroup): string {
  const { cancellable, startable, terminal } = jobStatusInfo(status, listedIn);
  return ['job', cancellable && 'cancellable', startable && 'startable', terminal && 'terminal'].filter(Boolean).join(' ');
}

/** Status filters accepted by Retrieve Job Monitors / Histories (vault-api.md §3.1, §3.2). */
export const monitorStatusFilters = ['scheduled', 'queued', 'running'] as const;
export const historyStatusFilters = ['success', 'errors_encountered', 'failed_to_run', 'missed_schedule', 'timeout',
  'completed_due_to_inactivity', 'cancelled'] as const;
