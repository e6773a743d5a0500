// A run as a CSV audit record: one row per ID with its outcome and Vault's message, when it was
// sent, to which Vault and by whom. Built from the journal, which holds no secret (see journal.ts);
// the report is redacted once more so that holds even for a journal written by an older build.
import { csvField } from '../jobs';
import type { Redactor } from '../log';
import { vaultLabel, type RunAnalysis } from './analysis';

/** `title`: the job's title as last listed; `source`: where the run's IDs came from, the same in every row. */
export const reportColumns = ['job_id', 'outcome', 'vault_message', 'sent_at', 'vault', 'user', 'title', 'source'] as const;

export function runReportCsv(analysis: RunAnalysis, redactor: Redactor): string {
  const { header } = analysis;
  const vault = vaultLabel(header);
  const user = header.user.name ?? (header.user.id === undefined ? '' : String(header.user.id));
  const source = header.sourceDetail ?? header.source;
  const rows = [...analysis.ids].map(([id, state]) => [String(id), state.fate, state.message, state.sentAt ?? '', vault, user, header.titles?.[id] ?? '', source].map((cell) => csvField(redactor.redact(cell))).join(','));
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
