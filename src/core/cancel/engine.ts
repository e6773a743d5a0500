// The bulk-cancel engine: every distinct input ID ends with exactly one outcome. IDs are deduplicated,
// sent in requests of at most 500, a few requests at a time; a request whose fate is unknown is sent
// again and its answers are checked against Vault's job status instead of being taken at face value.
//
// The engine is the only place a cancel is repeated (the client sends each Cancel Job call once): an ID
// goes out in at most 1 + maxRetries requests (4 by default), whatever fails and however often Vault
// answers unclearly. A stop ends the run within stopGraceMs whatever the server does.
import { systemClock, type Clock } from '../clock';
import { componentLogger, silentLogger, type Logger } from '../log';
import {
  VaultError, backoffDelay, boundServerText, isVaultError, longestRetryAfterMs, maxCancelBatch, type CancelItemResult, type VaultClient, type VaultErrorItem,
} from '../vault';
import { followUpCancelled } from './followUp';
import { countOutcomes, invalidJobIdReason, joinReasons, type CancelOutcome, type CancelProgress, type CancelRunResult } from './outcome';
import { describeLookup, isAcceptedState, isCancellableState, lookupStatuses, outcomeFromStatus, type StatusLookup } from './verification';
import { runPool } from './pool';

export interface CancelRunOptions {
  /** IDs per request, 1..500 (default 500). */
  batchSize?: number;
  /** Requests in flight at once, 1..4 (default 3). */
  concurrency?: number;
  /**
   * Repeats of an ID after transient failures, rate-limit refusals and unclear answers, all together
   * (default 3): no ID is sent more than 1 + maxRetries times.
   */
  maxRetries?: number;
  /**
   * Stops new requests at once; requests in flight get `stopGraceMs` to be answered (and their unclear
   * IDs verified), then are abandoned with an unknown outcome. Unsent IDs end as notSent.
   */
  signal?: AbortSignal;
  /**
   * How long a stopped run still waits for answers and status checks (default 1500 ms): long enough
   * for most requests in flight to be answered, so their outcome is known, short enough that Stop
   * feels immediate.
   */
  stopGraceMs?: number;
  /** After the run, watch accepted IDs until Vault reports them CANCELLED. */
  followUp?: boolean;
  onProgress?: (progress: CancelProgress) => void;
  logger?: Logger;
  clock?: Clock;
  /** Jitter source for backoff (default Math.random). */
  random?: () => number;
  /**
   * First retry delay, doubled on each retry (default 500 ms); capped at backoffMaxMs (default 15 s).
   * A longer Retry-After is waited out, up to the client's longestRetryAfterMs; beyond it the IDs fail.
   */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Up to this many IDs are verified with Job Status one by one; more through monitors and histories pages (default 20). */
  verifyByStatusUpTo?: number;
  /** Follow-up polling interval (default 10 s, Vault's per-job status limit) and deadline (default 5 min). */
  followUpIntervalMs?: number;
  followUpTimeoutMs?: number;
  /** Hears of every cancel request before it leaves and when it ends (a run journal). */
  observer?: CancelRequestObserver;
}

/** Called synchronously before each cancel request is sent, so a journal can record it durably first. */
export interface CancelRequestObserver {
  beforeSend(ids: readonly number[]): CancelRequestWatch;
}

export interface CancelRequestWatch {
  answered(items: readonly CancelItemResult[]): void;
  /** mayHaveApplied: the request may have reached Vault and been acted on (no answer, or an EXCEPTION). */
  failed(failure: { mayHaveApplied: boolean; message: string; errorType?: string }): void;
}

export type { CancelOutcome, CancelProgress, CancelRunResult } from './outcome';

export async function cancelJobs(client: VaultClient, ids: Iterable<number>, options: CancelRunOptions = {}): Promise<CancelRunResult> {
  return new CancelRun(client, options).run(ids);
}

/** An ID whose outcome the answer alone does not settle, with Vault's item errors when it gave some. */
interface Unclear {
  id: number;
  errors?: VaultErrorItem[];
  why: string;
}

/** What becomes of unclear IDs that cannot be sent again. */
type Fallback = { kind: 'notSent'; reason: string } | { kind: 'failed'; reason: string; errorType?: string };

/** Margin on the histories start date for the verification, so a clock skew between here and Vault cannot hide a job. */
const historiesMarginMs = 60 * 60 * 1000;

class CancelRun {
  private readonly outcomes = new Map<number, CancelOutcome>();
  private readonly sends = new Map<number, number>();
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxRetries: number;
  private readonly stop: AbortSignal;
  /** Aborts stopGraceMs after the stop: ends requests in flight and status checks, whatever the server does. */
  private readonly afterGrace: AbortSignal;
  private readonly disposeGrace: () => void;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly since: Date;
  private requestsSent = 0;
  private requestsDone = 0;
  private requestsTotal = 0;
  private idsTotal = 0;
  /** Set once the session is gone and re-authentication failed: nothing more can be sent. */
  private sessionLost: string | undefined;
  /**
   * IDs whose answers do not settle them (Vault's documented example names another job in a SUCCESS
   * item), checked together once per round so that their cost is a few list pages, not one status call each.
   */
  private unsettled: Unclear[] = [];

  constructor(
    private readonly client: VaultClient,
    private readonly options: CancelRunOptions,
  ) {
    this.batchSize = checkedOption('batchSize', options.batchSize ?? maxCancelBatch, 1, maxCancelBatch);
    this.concurrency = checkedOption('concurrency', options.concurrency ?? 3, 1, 4);
    this.maxRetries = checkedOption('maxRetries', options.maxRetries ?? 3, 0, 10);
    this.stop = options.signal ?? new AbortController().signal;
    ({ signal: this.afterGrace, dispose: this.disposeGrace } = graceAfter(this.stop, options.stopGraceMs ?? 1_500));
    this.clock = options.clock ?? systemClock;
    this.log = componentLogger(options.logger ?? silentLogger, client.redactor, 'cancel');
    this.since = new Date(this.clock.now() - historiesMarginMs);
  }

  async run(input: Iterable<number>): Promise<CancelRunResult> {
    try {
      return await this.runAll(input);
    } finally {
      this.disposeGrace();
    }
  }

  private async runAll(input: Iterable<number>): Promise<CancelRunResult> {
    let pending = this.admit(input);
    this.log.info(`cancelling ${pending.length} job ID(s) in requests of up to ${this.batchSize}, ${this.concurrency} at a time`);
    for (let round = 0; pending.length > 0; round++) {
      const batches = chunk(pending, this.batchSize);
      this.requestsTotal += batches.length;
      const resend: number[] = [];
      // IDs sent again were answered unclearly before: their new answers are checked too.
      await runPool(batches, this.concurrency, (batch) => this.runBatch(batch, round > 0, resend));
      if (this.unsettled.length > 0) await this.verify(this.unsettled.splice(0), resend);
      pending = resend;
    }
    this.emitProgress();
    if (this.options.followUp && !this.stop.aborted) await this.followUp();
    const counts = countOutcomes(this.outcomes.values());
    this.log.info(`done: ${Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${this.requestsSent} request(s) sent${this.stop.aborted ? '; stopped' : ''}`);
    return { outcomes: this.outcomes, requestsSent: this.requestsSent, stopped: this.stop.aborted };
  }

  /** Distinct valid IDs in input order; invalid ones get their outcome here and are never sent. */
  private admit(input: Iterable<number>): number[] {
    const valid: number[] = [];
    const seen = new Set<number>();
    for (const id of input) {
      if (seen.has(id)) continue;
      seen.add(id);
      const invalid = invalidJobIdReason(id);
      if (invalid) this.setOutcome(id, { kind: 'invalidInput', message: invalid });
      else valid.push(id);
    }
    this.idsTotal = seen.size;
    return valid;
  }

  private async runBatch(ids: number[], uncertainAtStart: boolean, resend: number[]): Promise<void> {
    try {
      await this.sendBatch(ids, uncertainAtStart);
    } catch (error) {
      // Not a Vault answer but a fault here: the IDs still get an outcome.
      this.log.error(`a cancel request ended unexpectedly: ${(error as Error).message}`);
      for (const id of ids) if (!this.outcomes.has(id) && !resend.includes(id)) this.setOutcome(id, { kind: 'failed', reason: `unexpected error: ${(error as Error).message}` });
    }
    this.requestsDone++;
    this.emitProgress();
  }

  private async sendBatch(ids: number[], uncertainAtStart: boolean): Promise<void> {
    /** True once an attempt may have reached Vault without its answer reaching us. */
    let uncertain = uncertainAtStart;
    for (let attempt = 0; ; attempt++) {
      if (this.stop.aborted || this.sessionLost) return this.finishUnsent(ids, uncertain);
      let items: CancelItemResult[];
      const watch = this.options.observer?.beforeSend(ids);
      try {
        // A stop lets the request in flight finish within the grace, so its outcome is usually known.
        items = await this.client.cancelJobs(ids, this.afterGrace, { stop: this.stop });
      } catch (error) {
        const failure = isVaultError(error) ? error : new VaultError('network', (error as Error).message);
        // A refusal (not sent, a Vault FAILURE answer, HTTP 429) means nothing was done; no answer, or an EXCEPTION, leaves it open.
        const mayHaveApplied = !failure.refused;
        watch?.failed({ mayHaveApplied, message: failure.message, errorType: failure.errorType });
        if (failure.sent) this.countSend(ids);
        if (!failure.sent && failure.kind === 'aborted') continue; // stopped while waiting for a slot: the loop's check ends it
        uncertain ||= mayHaveApplied;
        // Transient: the client renewed the session and left the resend, which counts like any other, to this loop.
        const renewed = failure.errorType === 'INVALID_SESSION_ID' && failure.transient;
        if (failure.errorType === 'INVALID_SESSION_ID' && !renewed) this.sessionLost ??= failure.message;
        const retries = this.retriesLeft(ids, attempt);
        const delay = renewed ? 0 : Math.max(
          backoffDelay(attempt, this.options.backoffBaseMs ?? 500, this.options.backoffMaxMs ?? 15_000, this.options.random ?? Math.random),
          failure.retryAfterMs ?? 0,
        );
        if (!failure.transient || retries === 0 || delay > longestRetryAfterMs) return this.finishFailed(ids, uncertain, failure);
        this.log.warn(`cancel request of ${ids.length} ID(s) failed (${failure.message}); retrying in ${delay} ms (${retries} more send(s) at most)`);
        await this.clock.sleep(delay, this.stop).catch(() => undefined); // a stop ends the wait; the loop's check ends the batch
        continue;
      }
      this.countSend(ids);
      watch?.answered(items);
      return this.settle(items, uncertain);
    }
  }

  /**
   * Sends still allowed for this batch: bounded by its attempts (a request that never left counts too,
   * so a refused connection cannot loop) and by the most-sent ID, so resends after unclear answers
   * share the same budget of 1 + maxRetries sends per ID.
   */
  private retriesLeft(ids: readonly number[], attempt: number): number {
    let mostSends = 0;
    for (const id of ids) mostSends = Math.max(mostSends, this.sends.get(id) ?? 0);
    return Math.max(0, Math.min(this.maxRetries - attempt, this.maxRetries + 1 - mostSends));
  }

  private countSend(ids: readonly number[]): void {
    this.requestsSent++;
    for (const id of ids) this.sends.set(id, (this.sends.get(id) ?? 0) + 1);
  }

  private settle(items: CancelItemResult[], uncertain: boolean): void {
    const unclear: Unclear[] = [];
    for (const item of items) {
      if (item.status === 'success') {
        this.setOutcome(item.jobId, { kind: 'accepted', state: 'CANCELLING', verified: false });
      } else if (item.status === 'failure') {
        // After an attempt that may have cancelled it already, "not found in QUEUED or QUEUEING state" may mean exactly that.
        if (uncertain) unclear.push({ id: item.jobId, errors: item.errors, why: `Vault answered ${describeItemError(item.errors)} to a repeated request` });
        else this.setOutcome(item.jobId, notEligible(item.errors));
      } else {
        const why = item.status === 'missing' ? "Vault's answer had no item for it" : `Vault's answer named job ${item.returnedId} in its place`;
        unclear.push({ id: item.jobId, why });
      }
    }
    this.unsettled.push(...unclear);
  }

  /** Stopped, or the session is gone, before this batch could be (re)sent. */
  private async finishUnsent(ids: number[], uncertain: boolean): Promise<void> {
    if (this.sessionLost) return this.finishWithoutSession(ids, uncertain, this.sessionLost);
    if (uncertain) {
      const fallback: Fallback = { kind: 'notSent', reason: "the run was stopped before Vault's answer to this ID was known" };
      return this.verify(ids.map((id) => ({ id, why: fallback.reason })), undefined, fallback);
    }
    for (const id of ids) this.setOutcome(id, { kind: 'notSent', reason: 'the run was stopped before this ID was sent' });
  }

  private async finishFailed(ids: number[], uncertain: boolean, failure: VaultError): Promise<void> {
    if (uncertain && this.sessionLost) return this.finishWithoutSession(ids, uncertain, failure.message);
    const fallback: Fallback = { kind: 'failed', reason: failure.message, errorType: failure.errorType };
    if (uncertain) return this.verify(ids.map((id) => ({ id, why: failure.message })), undefined, fallback);
    for (const id of ids) this.setOutcome(id, fallback);
  }

  /**
   * The session is gone and signing in again failed, so no status can be read either: IDs a request
   * may have cancelled stay unknown; the others failed with the session's reason.
   */
  private finishWithoutSession(ids: number[], uncertain: boolean, reason: string): void {
    const outcome: CancelOutcome = uncertain
      ? { kind: 'unknown', reason: joinReasons(reason, 'an earlier request with this ID got no clear answer, and without a session its status cannot be checked') }
      : { kind: 'failed', reason, errorType: 'INVALID_SESSION_ID' };
    for (const id of ids) this.setOutcome(id, outcome);
  }

  /**
   * Decides unclear IDs from Vault's current job status: accepted when it shows CANCELLING or
   * CANCELLED, not eligible when Vault refused it and its status agrees, sent again when it may
   * still be cancelled (and `resend` is given), otherwise the fallback.
   */
  private async verify(unclear: Unclear[], resend?: number[], fallback?: Fallback): Promise<void> {
    const ids = unclear.map((u) => u.id);
    this.log.info(`checking the status of ${ids.length} job(s) whose cancel outcome is unclear (${unclear[0].why}${ids.length > 1 ? ', …' : ''})`);
    // What was sent is established even after a stop, within the grace.
    const lookup = await lookupStatuses(this.client, ids, {
      perJobUpTo: this.options.verifyByStatusUpTo ?? 20, since: this.since, logger: this.log, signal: this.afterGrace,
    }).catch((error: unknown): StatusLookup => ({ statuses: new Map(), error: (error as Error).message, pagesRead: 0, statusCalls: 0 }));
    this.log.info(`checked ${ids.length} job(s): ${describeLookup(lookup, ids.length)}`);
    // The session is gone and signing in again failed: nothing more can be sent or checked.
    if (lookup.errorType === 'INVALID_SESSION_ID') this.sessionLost ??= lookup.error;
    for (const { id, errors, why } of unclear) {
      const status = lookup.statuses.get(id);
      if (isAcceptedState(status)) {
        this.setOutcome(id, { kind: 'accepted', state: status, verified: true });
      } else if (errors && status !== undefined) {
        // Vault answered this very request for the ID, and its status shows it not cancelled: the refusal stands.
        this.setOutcome(id, notEligible(errors));
      } else if (resend && !errors && (this.sends.get(id) ?? 0) < this.maxRetries + 1 && !this.stop.aborted && !this.sessionLost) {
        // An ID Vault answered is never sent again, whatever its status; only IDs without an answer are.
        resend.push(id);
      } else if (fallback?.kind === 'notSent' && isCancellableState(status)) {
        // "Not sent" promises a plain resubmission; that holds only while Vault still shows the job cancellable.
        this.setOutcome(id, { ...fallback, reason: joinReasons(fallback.reason, `Vault shows it ${status}`) });
      } else {
        const base = fallback?.kind === 'failed' ? fallback : { reason: fallback?.reason ?? why, errorType: errors?.[0]?.type };
        // A status is the server's text, quoted in the reason: bounded like any other.
        const shownStatus = typeof status === 'string' ? boundServerText(status, (window) => this.client.redactor.redact(window)) : status;
        this.setOutcome(id, outcomeFromStatus(shownStatus, base.reason, lookup.error, base.errorType));
      }
    }
  }

  /**
   * Every outcome passes the client's redactor: reasons quote Vault's texts and error messages, which
   * can echo a session or password, and they become diagnostics, notifications and log lines.
   */
  private setOutcome(id: number, outcome: CancelOutcome): void {
    const redact = (text: string) => this.client.redactor.redact(text);
    switch (outcome.kind) {
      case 'notEligible':
        return void this.outcomes.set(id, { ...outcome, errorType: redact(outcome.errorType), message: redact(outcome.message) });
      case 'notSent':
      case 'unknown':
      case 'failed':
        return void this.outcomes.set(id, { ...outcome, reason: redact(outcome.reason) });
      default:
        this.outcomes.set(id, outcome);
    }
  }

  private async followUp(): Promise<void> {
    const cancelling = [...this.outcomes].filter(([, o]) => o.kind === 'accepted' && o.state === 'CANCELLING').map(([id]) => id);
    if (cancelling.length === 0) return;
    await followUpCancelled(this.client, cancelling, {
      clock: this.clock,
      logger: this.log,
      intervalMs: this.options.followUpIntervalMs ?? 10_000,
      timeoutMs: this.options.followUpTimeoutMs ?? 5 * 60_000,
      perJobUpTo: this.options.verifyByStatusUpTo ?? 20,
      since: this.since,
      signal: this.options.signal,
      onCancelled: (id) => {
        const outcome = this.outcomes.get(id);
        if (outcome?.kind === 'accepted') this.setOutcome(id, { ...outcome, state: 'CANCELLED' });
      },
      onRound: (remaining) => this.emitProgress(remaining),
    }).catch((error: unknown) => this.log.warn(`the follow-up ended early: ${(error as Error).message}`));
  }

  private emitProgress(followUpRemaining?: number): void {
    this.options.onProgress?.({
      requestsDone: this.requestsDone,
      requestsTotal: this.requestsTotal,
      idsDone: this.outcomes.size,
      idsTotal: this.idsTotal,
      counts: countOutcomes(this.outcomes.values()),
      ...(followUpRemaining === undefined ? {} : { followUpRemaining }),
    });
  }
}

function notEligible(errors: readonly VaultErrorItem[]): CancelOutcome {
  return { kind: 'notEligible', errorType: errors[0]?.type ?? 'UNKNOWN', message: errors[0]?.message ?? '' };
}

function describeItemError(errors: readonly VaultErrorItem[]): string {
  return errors[0] ? `${errors[0].type} "${errors[0].message}"` : 'FAILURE';
}

function checkedOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  return value;
}

/** A signal that aborts `graceMs` after `stop` does; `dispose` forgets `stop` and its timer once the run is over. */
function graceAfter(stop: AbortSignal, graceMs: number): { signal: AbortSignal; dispose: () => void } {
  const grace = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () => (timer = setTimeout(() => grace.abort(), graceMs));
  if (stop.aborted) start();
  else stop.addEventListener('abort', start, { once: true });
  return {
    signal: grace.signal,
    dispose: () => {
      stop.removeEventListener('abort', start);
      clearTimeout(timer);
    },
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
