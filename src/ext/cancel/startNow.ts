// Start Now on one or more scheduled jobs of the Jobs view. Vault runs a started job at once and skips
// the run of the current interval that was planned for it (vault-api.md §3.5), so the confirmation
// names each job and the run it skips, with the safe choice first; a production Vault also asks for its
// name, as a cancel does. Each start is one request, sent one after the other, recorded like a cancel
// run (a journal the runs feature keeps, listed in Show Job Actions with its CSV report), and each job
// gets its own outcome: started, refused by Vault, not sent, or of unknown fate when Vault's answer was
// lost (never called failed or started). This lives with cancel because it shares cancel's guard and
// records; a start sent without an answer is never sent again, not even by a resume.
import * as vscode from 'vscode';
import { jobStatusInfo } from '../../core/jobs';
import { countFates, startJob, stoppedBeforeSending, type IdFate, type JournalOutcome } from '../../core/runs';
import type { RunsService } from '../runs';
import type { Job } from '../../core/vault';
import type { Logger, Redactor } from '../../core/log';
import type { SessionService } from '../session';
import type { JobsService } from '../jobs';
import { formatDate } from '../jobs';
import { plural } from '../plural';
import { passesProductionGuard } from './productionGuard';
import type { VaultEntry } from '../../core/settings';

const { l10n } = vscode;

export interface StartNowDeps {
  readonly session: Pick<SessionService, 'ensureSignedIn'>;
  readonly runs: Pick<RunsService, 'begin' | 'showReport'>;
  readonly jobs: Pick<JobsService, 'refresh'>;
  readonly log: Logger;
  readonly redactor: Redactor;
  showOutput(): void;
}

/** What became of each job a confirmed Start Now was given. */
export interface StartNowSummary {
  readonly runId: string | undefined;
  readonly outcomes: ReadonlyMap<number, JournalOutcome>;
}

/** Lines of jobs the confirmation lists one by one; more are counted in one line. */
const jobsListed = 20;

export async function startJobsNow(deps: StartNowDeps, selected: readonly Job[]): Promise<StartNowSummary | undefined> {
  const scheduled = selected.filter((job) => jobStatusInfo(job.status, 'active').startable);
  const others = selected.length - scheduled.length;
  if (!scheduled.length) {
    void vscode.window.showInformationMessage(l10n.t('Only scheduled jobs can be started now, and none of the selected jobs is scheduled.'));
    return undefined;
  }
  const active = await deps.session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to start jobs.', vaultName));
  if (!active) return undefined;
  if (!await confirmStart(active.vault, scheduled, others)) return undefined;

  const ids = scheduled.map((job) => job.job_id);
  const record = deps.runs.begin({
    action: 'startNow',
    vault: { dns: active.vault.dns, name: active.vault.name, id: active.session.vaultId },
    user: { id: active.session.userId, name: active.session.username },
    source: 'view',
    ids,
  });
  deps.log.info(`start now of ${ids.length} job(s) on ${active.vault.name} (${active.vault.dns}): ${ids.join(', ')}`);
  const outcomes = new Map<number, JournalOutcome>();
  const stopped = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, cancellable: true,
    title: l10n.t('Starting jobs on {0} (Cancel stops sending; a job already started stays started)', active.vault.name),
  }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    for (const [index, job] of scheduled.entries()) {
      if (abort.signal.aborted) break;
      progress.report({
        message: l10n.t({ message: '{0} of {1}: {2}', args: [index + 1, scheduled.length, job.title || String(job.job_id)], comment: ['{0}: position, {1}: jobs to start, {2}: job title'] }),
        increment: 100 / scheduled.length,
      });
      outcomes.set(job.job_id, await startJob(active.client, job.job_id, record.observer, abort.signal, deps.redactor));
    }
    return abort.signal.aborted;
  });
  for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, stoppedBeforeSending(id));
  record.finishWith([...outcomes.values()], stopped);
  for (const outcome of outcomes.values()) deps.log.info(`job ${outcome.id}: ${outcome.fate}${outcome.message ? ` (${outcome.message})` : ''}`);
  void deps.jobs.refresh();
  void tellOutcome(deps, active.vault, record.runId, countFates([...outcomes.values()].map((o) => o.fate)));
  return { runId: record.runId, outcomes };
}

interface StartItem extends vscode.QuickPickItem {
  readonly start: boolean;
}

/**
 * A quick pick whose first, highlighted item starts nothing (as cancel's confirmation, and for the same
 * reasons: see prompts.ts); every line below the start item is a fact, each job with the run it skips,
 * and choosing one of them starts nothing either.
 */
async function confirmStart(vault: VaultEntry, jobs: readonly Job[], notScheduled: number): Promise<boolean> {
  const one = jobs.length === 1 ? jobs[0] : undefined;
  const where = vault.production
    ? l10n.t({ message: 'PRODUCTION Vault {0} ({1})', args: [vault.name, vault.dns], comment: ['{0}: Vault name, {1}: Vault host'] })
    : l10n.t({ message: '{0} ({1})', args: [vault.name, vault.dns], comment: ['{0}: Vault name, {1}: Vault host'] });
  const title = one
    ? l10n.t({ message: 'Start "{0}" (job {1}) now on {2}?', args: [one.title || one.job_id, one.job_id, where], comment: ['{0}: job title, {1}: job ID, {2}: Vault name and host'] })
    : l10n.t({ message: 'Start {0} scheduled jobs now on {1}?', args: [jobs.length, where], comment: ['{0}: count (2 or more), {1}: Vault name and host'] });
  const startLabel = one ? l10n.t('Start Now') : l10n.t('Start {0} Jobs Now', jobs.length);
  const items: (StartItem | vscode.QuickPickItem & { kind: vscode.QuickPickItemKind.Separator })[] = [
    { label: `$(circle-slash) ${l10n.t('Don\'t start any jobs')}`, start: false },
    {
      label: `$(play) ${startLabel}`, start: true,
      // Short enough for the quick pick's width: a detail line longer than it is cut off.
      detail: one ? l10n.t('Vault runs it at once and skips its scheduled run of this interval.')
        : l10n.t('Vault runs each at once and skips its scheduled run of this interval.'),
    },
    // A separator without a label: a label would take the right side of the next row, cutting its detail short.
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...jobs.slice(0, jobsListed).map((job): StartItem => ({ label: `$(calendar) ${job.title || l10n.t('Job {0}', job.job_id)}`, detail: skippedRun(job), start: false })),
  ];
  if (jobs.length > jobsListed) items.push({ label: l10n.t('…and {0} more scheduled jobs', jobs.length - jobsListed), start: false });
  if (notScheduled) {
    items.push({
      label: plural(notScheduled, {
        one: l10n.t('{0} selected job is not scheduled and is not started', notScheduled),
        other: l10n.t('{0} selected jobs are not scheduled and are not started', notScheduled),
      }), start: false,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title, ignoreFocusOut: true, matchOnDetail: true,
    placeHolder: l10n.t('Nothing is started unless you choose "{0}"', startLabel),
  });
  if (!picked || !('start' in picked) || !picked.start) return false;
  return passesProductionGuard(vault, plural(jobs.length, {
    one: l10n.t('Type the Vault\'s name, {0}, to start {1} job now', vault.name, jobs.length),
    other: l10n.t('Type the Vault\'s name, {0}, to start {1} jobs now', vault.name, jobs.length),
  }));
}

/** "Skips the run planned for 2026-03-03 01:00 · job 880101". A scheduled job's run_start_date is its planned start (§3.1). */
function skippedRun(job: Job): string {
  return job.run_start_date
    ? l10n.t({ message: 'Skips the run planned for {0} · job {1}', args: [formatDate(job.run_start_date), job.job_id], comment: ['{0}: local date and time, {1}: job ID'] })
    : l10n.t({ message: 'Skips its next scheduled run (Vault gave no planned start) · job {0}', args: [job.job_id], comment: ['{0}: job ID'] });
}

const fateWords: Record<IdFate, (count: number) => string> = {
  accepted: (count) => l10n.t('{0} started', count),
  refused: (count) => l10n.t('{0} refused by Vault', count),
  invalid: (count) => l10n.t('{0} invalid', count),
  notSent: (count) => l10n.t('{0} not sent', count),
  unknown: (count) => l10n.t('{0} of unknown fate', count),
  failed: (count) => l10n.t('{0} failed', count),
};

async function tellOutcome(deps: StartNowDeps, vault: VaultEntry, runId: string | undefined, counts: Record<IdFate, number>): Promise<void> {
  const text = (Object.keys(fateWords) as IdFate[]).filter((fate) => counts[fate] > 0).map((fate) => fateWords[fate](counts[fate])).join(l10n.t(', '));
  const allStarted = (Object.keys(counts) as IdFate[]).every((fate) => fate === 'accepted' || counts[fate] === 0);
  const showReport = l10n.t('Show Report');
  const showOutput = l10n.t('Show Output');
  const show = allStarted ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const message = l10n.t({ message: 'Start Now on {0}: {1}.', args: [vault.name, text], comment: ['{0}: Vault name, {1}: e.g. "2 started, 1 refused by Vault"'] });
  const choice = await show(message, ...(runId ? [showReport] : []), showOutput);
  if (choice === showReport && runId) await deps.runs.showReport(runId);
  else if (choice === showOutput) deps.showOutput();
}
