// How a kept run reads in the window: its counts and where its IDs came from, localised. (The core's
// describeRun is the English form for logs.)
import * as vscode from 'vscode';
import { idFates, vaultLabel, type IdFate, type RunSummary } from '../../core/runs';

const { l10n } = vscode;

function fateCount(fate: IdFate, count: number): string {
  switch (fate) {
    case 'accepted': return l10n.t('{0} accepted', count);
    case 'refused': return l10n.t('{0} refused', count);
    case 'invalid': return l10n.t('{0} invalid', count);
    case 'notSent': return l10n.t('{0} not sent', count);
    case 'unknown': return l10n.t('{0} of unknown fate', count);
    case 'failed': return l10n.t('{0} failed', count);
  }
}

/** "3 accepted, 1 refused". */
export function countsText(counts: Record<IdFate, number>): string {
  return idFates.filter((fate) => counts[fate] > 0).map((fate) => fateCount(fate, counts[fate])).join(l10n.t(', ')) || l10n.t('no IDs');
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

/** A quick pick item for "Show Cancel Runs". */
export function runItem(run: RunSummary): vscode.QuickPickItem & { runId: string } {
  const started = new Date(run.header.startedAt);
  const user = run.header.user.name ?? '';
  return {
    runId: run.header.runId,
    label: `${Number.isNaN(started.getTime()) ? run.header.startedAt : started.toLocaleString()} · ${vaultLabel(run.header)}`,
    description: [sourceText(run), user, stateText(run)].filter(Boolean).join(' · '),
    detail: countsText(run.counts),
  };
}
