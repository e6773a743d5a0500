export { cancelJobs, type CancelRunOptions } from './engine';
export {
  describeOutcome, outcomesForOccurrences, countOutcomes, outcomeKinds,
  type CancelOutcome, type CancelOutcomeKind, type CancelProgress, type CancelRunResult,
} from './outcome';
