// The records side of runs that stopped mid-way (VS Code closed or crashed while it sent): finding
// them, claiming one for this window while it is dealt with, and closing it for good once dismissed
// or resumed. Every window that starts after a crash finds the same runs: the first to act on one
// claims it (across processes, see src/core/runs/claim.ts). Offering and resuming them is the cancel
// feature's part (a resume is a cancel).
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { vaultLabel, type RunAnalysis, type RunClaim, type RunStore } from '../../core/runs';
import { errorMessage } from '../../core/errorMessage';

const { l10n } = vscode;

export class StoppedRuns {
  constructor(
    private readonly store: Pick<RunStore, 'stoppedRuns' | 'close' | 'stateOf' | 'claim'>,
    private readonly log: Logger,
  ) {}

  /** Every run that stopped mid-way, newest first; none when they cannot be read (said in the log). */
  async list(): Promise<RunAnalysis[]> {
    try {
      return await this.store.stoppedRuns();
    } catch (error) {
      this.log.warn(`stopped runs could not be read: ${errorMessage(error)}`);
      return [];
    }
  }

  /**
   * The run claimed for this window, checked (under the claim) to be still stopped, so that a second
   * window does not resend what the first one did. Undefined, said to the user, when another window
   * (or another offer in this one) is dealing with it or already dealt with it.
   */
  claim(run: RunAnalysis): RunClaim | undefined {
    let claim: RunClaim | undefined;
    try {
      claim = this.store.claim(run.header.runId);
    } catch (error) {
      this.log.warn(`run ${run.header.runId} could not be claimed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(l10n.t('The stopped run on {0} could not be claimed for this window, so nothing is done with it: {1}', vaultLabel(run.header), errorMessage(error)));
      return undefined;
    }
    if (!claim) {
      void vscode.window.showInformationMessage(l10n.t('The stopped run on {0} is being resumed or dismissed in another window.', vaultLabel(run.header)));
      return undefined;
    }
    if (this.store.stateOf(run.header.runId) === 'stopped') return claim;
    claim.release();
    void vscode.window.showInformationMessage(l10n.t('The stopped run on {0} was already resumed or dismissed, in another window.', vaultLabel(run.header)));
    return undefined;
  }

  /** Closes the run for good: it is offered no more. */
  close(run: RunAnalysis, how: 'dismissed' | 'resumed'): void {
    try {
      this.store.close(run.header.runId, how);
    } catch (error) {
      this.log.warn(`run ${run.header.runId} could not be closed: ${errorMessage(error)}`);
    }
  }
}
