// What a journal says about its run: each ID's fate (accepted, refused, not sent, unknown, ...),
// whether the run finished, and for a run that stopped mid-way the plan to resume it. The rule that
// matters: an ID is sent again only when the journal proves it never reached Vault, or Vault's
// current status shows it still cancellable. An accepted ID is never sent again.
import { invalidJobIdReason, isAcceptedState, isCancellableState } from '../cancel';
import { acceptedMessage, countFates, idFates, type CheckedOutcome, type IdFate, type JournalEntry, type JournalOutcome, type JournalRead, type RunHeader } from './journal';

export interface IdState {
  fate: IdFate;
  /** Vault's message for a refusal, otherwise what is known of the ID. */
  message: string;
  /** When the ID was last sent (ISO), if ever. */
  sentAt?: string;
  /** The status Vault showed when the ID was checked after the run (Verify). */
  vaultStatus?: string;
  /** Vault showed it cancelled before the run started: refused, and not this run's doing. */
  cancelledBefore?: boolean;
}

export type RunState = 'finished' | 'stopped' | 'closed';

/** What "Show Job Actions" lists: read from a journal's first and last lines when it finished. */
export interface RunSummary {
  /** Without the run's IDs: a list of runs reads no more than each journal's first and last lines. */
  header: Omit<RunHeader, 'ids'>;
  /** finished: it wrote its end; stopped: it did not (a crash, or it is still running elsewhere); closed: stopped and then dismissed or resumed. */
  state: RunState;
  finishedAt?: string;
  counts: Record<IdFate, number>;
}

export interface RunAnalysis extends RunSummary {
  header: RunHeader;
  /** Every ID of the run, in the run's order. */
  ids: Map<number, IdState>;
  /** Lines inside the file could not be read: IDs it shows as never sent are treated as of unknown fate. */
  damaged: boolean;
  /** The journal stopped being written while the run went on (a full disk): IDs it shows as never sent are treated as of unknown fate. */
  incomplete: boolean;
}

/** Undefined when the journal has no readable start entry, or was cut while it was being created. */
export function analyzeJournal(read: JournalRead, options: { markedIncomplete?: boolean } = {}): RunAnalysis | undefined {
  const analyzer = new RunAnalyzer();
  for (const entry of read.entries) analyzer.add(entry);
  const build = analyzer.build(read.damagedLines.length > 0, options.markedIncomplete ?? false);
  for (let step = build.next(); ; step = build.next()) if (step.done) return step.value;
}

/** How many IDs `RunAnalyzer.build` handles between two pauses. */
const idsPerStep = 10_000;

/**
 * Takes a journal's entries one at a time, so that a large one can be read as a stream, and builds
 * the analysis in steps (a generator that pauses every `idsPerStep` IDs) so that a caller can let
 * other work run in between.
 */
export class RunAnalyzer {
  private start: Extract<JournalEntry, { t: 'start' }> | undefined;
  private readonly planned: number[] = [];
  private readonly titles: Record<number, string> = {};
  private readonly sends = new Map<number, Extract<JournalEntry, { t: 'send' }>>();
  private readonly attempts = new Map<number, { seq: number; at: string }[]>();
  private readonly ends = new Map<string, Attempt>();
  private readonly finalOutcomes: JournalOutcome[] = [];
  private readonly checked: CheckedOutcome[] = [];
  private end: Extract<JournalEntry, { t: 'end' }> | undefined;
  private closed = false;
  private incompleteEntry = false;
  private misplaced = false;
  /** Something other than the start and plan lines was read. */
  private pastPlan = false;

  add(entry: JournalEntry): void {
    if (!this.start) {
      if (entry.t === 'start') this.start = entry;
      else this.misplaced = true;
      return;
    }
    if (entry.t !== 'plan') this.pastPlan = true;
    switch (entry.t) {
      case 'plan':
        for (const id of entry.ids) this.planned.push(id);
        if (entry.titles && typeof entry.titles === 'object') {
          for (const [id, title] of Object.entries(entry.titles)) if (typeof title === 'string') this.titles[Number(id)] = title;
        }
        break;
      case 'send':
        this.sends.set(entry.seq, entry);
        for (const id of entry.ids) {
          const list = this.attempts.get(id);
          if (list) list.push({ seq: entry.seq, at: entry.at });
          else this.attempts.set(id, [{ seq: entry.seq, at: entry.at }]);
        }
        break;
      case 'answer':
        for (const item of entry.items) this.ends.set(key(entry.seq, item.id), item.ok ? { kind: 'accepted', message: '' } : item.type === 'missing' || item.type === 'mismatch'
          ? { kind: 'unknown', message: "Vault's answer did not say what it did with this ID" } : { kind: 'refused', message: item.message ?? item.type ?? 'refused' });
        break;
      case 'fail':
        for (const id of this.sends.get(entry.seq)?.ids ?? []) {
          this.ends.set(key(entry.seq, id), entry.mayHaveApplied ? { kind: 'unknown', message: `the request got no clear answer: ${entry.message}` } : { kind: 'notReached', message: entry.message });
        }
        break;
      case 'outcomes':
        this.finalOutcomes.push(...entry.items);
        break;
      case 'checked':
        this.checked.push(...entry.items);
        break;
      case 'end':
        this.end = entry;
        break;
      case 'closed':
        this.closed = true;
        break;
      case 'incomplete':
        this.incompleteEntry = true;
        break;
      case 'start':
        this.misplaced = true;
        break;
    }
  }

  /** `damagedLines`: lines of the file could not be read. `markedIncomplete`: the file carries the writer's incomplete mark. */
  *build(damagedLines: boolean, markedIncomplete: boolean): Generator<void, RunAnalysis | undefined> {
    const { start } = this;
    if (!start) return undefined;
    const { t: _t, v: _v, planned: plannedCount, ids: oldIds, ...rest } = start;
    const header: RunHeader = { ...rest, ids: oldIds ?? this.planned, ...(Object.keys(this.titles).length > 0 ? { titles: this.titles } : {}) };
    const planShort = plannedCount !== undefined && plannedCount !== this.planned.length;
    // Cut while it was being created: the run had not begun, nothing of it was sent.
    if (planShort && !this.pastPlan) return undefined;
    // A plan line lost to damage: its IDs are unknown to the analysis, so nothing in it is trusted as unsent.
    const damaged = damagedLines || this.misplaced || planShort;
    const incomplete = markedIncomplete || this.incompleteEntry;
    const ids = new Map<number, IdState>();
    let step = 0;
    if (this.end) {
      for (const id of header.ids) {
        ids.set(id, { fate: 'failed', message: 'the run ended without an outcome for this ID' });
        if (++step % idsPerStep === 0) yield;
      }
      for (const outcome of this.finalOutcomes) ids.set(outcome.id, { fate: outcome.fate, message: outcome.message });
    } else {
      const neverSent = damaged ? damagedNeverSent : incomplete ? incompleteNeverSent : notSent;
      for (const id of header.ids) {
        if (!ids.has(id)) ids.set(id, this.fateOf(id, neverSent));
        if (++step % idsPerStep === 0) yield;
      }
      for (const id of this.attempts.keys()) if (!ids.has(id)) ids.set(id, this.fateOf(id, neverSent));
    }
    // What Vault showed when asked after the run outweighs what the run itself could tell.
    for (const { id, fate, message, status, before } of this.checked) {
      if (ids.has(id)) ids.set(id, { fate, message, ...(status === undefined ? {} : { vaultStatus: status }), ...(before ? { cancelledBefore: true } : {}) });
    }
    for (const [id, attempts] of this.attempts) {
      const state = ids.get(id);
      const at = attempts.at(-1)?.at;
      if (state && at) ids.set(id, { ...state, sentAt: at });
      if (++step % idsPerStep === 0) yield;
    }
    const fates: IdFate[] = [];
    for (const state of ids.values()) {
      fates.push(state.fate);
      if (++step % idsPerStep === 0) yield;
    }
    return { header, state: this.end ? 'finished' : this.closed ? 'closed' : 'stopped', finishedAt: this.end?.at, ids, counts: countFates(fates), damaged, incomplete };
  }

  private fateOf(id: number, neverSent: IdState): IdState {
    const invalid = invalidJobIdReason(id);
    if (invalid) return { fate: 'invalid', message: `Not a valid job ID: ${invalid}` };
    const attempts = this.attempts.get(id);
    if (!attempts) return neverSent;
    return fateOfAttempts(attempts.map(({ seq }) => this.ends.get(key(seq, id)) ?? unanswered), neverSent);
  }
}

const unanswered: Attempt = { kind: 'unknown', message: 'sent; no answer was recorded before the run stopped' };

/** Shared by every ID the journal shows never sent (a run of 1.5 M IDs needs no 1.5 M copies); never changed. */
const notSent: IdState = Object.freeze({ fate: 'notSent', message: 'not sent before the run stopped' });
const damagedNeverSent: IdState = Object.freeze({ fate: 'unknown', message: 'the journal is damaged, so whether this ID was sent is not known' });
const incompleteNeverSent: IdState = Object.freeze({
  fate: 'unknown', message: 'the journal stopped being written while the run went on, so whether this ID was sent is not known',
});

interface Attempt {
  kind: 'accepted' | 'refused' | 'unknown' | 'notReached';
  message: string;
}

const key = (seq: number, id: number) => `${seq}:${id}`;

/**
 * Any acceptance wins; otherwise any attempt of unknown fate makes the ID unknown (a later refusal
 * may be Vault refusing what the earlier attempt already cancelled); then a refusal; else what the
 * journal allows to be said of an ID never sent (`neverSent`: not sent, or unknown in a journal that
 * cannot prove it).
 */
function fateOfAttempts(results: readonly Attempt[], neverSent: IdState): IdState {
  if (results.some((r) => r.kind === 'accepted')) return { fate: 'accepted', message: acceptedMessage };
  const unknown = results.find((r) => r.kind === 'unknown');
  if (unknown) return { fate: 'unknown', message: unknown.message };
  const refused = results.find((r) => r.kind === 'refused');
  if (refused) return { fate: 'refused', message: refused.message };
  return neverSent;
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
    // A check after the run showed it still cancellable: the run's cancel did not take, so it is sent again.
    if (state.fate === 'failed' && isCancellableState(state.vaultStatus)) plan.send.push(id);
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

export function vaultLabel(header: Pick<RunHeader, 'vault'>): string {
  return header.vault.name ? `${header.vault.name} (${header.vault.dns})` : header.vault.dns;
}

/** The start-up notice for a run that stopped mid-way. */
export function describeStoppedRun(analysis: RunAnalysis): string {
  const { accepted, notSent, unknown } = analysis.counts;
  const incomplete = analysis.incomplete ? '. Its record is incomplete (the journal could not be written), so Vault is asked about every job it cannot prove unsent' : '';
  return `The last cancel run on ${vaultLabel(analysis.header)} stopped: ${accepted} accepted, ${notSent} not sent, ${unknown} of unknown fate${incomplete}`;
}

/** One line of "Show Job Actions". */
export function describeRun(analysis: RunSummary): string {
  const counts = idFates.filter((fate) => analysis.counts[fate] > 0).map((fate) => `${analysis.counts[fate]} ${fateLabels[fate]}`).join(', ');
  const state = analysis.state === 'finished' ? '' : analysis.state === 'stopped' ? ' — stopped' : ' — stopped, closed';
  return `${analysis.header.startedAt} · ${vaultLabel(analysis.header)} · from ${analysis.header.sourceDetail ?? analysis.header.source} · ${counts || 'no IDs'}${state}`;
}

export const fateLabels: Record<IdFate, string> = {
  accepted: 'accepted', refused: 'not eligible', invalid: 'invalid', notSent: 'not sent', unknown: 'of unknown fate', failed: 'failed',
};
