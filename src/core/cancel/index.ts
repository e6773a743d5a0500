// Bulk cancel: the engine (one outcome per ID, always), the outcome model, the eligibility check
// before a confirmation, the verification of unclear answers, which outcomes a retry may resend, and
// how many results are shown (grouped by kind, the most actionable as diagnostics).
export { cancelJobs, type CancelRunOptions, type CancelRequestObserver, type CancelRequestWatch } from './engine';
export {
  describeOutcome, outcomesForOccurrences, countOutcomes, outcomeKinds, invalidJobIdReason,
  type CancelOutcome, type CancelOutcomeKind, type CancelProgress, type CancelRunResult,
} from './outcome';
export { verifyUnknownOutcomes, lookupStatuses, isAcceptedState, isCancellableState } from './verification';
export { placeJobs, cancelledBeforeRun, type Placement } from './placement';
export { checkEligibility, type EligibilityCheck } from './eligibility';
export { isRetryable, retryableIds } from './retry';
export {
  groupByKind, diagnosticsToShow, entriesWithin, mergeResults, needsAction, resultMatches, resultKindsByUrgency, MOST_DIAGNOSTICS_PER_FILE,
  type ResultKind, type ResultGroup,
} from './resultDisplay';
