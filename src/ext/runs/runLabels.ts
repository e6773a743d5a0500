// How a kept run reads in the window: its counts and where its IDs came from, localised. (The core's
// describeRun is the English form for logs.)
import * as vscode from 'vscode';
import { finalsSummary, idFates, vaultLabel, type IdFate, type RunAnalysis, type RunFinals, type RunSummary } from '../../core/runs';

const { l10n } = vscode;

function fateCount(fate: IdFate, count: number): string {
  switch (fate) {
    case 'accepted': return l10n.t('{0} accepted', count);
    case 'refused': return l10n.t('{0} not eligible', count);
    case 'invalid': return l10n.t('{0} invalid', count);
    case 'notSent': return l10n.t('{0} not sent', count);
    case 'unknown': return l10n.t('{0} of unknown fate', count);
    case 'failed': return l10n.t('{0} failed', count);
  }
}

/** "3 accepted, 1 not eligible". */
export function countsText(counts: Record<IdFate, number>): string {
  return idFates.filter((fate) => counts[fate] > 0).map((fate) => fateCount(fate, counts[fate])).join(l10n.t(', ')) || l10n.t('no IDs');
}

/**
 * A run's counts that add up to its IDs, with the refused ones Vault showed cancelled before the run
 * apart from those it refused otherwise: "2 accepted, 1 already cancelled before this run, 3 refused (6 in all)".
 */
export function runCountsText(run: Pick<RunAnalysis, 'ids' | 'counts'>): string {
  let before = 0;
  for (const state of run.ids.values()) if (state.cancelledBefore) before++;
  const counts = { ...run.counts, refused: run.counts.refused - before };
  const parts = idFates.flatMap((fate) => [
    ...(counts[fate] > 0 ? [fateCount(fate, counts[fate])] : []),
    ...(fate === 'accepted' && before > 0 ? [l10n.t('{0} already cancelled before this run', before)] : []),
  ]);
  return l10n.t({ message: '{0} ({1} in all)', args: [parts.join(l10n.t(', ')) || l10n.t('no IDs'), run.ids.size], comment: ['{0}: counts such as "2 accepted, 1 refused", {1}: how many IDs the run had'] });
}

/** Where the run's IDs came from: as precisely as it was recorded, else (an older record) its kind. */
function sourceText(run: RunSummary): string {
  if (run.header.sourceDetail) return l10n.t('from {0}', run.header.sourceDetail);
  switch (run.header.source) {
    case 'file': return l10n.t('from a file');
    case 'view': return l10n.t('from the Jobs view');
    case 'typed': return l10n.t('typed');
    case 'criteria': return l10n.t('matching criteria');
    case 'resume': return l10n.t('resuming a stopped run');
  }
}

function stateText(run: RunSummary): string {
  switch (run.state) {
    case 'finished': return '';
    case 'stopped': return l10n.t('stopped');
    case 'closed': return l10n.t('stopped, then closed');
  }
}

function actionText(run: RunSummary): string {
  return run.header.action === 'startNow' ? l10n.t('Start Now') : l10n.t('Cancel');
}

/** "all 40 accepted ended Cancelled", "38 of 40 accepted ended Cancelled · 2 still cancelling", or nothing when none was followed. */
export function finalsText(run: RunSummary, finals: RunFinals | undefined): string {
  const accepted = run.counts.accepted;
  if (!finals || accepted === 0) return '';
  const { cancelled, endedOtherwise, followed } = finalsSummary(finals);
  if (cancelled + endedOtherwise + followed === 0) return l10n.t('not followed');
  if (cancelled === accepted) return l10n.t('all {0} accepted ended Cancelled', accepted);
  return [
    l10n.t({ message: '{0} of {1} accepted ended Cancelled', args: [cancelled, accepted], comment: ['{0}: jobs seen CANCELLED, {1}: jobs Vault accepted to cancel'] }),
    endedOtherwise ? l10n.t('{0} ended otherwise', endedOtherwise) : '',
    followed ? l10n.t('{0} still cancelling', followed) : '',
  ].filter(Boolean).join(' · ');
}

/** A quick pick item for "Show Job Actions"; `finals`: what watching the run's accepted jobs found. */
export function runItem(run: RunSummary, finals?: RunFinals): vscode.QuickPickItem & { runId: string } {
  const started = new Date(run.header.startedAt);
  const user = run.header.user.name ?? '';
  return {
    runId: run.header.runId,
    label: `${actionText(run)} · ${Number.isNaN(started.getTime()) ? run.header.startedAt : started.toLocaleString()} · ${vaultLabel(run.header)}`,
    description: [sourceText(run), user, stateText(run)].filter(Boolean).join(' · '),
    detail: [countsText(run.counts), finalsText(run, finals)].filter(Boolean).join(' · '),
  };
}
