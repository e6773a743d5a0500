// What a journal says about its run: each ID's fate (accepted, refused, not sent, unknown, ...),
// whether the run finished, and for a run that stopped mid-way the plan to resume it. The rule that
// matters: an ID is sent again only when the journal proves it never reached Vault, or Vault's
// current status shows it still cancellable. An accepted ID is never sent again.
import { invalidJobIdReason } from '../cancel/outcome';
import { isAcceptedState, isCancellableState } from '../cancel/verification';
import { countFates, idFates, type IdFate, type JournalEntry, type JournalOutcome, type JournalRead, type RunHeader } from './journal';

export interface IdState {
  fate: IdFate;
  /** Vault's message for a refusal, otherwise what is known of the ID. */
  message: string;
  /** When the ID was last sent (ISO), if ever. */
  sentAt?: string;
}

export type RunState = 'finished' | 'stopped' | 'closed';

/** What "Show Cancel Runs" lists: read from a journal's first and last lines when it finished. */
export interface RunSummary {
  header: RunHeader;
  /** finished: it wrote its end; stopped: it did not (a crash, or it is still running elsewhere); closed: stopped and then dismissed or resumed. */
  state: RunState;
  finishedAt?: string;
  counts: Record<IdFate, number>;
}

export interface RunAnalysis extends RunSummary {
  /** Every ID of the run, in the run's order. */
  ids: Map<number, IdState>;
  /** Lines inside the file could not be read: IDs it shows as never sent are treated as of unknown fate. */
  damaged: boolean;
}

/** Undefined when the journal has no readable start entry. */
export function analyzeJournal(read: JournalRead): RunAnalysis | undefined {
  const [start] = read.entries;
  if (start?.t !== 'start') return undefined;
  const { t: _t, v: _v, ...header } = start;
  const damaged = read.damagedLines.length > 0;
  const sends = new Map<number, Extract<JournalEntry, { t: 'send' }>>();
  const attempts = new Map<number, { seq: number; at: string }[]>();
  const ends = new Map<string, Attempt>();
  const finalOutcomes: JournalOutcome[] = [];
  let end: Extract<JournalEntry, { t: 'end' }> | undefined;
  let closed = false;
  for (const entry of read.entries) {
    if (entry.t === 'send') {
      sends.set(entry.seq, entry);
      for (const id of entry.ids) attempts.set(id, [...(attempts.get(id) ?? []), { seq: entry.seq, at: entry.at }]);
    } else if (entry.t === 'answer') {
      for (const item of entry.items) ends.set(key(entry.seq, item.id), item.ok ? { kind: 'accepted', message: '' } : item.type === 'missing' || item.type === 'mismatch'
        ? { kind: 'unknown', message: "Vault's answer did not say what it did with this ID" } : { kind: 'refused', message: item.message ?? item.type ?? 'refused' });
    } else if (entry.t === 'fail') {
      for (const id of sends.get(entry.seq)?.ids ?? []) {
        ends.set(key(entry.seq, id), entry.mayHaveApplied ? { kind: 'unknown', message: `the request got no clear answer: ${entry.message}` } : { kind: 'notReached', message: entry.message });
      }
    } else if (entry.t === 'outcomes') {
      finalOutcomes.push(...entry.items);
    } else if (entry.t === 'end') {
      end = entry;
    } else if (entry.t === 'closed') {
      closed = true;
    }
  }
  const ids = new Map<number, IdState>();
  const lastSent = (id: number) => attempts.get(id)?.at(-1)?.at;
  if (end) {
    for (const id of header.ids) ids.set(id, { fate: 'failed', message: 'the run ended without an outcome for this ID' });
    for (const outcome of finalOutcomes) ids.set(outcome.id, { fate: outcome.fate, message: outcome.message });
  } else {
    for (const id of new Set([...header.ids, ...attempts.keys()])) {
      const invalid = invalidJobIdReason(id);
      const results = (attempts.get(id) ?? []).map(({ seq }) => ends.get(key(seq, id)) ?? unanswered);
      ids.set(id, invalid ? { fate: 'invalid', message: `Not a valid job ID: ${invalid}` } : fateOfAttempts(results, damaged));
    }
  }
  for (const [id, state] of ids) {
    const at = lastSent(id);
    if (at) state.sentAt = at;
  }
  const counts = countFates([...ids.values()].map((state) => state.fate));
  return { header, state: end ? 'finished' : closed ? 'closed' : 'stopped', finishedAt: end?.at, ids, counts, damaged };
}

const unanswered: Attempt = { kind: 'unknown', message: 'sent; no answer was recorded before the run stopped' };

interface Attempt {
  kind: 'accepted' | 'refused' | 'unknown' | 'notReached';
  message: string;
}

const key = (seq: number, id: number) => `${seq}:${id}`;

/**
 * Any acceptance wins; otherwise any attempt of unknown fate makes the ID unknown (a later refusal
 * may be Vault refusing what the earlier attempt already cancelled); then a refusal; else never sent.
 */
function fateOfAttempts(results: readonly Attempt[], damaged: boolean): IdState {
  if (results.some((r) => r.kind === 'accepted')) return { fate: 'accepted', message: 'Vault accepted the cancel' };
  const unknown = results.find((r) => r.kind === 'unknown');
  if (unknown) return { fate: 'unknown', message: unknown.message };
  const refused = results.find((r) => r.kind === 'refused');
  if (refused) return { fate: 'refused', message: refused.message };
  if (damaged) return { fate: 'unknown', message: 'the journal is damaged, so whether this ID was sent is not known' };
  return { fate: 'notSent', message: 'not sent before the run stopped' };
}

export interface ResumePlan {
  /** IDs to send in the resuming run: proven never sent, or shown still cancellable now. Never an accepted one. */
  send: number[];
  /** Unknown IDs the status check settled: accepted, refused, or gone from Vault. */
  settled: Map<number, IdState>;
  /** Still of unknown fate (not checked, or the check failed): neither sent nor settled. */
  unknown: number[];
}

/**
 * `statuses`: Vault's current status of IDs (null: no such job), from `verifyUnknown`. IDs not sent
 * are sent unless a status shows them gone or done; unknown ones only when a status shows them still
 * cancellable.
 */
export function planResume(analysis: RunAnalysis, statuses: ReadonlyMap<number, string | null> = new Map()): ResumePlan {
  const plan: ResumePlan = { send: [], settled: new Map(), unknown: [] };
  for (const [id, state] of analysis.ids) {
    if (state.fate !== 'notSent' && state.fate !== 'unknown') continue;
    const status = statuses.get(id);
    if (isAcceptedState(status)) plan.settled.set(id, { ...state, fate: 'accepted', message: `Vault shows it ${status}` });
    else if (status === null) plan.settled.set(id, { ...state, fate: 'failed', message: 'Vault knows no such job' });
    else if (status !== undefined && !isCancellableState(status)) plan.settled.set(id, { ...state, fate: 'refused', message: `Vault shows it ${status}` });
    else if (state.fate === 'notSent' || status !== undefined) plan.send.push(id);
    else plan.unknown.push(id);
  }
  return plan;
}

/** IDs whose status the resume needs checked. */
export function idsToVerify(analysis: RunAnalysis): number[] {
  return [...analysis.ids].filter(([, state]) => state.fate === 'unknown').map(([id]) => id);
}

export function vaultLabel(header: RunHeader): string {
  return header.vault.name ? `${header.vault.name} (${header.vault.dns})` : header.vault.dns;
}

/** The start-up notice for a run that stopped mid-way. */
export function describeStoppedRun(analysis: RunAnalysis): string {
  const { accepted, notSent, unknown } = analysis.counts;
  return `The last cancel run on ${vaultLabel(analysis.header)} stopped: ${accepted} accepted, ${notSent} not sent, ${unknown} of unknown fate`;
}

/** One line of "Show Cancel Runs". */
export function describeRun(analysis: RunSummary): string {
  const counts = idFates.filter((fate) => analysis.counts[fate] > 0).map((fate) => `${analysis.counts[fate]} ${fateLabels[fate]}`).join(', ');
  const state = analysis.state === 'finished' ? '' : analysis.state === 'stopped' ? ' — stopped' : ' — stopped, closed';
  return `${analysis.header.startedAt} · ${vaultLabel(analysis.header)} · from ${analysis.header.source} · ${counts || 'no IDs'}${state}`;
}

export const fateLabels: Record<IdFate, string> = {
  accepted: 'accepted', refused: 'refused', invalid: 'invalid', notSent: 'not sent', unknown: 'of unknown fate', failed: 'failed',
};
