// Optional after a run: watch accepted jobs until Vault reports them CANCELLED. A cancel accepted by
// Vault cannot fail from CANCELLING (vault-api.md §3.7), so this only confirms; it polls no faster
// than the status limit allows and stops at a deadline.
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isVaultError, type VaultClient } from '../vault';
import { lookupStatuses } from './verification';

export interface FollowUpOptions {
  clock: Clock;
  logger: Logger;
  /** Between rounds; Job Status allows one call per job per 10 s, so shorter rounds gain nothing. */
  intervalMs: number;
  timeoutMs: number;
  perJobUpTo: number;
  since: Date;
  signal?: AbortSignal;
  /** Called for each job seen CANCELLED, and with the count still being watched after each round. */
  onCancelled: (id: number) => void;
  onRound: (remaining: number) => void;
}

/** Resolves with the IDs still not CANCELLED when it ended (deadline or stop). */
export async function followUpCancelled(client: VaultClient, ids: readonly number[], options: FollowUpOptions): Promise<number[]> {
  let remaining = [...ids];
  const deadline = options.clock.now() + options.timeoutMs;
  while (remaining.length > 0 && !options.signal?.aborted) {
    let statuses: Map<number, string | null>;
    try {
      ({ statuses } = await lookupStatuses(client, remaining, options));
    } catch (error) {
      if (isVaultError(error, 'aborted')) break;
      throw error;
    }
    remaining = remaining.filter((id) => {
      if (statuses.get(id) !== 'CANCELLED') return true;
      options.onCancelled(id);
      return false;
    });
    options.onRound(remaining.length);
    if (remaining.length === 0 || options.clock.now() + options.intervalMs > deadline) break;
    try {
      await options.clock.sleep(options.intervalMs, options.signal);
    } catch {
      break; // stopped: what is known so far stands
    }
  }
  if (remaining.length > 0) options.logger.info(`${remaining.length} accepted job(s) not yet seen CANCELLED when the follow-up ended`);
  return remaining;
}
