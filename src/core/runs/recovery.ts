// "Verify and Resume" for a run that stopped mid-way: what Vault's lists show of the IDs whose fate
// the journal cannot tell (src/core/cancel/placement.ts), each turned into the outcome it proves for
// this run, then the plan that sends only what is proven unsent or still cancellable.
//
// Accepted by this run, or cancelled before it: Vault shows a cancelled job with the time it last
// changed (its end, once CANCELLED). A cancel dated more than a second before the run's start (as this
// computer's clock wrote it in the journal) was not this run's doing: that ID is refused, "already
// cancelled before this run". One dated later, or undated, is counted as accepted by this run, which
// asked for it; another user cancelling the same job during the run cannot be told apart, and a clock
// that is off by more than a second moves jobs cancelled just before or after the start between the two.
import { cancelledBeforeRun, isAcceptedState, isCancellableState, placeJobs, type Placement } from '../cancel';
import { silentLogger, type Logger } from '../log';
import type { VaultClient } from '../vault';
import { idsToVerify, planResume, type IdState, type ResumePlan, type RunAnalysis } from './analysis';
import type { CheckedOutcome } from './journal';

export interface VerifyOptions {
  signal?: AbortSignal;
  logger?: Logger;
  /** Up to this many IDs are asked for with Job Status one by one, and as many that the lists cannot place (default 20). */
  perJobUpTo?: number;
}

export interface StoppedRunCheck extends ResumePlan {
  /** Every ID whose outcome the check established, as the run's record is to keep it. */
  checked: Map<number, IdState>;
  /** Calls the check made. */
  calls: { activePages: number; historyPages: number; statusCalls: number };
  checkError?: string;
}

export async function verifyAndPlanResume(client: VaultClient, run: RunAnalysis, options: VerifyOptions = {}): Promise<StoppedRunCheck> {
  const unknown = idsToVerify(run);
  const none = { activePages: 0, historyPages: 0, statusCalls: 0 };
  if (unknown.length === 0) return { ...planResume(run), checked: new Map(), calls: none };
  const started = Date.parse(run.header.startedAt);
  // An unreadable start reads History whole and counts no cancel as before the run.
  const runStartedAt = new Date(Number.isNaN(started) ? 0 : started);
  const placed = await placeJobs(client, unknown, {
    runStartedAt, statusChecksUpTo: options.perJobUpTo ?? 20, logger: options.logger ?? silentLogger, signal: options.signal,
  });
  const checked = new Map<number, IdState>();
  for (const id of unknown) {
    const state = run.ids.get(id);
    const outcome = state && checkedState(state, placed.placements.get(id), runStartedAt.getTime());
    if (outcome) checked.set(id, outcome);
  }
  const plan = planResume({ ...run, ids: new Map([...run.ids, ...checked]) });
  const resent = new Set(plan.send);
  const settled = new Map([...checked].filter(([id]) => !resent.has(id)));
  const { activePages, historyPages, statusCalls } = placed;
  return { ...plan, settled, checked, calls: { activePages, historyPages, statusCalls }, ...(placed.error ? { checkError: placed.error } : {}) };
}

/** The outcome `placement` proves for an ID of unknown fate; undefined when it proves none. */
function checkedState(state: IdState, placement: Placement | undefined, runStartedAtMs: number): IdState | undefined {
  const base = state.sentAt ? { sentAt: state.sentAt } : {};
  switch (placement?.kind) {
    case undefined:
    case 'unplaced':
      return undefined;
    case 'noSuchJob':
      return { ...base, fate: 'failed', message: 'Vault knows no such job' };
    case 'notSince':
      return {
        ...base, fate: 'refused',
        message: 'Vault lists it neither as active nor as finished since the run started: it had finished before (or Vault has no such job), so this run did not cancel it',
      };
    case 'shown': {
      const { status, at } = placement;
      if (isAcceptedState(status)) {
        if (cancelledBeforeRun(at, runStartedAtMs)) {
          return { ...base, fate: 'refused', message: `already cancelled before this run: Vault shows it ${status} since ${at}`, vaultStatus: status, cancelledBefore: true };
        }
        return { ...base, fate: 'accepted', message: `Vault shows it ${status}${at === undefined ? '' : ` since ${at}`}`, vaultStatus: status };
      }
      if (isCancellableState(status)) return { ...base, fate: 'failed', message: `Vault shows it ${status}: the cancel did not take`, vaultStatus: status };
      return { ...base, fate: 'refused', message: `Vault shows it ${status}`, vaultStatus: status };
    }
  }
}

/** The checked outcomes as the run's journal keeps them. */
export function checkedOutcomes(checked: ReadonlyMap<number, IdState>): CheckedOutcome[] {
  return [...checked].map(([id, state]) => ({
    id, fate: state.fate, message: state.message,
    ...(state.vaultStatus === undefined ? {} : { status: state.vaultStatus }), ...(state.cancelledBefore ? { before: true } : {}),
  }));
}
