export { cancelJobs, type CancelRunOptions, type CancelRequestObserver, type CancelRequestWatch } from './engine';
export {
  describeOutcome, outcomesForOccurrences, countOutcomes, outcomeKinds,
  type CancelOutcome, type CancelOutcomeKind, type CancelProgress, type CancelRunResult,
} from './outcome';
export { verifyUnknownOutcomes } from './verification';
