// A run as a CSV audit record: one row per ID with its outcome and Vault's message, when it was
// sent, to which Vault and by whom. Built from the journal, which holds no secret (see journal.ts);
// the report is redacted once more so that holds even for a journal written by an older build.
import { csvField } from '../jobs';
import type { Redactor } from '../log';
import { vaultLabel, type RunAnalysis } from './analysis';
import { finalOf, type RunFinals } from './finals';

/** `final_state,final_at`: what became of an accepted job after the run, as watching it found out (finals.ts); empty for the other outcomes. */
export const reportColumns = ['job_id', 'outcome', 'vault_message', 'sent_at', 'vault', 'user', 'final_state', 'final_at'] as const;

export function runReportCsv(analysis: RunAnalysis, redactor: Redactor, finals: RunFinals = { followed: [], finals: {} }): string {
  const { header } = analysis;
  const vault = vaultLabel(header);
  const user = header.user.name ?? (header.user.id === undefined ? '' : String(header.user.id));
  const followed = new Set(finals.followed);
  const rows = [...analysis.ids].map(([id, state]) => {
    const final = state.fate === 'accepted' ? finalOf(finals, followed, id) : { state: '', at: '' };
    return [String(id), state.fate, state.message, state.sentAt ?? '', vault, user, final.state, final.at].map((cell) => csvField(redactor.redact(cell))).join(',');
  });
  return `${[reportColumns.join(','), ...rows].join('\n')}\n`;
}

/**
 * A file name for saving the report: the run's start and Vault, nothing a file system refuses. Both
 * come from the journal, a file anyone could have edited: no path separator, no `..`, and a bounded
 * length pass into the name.
 */
export function reportFileName(analysis: RunAnalysis): string {
  const stamp = analysis.header.startedAt.replace(/[^0-9A-Za-z]/g, '-').slice(0, 40);
  return `cancel-run-${stamp}-${analysis.header.vault.dns.replace(/[^A-Za-z0-9.-]/g, '_').replace(/\.{2,}/g, '_').slice(0, 100)}.csv`;
}
