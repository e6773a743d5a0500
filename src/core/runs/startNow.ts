// One Start Now request and what it established, in the words a run's record and report keep (English,
// as a cancel run's outcomes): started, refused by Vault, never sent, or of unknown fate when Vault's
// answer was lost (it may have started: never called failed, and never sent again).
import { errorMessage } from '../errorMessage';
import type { CancelRequestObserver } from '../cancel';
import type { Redactor } from '../log';
import { isVaultError } from '../vault';
import type { JournalOutcome } from './journal';

export interface StartNowClient {
  startNow(id: number, signal?: AbortSignal): Promise<void>;
}

/** Sends one start, journalled through `observer` before it leaves and when it ends. */
export async function startJob(client: StartNowClient, id: number, observer: CancelRequestObserver | undefined, signal: AbortSignal, redactor: Redactor): Promise<JournalOutcome> {
  const watch = observer?.beforeSend([id]);
  try {
    await client.startNow(id, signal);
    watch?.answered([{ jobId: id, status: 'success' }]);
    return { id, fate: 'accepted', message: 'Vault started the job' };
  } catch (error) {
    const message = redactor.redact(errorMessage(error));
    if (isVaultError(error) && !error.sent) {
      watch?.failed({ mayHaveApplied: false, message });
      return { id, fate: 'notSent', message: `not sent: ${message}` };
    }
    if (isVaultError(error) && error.refused) {
      watch?.answered([{ jobId: id, status: 'failure', errors: error.errors.length ? error.errors : [{ type: error.errorType ?? error.kind, message }] }]);
      return { id, fate: 'refused', message: error.errors[0]?.message ?? message };
    }
    // Sent, and no answer says what Vault did.
    watch?.failed({ mayHaveApplied: true, message, ...(isVaultError(error) && error.errorType ? { errorType: error.errorType } : {}) });
    return { id, fate: 'unknown', message: `sent; whether Vault started it is not known: ${message}` };
  }
}

/** A job the run never sent a start for, because the user stopped it. */
export function stoppedBeforeSending(id: number): JournalOutcome {
  return { id, fate: 'notSent', message: 'not sent: sending was stopped' };
}
