// Vault's job lists as the extension shows and uses them: what each status means, the order and the
// groups of the Jobs view, the model every listing feeds, criteria matching and exports.
export { jobStatusInfo, jobContextValue, monitorStatusFilters, historyStatusFilters, type JobGroup, type JobStatusInfo } from './status';
export { orderJobs } from './order';
export { groupJobs, toGroupingMode, describeCounts, describeCountsBriefly, countByStatus, type GroupingMode, type JobGroupOf } from './grouping';
export { JobsModel, jobsModelClient, type ActiveJobsListing, type JobsFilter, type JobsModelChange, type JobsReading } from './model';
export {
  JobWatcher, type WatchedJob, type EndedJob, type WatchdogAlarm, type WatchdogKind, type WatchdogMinutes, type WatchNotice, type WatchUpdate,
  type PersistedWatches, type JobToWatch, type NoticeWhen,
} from './watch';
export { WatchesFile, watchesFileName } from './watchFile';
export { BackgroundReader, backgroundDelay, defaultBudgetPolicy, type BudgetState, type BudgetPolicy, type PacedDelay } from './backgroundReading';
export { parseJobCriteria, type CriteriaField, type JobCriteriaInput } from './criteria';
export { findActiveJobsMatching } from './activeSearch';
export { exportJobs, csvField, linePositions, type ExportFormat } from './export';
export { JobTaskPages, type JobTasksClient } from './tasks';
