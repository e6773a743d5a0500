// At start-up, each run that stopped mid-way (VS Code closed or crashed while it sent) is offered:
// Verify and Resume, Show Report, or Dismiss. Verify asks Vault what became of the IDs whose fate the
// journal cannot tell; Resume sends, in a new recorded run that asks for confirmation like any other,
// only the IDs proven unsent or shown still cancellable, never one already accepted. The run records
// (src/ext/runs) find the stopped runs, claim one for this window while it is dealt with, and close it.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { checkedOutcomes, countFates, verifyAndPlanResume, vaultLabel, type RunAnalysis, type StoppedRunCheck } from '../../core/runs';
import { errorMessage } from '../../core/errorMessage';
import type { SessionService } from '../session';
import type { JobsService } from '../jobs';
import { runCountsText, type RunsService } from '../runs';
import type { CancelRunner } from './cancelRunner';
import { plural } from '../plural';

const { l10n } = vscode;

export interface StoppedRunOfferDeps {
  readonly runs: Pick<RunsService, 'stoppedRuns' | 'claimStopped' | 'closeStopped' | 'showReport' | 'recordChecked'>;
  readonly session: Pick<SessionService, 'ensureSignedIn'>;
  readonly runner: Pick<CancelRunner, 'run'>;
  /** Holds background reading back while the check reads Vault's lists and the resume sends, as a cancel does. */
  readonly jobs: Pick<JobsService, 'holdBackgroundReading'>;
  readonly log: Logger;
}

export class StoppedRunOffers {
  constructor(private readonly deps: StoppedRunOfferDeps) {}

  /** Offers every stopped run, newest first, one after the other. */
  async offerAll(): Promise<void> {
    for (const run of await this.deps.runs.stoppedRuns()) {
      this.deps.log.info(`run ${run.header.runId} on ${run.header.vault.dns} stopped before it finished: ${JSON.stringify(run.counts)}`);
      await this.offer(run);
    }
  }

  private async offer(stopped: RunAnalysis): Promise<void> {
    let run = stopped;
    const verify = l10n.t('Verify and Resume');
    const showReport = l10n.t('Show Report');
    const dismiss = l10n.t('Dismiss');
    for (;;) {
      const choice = await vscode.window.showWarningMessage(offerText(run), verify, showReport, dismiss);
      if (choice === showReport) {
        await this.deps.runs.showReport(run.header.runId);
        continue; // the report is read; the run still waits for a decision
      }
      if (choice !== dismiss && choice !== verify) return; // closed without a choice: offered again at the next start
      // Claimed (and checked to be still stopped) before anything is done, and held through the
      // confirmation, so that no other window can act on it in between.
      const claim = this.deps.runs.claimStopped(run);
      if (!claim) return;
      try {
        if (choice === dismiss) {
          this.deps.runs.closeStopped(run, 'dismissed');
          return;
        }
        // A check that settled IDs changed the run's record: it is offered again as the record now reads.
        // Background reading waits from the click (a sign-in it needs would start one) to the resume's end.
        const hold = this.deps.jobs.holdBackgroundReading();
        try {
          if (await this.verifyAndResume(run, (checked) => (run = checked))) return;
        } finally {
          hold.dispose();
        }
      } finally {
        claim.release();
      }
      // Not resumed (no sign-in, another Vault active, the check failed, the confirmation declined): asked again.
    }
  }

  /** True once the run is dealt with: resumed, or nothing was left to send. */
  private async verifyAndResume(run: RunAnalysis, onChecked: (checked: RunAnalysis) => void): Promise<boolean> {
    const label = vaultLabel(run.header);
    const active = await this.deps.session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to resume the stopped cancel run.', vaultName));
    if (!active) return false;
    if (active.vault.dns.toLowerCase() !== run.header.vault.dns.toLowerCase()) {
      void vscode.window.showErrorMessage(l10n.t('The stopped run was on {0}, and the active Vault is {1}. Select {0} with Vault: Select Vault, then choose Verify and Resume again.', label, active.vault.name));
      return false;
    }
    const cannotCheck = (why: string) => {
      // Kept open and offered again: Vault may answer on a later try.
      void vscode.window.showErrorMessage(l10n.t('The jobs of unknown fate on {0} could not be checked: {1}', label, why));
      return false;
    };
    let plan: StoppedRunCheck;
    try {
      plan = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking the stopped run\'s jobs on {0}', label) },
        () => verifyAndPlanResume(active.client, run, { logger: this.deps.log }));
    } catch (error) {
      this.deps.log.warn(`run ${run.header.runId}: the status check failed: ${errorMessage(error)}`);
      return cannotCheck(errorMessage(error));
    }
    this.logPlan(run, plan);
    // Written before anything is sent: the record and its report say what Vault showed, whatever happens next.
    if (plan.checked.size > 0) this.deps.runs.recordChecked(run.header.runId, checkedOutcomes(plan.checked));
    const checkedRun = withChecked(run, plan);
    onChecked(checkedRun);
    if (plan.send.length === 0 && plan.unknown.length > 0) return cannotCheck(plan.checkError ?? '');
    if (plan.send.length === 0) {
      this.deps.runs.closeStopped(run, 'resumed');
      void vscode.window.showInformationMessage(l10n.t('Nothing of the stopped run on {0} is left to send: {1}.', label, runCountsText(checkedRun)));
      return true;
    }
    if (plan.checked.size > 0) {
      void vscode.window.showInformationMessage(l10n.t('Vault\'s lists settled {0} of the stopped run\'s jobs of unknown fate on {1}; the run now reads: {2}.', plan.checked.size, label, runCountsText(checkedRun)));
    }
    // The new run's record closes this one as it starts (src/ext/runs), so a crash in between cannot resend.
    const summary = await this.deps.runner.run({
      source: plural(plan.send.length, {
        one: l10n.t('the stopped run of {0} ({1} job left)', run.header.startedAt, plan.send.length),
        other: l10n.t('the stopped run of {0} ({1} jobs left)', run.header.startedAt, plan.send.length),
      }),
      origin: 'resume', resumes: run.header.runId, ids: plan.send.map((id) => ({ id })), problems: [],
    });
    if (!summary) return false;
    if (plan.unknown.length > 0) {
      void vscode.window.showWarningMessage(plural(plan.unknown.length, {
        one: l10n.t('{0} job of the stopped run is still of unknown fate and was not sent: {1}', plan.unknown.length, plan.checkError ?? ''),
        other: l10n.t('{0} jobs of the stopped run are still of unknown fate and were not sent: {1}', plan.unknown.length, plan.checkError ?? ''),
      }));
    }
    return true;
  }

  private logPlan(run: RunAnalysis, plan: StoppedRunCheck): void {
    for (const [id, state] of plan.checked) this.deps.log.info(`run ${run.header.runId}: job ${id} checked: ${state.fate} (${state.message})`);
    if (plan.checkError) this.deps.log.warn(`run ${run.header.runId}: the status check failed: ${plan.checkError}`);
    const { activePages, historyPages, statusCalls } = plan.calls;
    this.deps.log.info(`run ${run.header.runId}: checked in ${activePages} Active page(s), ${historyPages} History page(s) and ${statusCalls} Job Status call(s); ` +
      `to resend ${plan.send.length}, settled ${plan.settled.size}, still unknown ${plan.unknown.length}`);
  }
}

function offerText(run: RunAnalysis): string {
  const label = vaultLabel(run.header);
  return run.incomplete
    ? l10n.t('The last cancel run on {0} stopped before it finished (VS Code, or its extension host, stopped while it sent): {1}. Its record is incomplete (its journal could not be written), so Vault is asked about every job it cannot prove unsent before anything is sent.', label, runCountsText(run))
    : l10n.t('The last cancel run on {0} stopped before it finished (VS Code, or its extension host, stopped while it sent): {1}. Verify asks Vault\'s lists what became of the jobs of unknown fate.', label, runCountsText(run));
}

/** The run as its record reads once the check's outcomes are written into it. */
function withChecked(run: RunAnalysis, plan: StoppedRunCheck): RunAnalysis {
  const ids = new Map([...run.ids, ...plan.checked]);
  return { ...run, ids, counts: countFates([...ids.values()].map((state) => state.fate)) };
}
