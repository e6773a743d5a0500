// Which outcomes are worth sending again: the ID failed, or was never sent. Not eligible (Vault said
// no, e.g. the job is running) and invalid input would get the same answer again.
import type { CancelOutcomeKind, CancelRunResult } from './outcome';

/** Also asked of results that are no outcome ('problem': text that is no job ID), which never are. */
export function isRetryable(kind: CancelOutcomeKind | 'problem'): boolean {
  return kind === 'failed' || kind === 'notSent';
}

/** The IDs of a run whose outcome is retryable, in the run's order; not those the user chose to leave out. */
export function retryableIds(result: CancelRunResult): number[] {
  return [...result.outcomes].filter(([, outcome]) => isRetryable(outcome.kind) && !(outcome.kind === 'notSent' && outcome.leftOut)).map(([id]) => id);
}
