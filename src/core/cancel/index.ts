export { cancelJobs, type CancelRunOptions, type CancelRequestObserver, type CancelRequestWatch } from './engine';
export {
  describeOutcome, outcomesForOccurrences, countOutcomes, invalidJobIdReason, outcomeKinds,
  type CancelOutcome, type CancelOutcomeKind, type CancelProgress, type CancelRunResult,
} from './outcome';
export { lookupStatuses, type StatusLookup, type StatusLookupOptions } from './verification';
export { followUpCancelled, type FollowUpOptions } from './followUp';
