// "Verify and Resume" for a run that stopped mid-way: Vault's current status of the IDs whose fate
// the journal cannot tell, then the plan that sends only what is proven unsent or still cancellable.
import { lookupStatuses } from '../cancel';
import { silentLogger, type Logger } from '../log';
import type { VaultClient } from '../vault';
import { idsToVerify, planResume, type ResumePlan, type RunAnalysis } from './analysis';

export interface VerifyOptions {
  signal?: AbortSignal;
  logger?: Logger;
  /** Up to this many IDs are checked with Job Status one by one; more through monitors and histories pages (default 20). */
  perJobUpTo?: number;
}

/** Margin before the run's start for the histories read: a clock skew must not hide a job cancelled in the run. */
const historiesMarginMs = 60 * 60 * 1000;

export async function verifyAndPlanResume(client: VaultClient, run: RunAnalysis, options: VerifyOptions = {}): Promise<ResumePlan & { checkError?: string }> {
  const unknown = idsToVerify(run);
  if (unknown.length === 0) return planResume(run);
  const started = Date.parse(run.header.startedAt);
  const since = new Date(Number.isNaN(started) ? 0 : started - historiesMarginMs);
  const lookup = await lookupStatuses(client, unknown, { perJobUpTo: options.perJobUpTo ?? 20, since, logger: options.logger ?? silentLogger, signal: options.signal });
  return { ...planResume(run, lookup.statuses), ...(lookup.error ? { checkError: lookup.error } : {}) };
}
