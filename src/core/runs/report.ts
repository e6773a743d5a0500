// A run as a CSV audit record: one row per ID with its outcome and Vault's message, when it was
// sent, to which Vault, by whom, and what was asked (cancel or start now). Built from the journal, which holds no secret (see journal.ts);
// the report is redacted once more so that holds even for a journal written by an older build.
import { csvField } from '../jobs';
import type { Redactor } from '../log';
import { vaultLabel, type RunAnalysis } from './analysis';
import type { IdFate } from './journal';
import { finalOf, type RunFinals } from './finals';

/**
 * `title`: the job's title as last listed; `source`: where the run's IDs came from, the same in every
 * row; `final_state,final_at`: what became of an accepted job after the run, as watching it found
 * out (finals.ts), empty for the other outcomes.
 */
export const reportColumns = ['job_id', 'outcome', 'vault_message', 'sent_at', 'vault', 'user', 'action', 'title', 'source', 'final_state', 'final_at'] as const;

/**
 * The outcome column names an ID's fate as the Cancel Results view does: a job Vault would not cancel
 * is "not eligible" there, in the runs list and in notifications alike (its journal calls it refused).
 */
const reportOutcomes: Record<IdFate, string> = {
  accepted: 'accepted', refused: 'notEligible', invalid: 'invalid', notSent: 'notSent', unknown: 'unknown', failed: 'failed',
};

export function runReportCsv(analysis: RunAnalysis, redactor: Redactor, finals: RunFinals = { followed: [], finals: {} }): string {
  const { header } = analysis;
  const vault = vaultLabel(header);
  const user = header.user.name ?? (header.user.id === undefined ? '' : String(header.user.id));
  const action = header.action === 'startNow' ? 'start now' : 'cancel';
  const source = header.sourceDetail ?? header.source;
  const followed = new Set(finals.followed);
  const rows = [...analysis.ids].map(([id, state]) => {
    const final = state.fate === 'accepted' ? finalOf(finals, followed, id) : { state: '', at: '' };
    return [String(id), reportOutcomes[state.fate], state.message, state.sentAt ?? '', vault, user, action, header.titles?.[id] ?? '', source, final.state, final.at]
      .map((cell) => csvField(redactor.redact(cell))).join(',');
  });
  return `${[reportColumns.join(','), ...rows].join('\n')}\n`;
}

/**
 * The name a report is offered under when a person saves it: the Vault's name, the run's local date
 * and time ("Sandbox QMS 2026-11-29 10-00-05.csv"), with nothing a file system refuses.
 */
export function reportSaveName(analysis: Pick<RunAnalysis, 'header'>): string {
  const { header } = analysis;
  const started = new Date(header.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = Number.isNaN(started.getTime()) ? header.startedAt
    : `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())} ${pad(started.getHours())}-${pad(started.getMinutes())}-${pad(started.getSeconds())}`;
  const vault = header.vault.name || header.vault.dns;
  return `${`${vault} ${when}`.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/\.{2,}/g, '_').slice(0, 120).trim()}.csv`;
}

/**
 * A file name for keeping the report beside the journals: the run's start and Vault, nothing a file system refuses. Both
 * come from the journal, a file anyone could have edited: no path separator, no `..`, and a bounded
 * length pass into the name.
 */
export function reportFileName(analysis: RunAnalysis): string {
  const stamp = analysis.header.startedAt.replace(/[^0-9A-Za-z]/g, '-').slice(0, 40);
  return `cancel-run-${stamp}-${analysis.header.vault.dns.replace(/[^A-Za-z0-9.-]/g, '_').replace(/\.{2,}/g, '_').slice(0, 100)}.csv`;
}
