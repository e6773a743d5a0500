// One cancel run, whatever started it (a file selection, the Jobs view, typed IDs): a session, a
// confirmation naming the Vault, a stoppable progress notification, then every ID's outcome in the
// output and as results at each of its occurrences, and a summary with next steps.
import * as vscode from 'vscode';
import { MOST_VALUES_PER_SELECTION, type TextSpan } from '../../core/ids';
import type { Logger } from '../../core/log';
import { cancelJobs, countOutcomes, describeOutcome, verifyUnknownOutcomes, isRetryable, retryableIds, checkEligibility, type CancelOutcome, type CancelRequestObserver, type CancelRunResult, type EligibilityCheck } from '../../core/cancel';
import type { VaultEntry } from '../../core/settings';
import type { VaultClient } from '../../core/vault';
import { checkedFromOutcomes, type RunSource } from '../../core/runs';
import type { ActiveConnection, SessionService } from '../session';
import type { JobsService } from '../jobs';
import type { RunRecorder } from '../runs';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import type { CancelResults, LocatedId, SelectionProblem } from './cancelResults';
import type { CancelPrompts } from './prompts';
import { UnknownFates } from './unknownFates';
import { plural } from '../plural';

const { l10n } = vscode;

export interface IdToCancel {
  readonly id: number;
  /** Where the ID stands in `CancelRequest.document`, when it came from a file. */
  readonly span?: TextSpan;
}

export interface CancelRequest {
  /** What the IDs came from, for the confirmation and the log: "jobs.csv", "the Jobs view". */
  readonly source: string;
  /** Where the IDs came from, as the run's record keeps it. */
  readonly origin: RunSource;
  /** The source as precisely as the IDs were chosen, for the run's record and report (default: `source`). */
  readonly sourceDetail?: string;
  /**
   * Titles of the jobs as the caller showed them (the Jobs view's rows), to name a single job in the
   * confirmation; the record takes the others from the last listings.
   */
  readonly titles?: ReadonlyMap<number, string>;
  /** The stopped run this one resumes (its record is closed once this one's starts). */
  readonly resumes?: string;
  readonly ids: readonly IdToCancel[];
  /** Selected text that is not a valid job ID; shown as diagnostics, never sent. */
  readonly problems: readonly SelectionProblem[];
  /** How many there are when not all are listed (a selection lists at most MOST_PROBLEMS_LISTED). */
  readonly problemCount?: number;
  readonly document?: vscode.TextDocument;
  /** The selection holds more values than one run takes; its one problem says where. Nothing is sent. */
  readonly tooManyValues?: boolean;
  /**
   * Scheduled jobs offered besides `ids` (a group's scheduled members): sent only when the user
   * chooses them too at the confirmation, as cancelling them stops those runs of their schedule.
   */
  readonly scheduledIds?: readonly number[];
}

export interface CancelRunSummary {
  /** The run's record, when it could be written. */
  readonly runId: string | undefined;
  readonly vault: VaultEntry;
  readonly result: CancelRunResult;
  readonly counts: Record<CancelOutcome['kind'], number>;
}

export interface CancelRunnerDeps {
  readonly session: Pick<SessionService, 'ensureSignedIn'>;
  readonly settings: Pick<Settings, 'current'>;
  readonly results: Pick<CancelResults, 'showProblems' | 'showOutcomes' | 'settleUnknown'>;
  readonly prompts: CancelPrompts;
  readonly records: RunRecorder;
  /** The run's own lines, prefixed [cancel]. */
  readonly log: Logger;
  /** For the engine, which prefixes its own lines with [cancel]. */
  readonly engineLog: Logger;
  /** Opens the output, for the summary's Show Output. */
  showOutput(): void;
  /**
   * Hands the Active list the eligibility check read to the jobs model, which the view and the results
   * follow; names a single job; holds background reading back while a run sends.
   */
  readonly jobs: Pick<JobsService, 'recordActiveListing' | 'recentActiveListing' | 'titlesOf' | 'holdBackgroundReading'>;
}

/** A listing this recent stands for the Active list when a few IDs are checked: Job Status allows a call per job every 10 s too. */
const recentListingMaxAgeMs = 10_000;

export class CancelRunner implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private runNumber = 0;
  private readonly finished = this.disposables.add(new vscode.EventEmitter<CancelRunSummary>());
  readonly onDidFinish = this.finished.event;
  /** IDs of unknown fate from this window's runs, until a check settles them. */
  readonly unknownFates = this.disposables.add(new UnknownFates());

  constructor(private readonly deps: CancelRunnerDeps) {}

  async run(request: CancelRequest): Promise<CancelRunSummary | undefined> {
    const { document } = request;
    if (document) this.deps.results.showProblems(document, request.problems);
    if (request.tooManyValues) {
      this.deps.prompts.tooManyValues(request.source, MOST_VALUES_PER_SELECTION);
      return undefined;
    }
    const distinct = [...new Set(request.ids.map((item) => item.id))];
    if (distinct.length === 0) {
      this.deps.prompts.nothingToCancel(request.source, request.problemCount ?? request.problems.length);
      return undefined;
    }
    const active = await this.deps.session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to cancel jobs.', vaultName));
    if (!active) return undefined;
    if (!active.client.supportsCancel) {
      // Said before asking for confirmation: every ID would fail the same way.
      this.deps.prompts.apiTooOld(active.vault, active.client.apiVersion);
      return undefined;
    }
    const duplicates = request.ids.length - distinct.length;
    const eligibility = await this.checkEligibility(active, distinct);
    if (!eligibility) return undefined;
    const inRequest = new Set(distinct);
    const scheduled = [...new Set(request.scheduledIds ?? [])].filter((id) => !inRequest.has(id));
    const job = distinct.length === 1 && scheduled.length === 0 ? await this.nameJob(distinct[0], request) : undefined;
    const choice = await this.deps.prompts.confirm({
      vault: active.vault, distinct: distinct.length, duplicates, problems: request.problemCount ?? request.problems.length, source: request.source, eligibility,
      ...(job ? { job } : {}), ...(scheduled.length ? { scheduled: scheduled.length } : {}),
    });
    if (!choice) {
      this.deps.log.info(`run on ${active.vault.name} not confirmed; nothing sent`);
      return undefined;
    }
    // "Only the eligible": the others stay unsent, each with its reason, so every ID still gets an outcome.
    const keptBack = choice === 'eligibleOnly' && eligibility.kind === 'checked' ? keptBackReasons(eligibility) : new Map<number, string>();
    const toSend = [...distinct.filter((id) => !keptBack.has(id)), ...(choice === 'withScheduled' ? scheduled : [])];

    const run = ++this.runNumber;
    const { concurrency, batchSize } = this.deps.settings.current;
    this.deps.log.info(`run ${run}: cancelling ${toSend.length} job ID(s) from ${request.source} on ${active.vault.name} (${active.vault.dns}); ` +
      `${duplicates} duplicate(s), ${request.problemCount ?? request.problems.length} problem(s), ${keptBack.size} kept back as not eligible; ${scheduled.length ? `${scheduled.length} scheduled ${choice === 'withScheduled' ? 'sent too' : 'left alone'}; ` : ''}batches of ${batchSize}, ${concurrency} at once`);
    // The record's IDs are those to send: a resume after a crash must never send one the user kept back.
    const titles = await this.deps.jobs.titlesOf(toSend);
    for (const [id, title] of request.titles ?? []) titles.set(id, title);
    const record = this.deps.records.begin({
      vault: { dns: active.vault.dns, name: active.vault.name, id: active.session.vaultId },
      user: { id: active.session.userId, name: active.session.username },
      source: request.origin,
      sourceDetail: request.sourceDetail ?? request.source,
      titles: Object.fromEntries(titles),
      ...(request.resumes ? { resumes: request.resumes } : {}),
      ids: toSend,
    });
    const startedAt = Date.now();
    const hold = this.deps.jobs.holdBackgroundReading();
    let result: CancelRunResult;
    try {
      result = await this.send(run, active, toSend, record.observer);
    } finally {
      hold.dispose();
    }
    for (const [id, reason] of keptBack) result.outcomes.set(id, { kind: 'notSent', reason, leftOut: true });
    record.finish(result);
    const summary: CancelRunSummary = { runId: record.runId, vault: active.vault, result, counts: countOutcomes(result.outcomes.values()) };
    this.logResult(run, active.client, summary);
    if (document) this.deps.results.showOutcomes(document, request.ids.filter(isLocated), result, active.client.baseUrl);
    this.unknownFates.record(active.client.baseUrl, result.outcomes, { startedAt, ...(record.runId ? { runId: record.runId } : {}) });
    this.finished.fire(summary);
    void this.offerNextSteps(summary, request);
    return summary;
  }

  /** The one job of a run, with its title from the caller or from what the jobs model last listed (no call to Vault). */
  private async nameJob(id: number, request: CancelRequest): Promise<{ id: number; title?: string }> {
    const title = request.titles?.get(id) ?? (await this.deps.jobs.titlesOf([id])).get(id);
    return title ? { id, title } : { id };
  }

  /**
   * Before asking: which IDs Vault will accept, from the Active list (⌈active/200⌉ calls and the first page again, skipped
   * above 5,000 IDs or when the burst budget is low); up to 20 IDs from a listing of the last seconds and
   * Job Status for the others. Undefined when the user stopped the check.
   */
  private checkEligibility({ vault, client }: ActiveConnection, ids: readonly number[]): Thenable<EligibilityCheck | undefined> {
    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: l10n.t('Checking which jobs {0} will accept…', vault.name), cancellable: true,
    }, async (_progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort(new Error(l10n.t('Stopped by the user'))));
      try {
        const check = await checkEligibility(client, ids, {
          signal: stop.signal, logger: this.deps.engineLog,
          recentList: this.deps.jobs.recentActiveListing(recentListingMaxAgeMs),
          onListed: (list) => this.deps.jobs.recordActiveListing({ ...list, vaultUrl: client.baseUrl }),
        });
        this.deps.log.info(check.kind === 'checked'
          ? `eligibility of ${ids.length} ID(s) on ${vault.name} in ${check.calls} call(s)${check.via === 'jobStatus' ? ' of Job Status' : ''}: ${check.eligibility.eligible.length} eligible, ` +
            `${check.eligibility.refused.length} refused, ${check.eligibility.notActive.length} not active, ${check.eligibility.unknown.length} unknown, ` +
            `${check.eligibility.unconfirmed.length} unconfirmed${check.listNotWhole === 'moved' ? ' (the Active list changed while it was read)' : check.listNotWhole === 'cut' ? ' (the Active list was not read to its end)' : ''}`
          : `eligibility of ${ids.length} ID(s) on ${vault.name} not checked: ${check.message}`);
        return check;
      } catch (error) {
        this.deps.log.info(`eligibility check stopped: ${(error as Error).message}; nothing sent`);
        return undefined;
      }
    });
  }

  /** Sends the IDs under a progress notification whose Cancel button stops sending. */
  private send(run: number, { vault, client }: ActiveConnection, distinct: readonly number[], observer: CancelRequestObserver | undefined): Thenable<CancelRunResult> {
    const { concurrency, batchSize } = this.deps.settings.current;
    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: plural(distinct.length, {
        one: l10n.t({ message: 'Cancelling {0} job on {1}', args: [distinct.length, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
        other: l10n.t({ message: 'Cancelling {0} jobs on {1}', args: [distinct.length, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
      }),
      cancellable: true,
    }, (progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => {
        this.deps.log.warn(`run ${run}: stopped by the user; requests in flight finish, the rest is not sent`);
        stop.abort(new Error(l10n.t('Stopped by the user')));
      });
      let reported = 0;
      // VS Code labels the notification's button Cancel, which here could read as "cancel the jobs".
      const stopNote = l10n.t('The Cancel button here stops sending; it does not cancel jobs.');
      progress.report({ message: stopNote });
      return cancelJobs(client, distinct, {
        batchSize, concurrency, signal: stop.signal, logger: this.deps.engineLog, observer,
        onProgress: (p) => {
          const percent = (p.idsDone / Math.max(1, p.idsTotal)) * 100;
          progress.report({ increment: percent - reported, message: l10n.t({ message: '{0} of {1} IDs · {2} accepted. {3}', args: [p.idsDone, p.idsTotal, p.counts.accepted, stopNote], comment: ['progress: {0} done, {1} in all, {2} accepted, {3}: what the Cancel button does'] }) });
          reported = percent;
        },
      });
    });
  }

  private logResult(run: number, client: VaultClient, { result, counts }: CancelRunSummary): void {
    for (const [id, outcome] of result.outcomes) this.deps.log.info(`run ${run}: job ${id}: ${describeOutcome(outcome)}`);
    const budget = client.rateLimits;
    this.deps.log.info(`run ${run}: ${result.requestsSent} request(s); ${countsForLog(counts) || 'nothing to do'}` +
      (budget.burstRemaining !== undefined ? `; API budget ${budget.burstRemaining} of ${budget.burstLimit ?? '?'} calls left in this window` : ''));
  }

  /**
   * Checks IDs of unknown fate (`ids`, or all sent to the active Vault) against the active Vault's job
   * status and shows what it established, at their results too. Resolves with the checked IDs'
   * outcomes (still unknown where the check failed); undefined when nothing was checked.
   */
  async verifyUnknown(ids?: readonly number[]): Promise<Map<number, CancelOutcome> | undefined> {
    const active = await this.deps.session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to verify jobs of unknown fate.', vaultName));
    if (!active) return undefined;
    const vaultUrl = active.client.baseUrl;
    // Only IDs sent to this Vault: another Vault's status says nothing of them.
    const ofThisVault = new Set(this.unknownFates.idsOf(vaultUrl));
    const toCheck = ids ? [...new Set(ids)].filter((id) => ofThisVault.has(id)) : [...ofThisVault];
    if (toCheck.length === 0) {
      this.deps.prompts.nothingToVerify(active.vault);
      return undefined;
    }
    const checked = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: plural(toCheck.length, {
        one: l10n.t({ message: 'Checking {0} job of unknown fate on {1}…', args: [toCheck.length, active.vault.name], comment: ['{0}: number of jobs, {1}: Vault name'] }),
        other: l10n.t({ message: 'Checking {0} jobs of unknown fate on {1}…', args: [toCheck.length, active.vault.name], comment: ['{0}: number of jobs, {1}: Vault name'] }),
      }),
    }, async (_progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort(new Error(l10n.t('Stopped by the user'))));
      // Background reading waits while the check reads Vault's lists, as it does while a cancel sends.
      const hold = this.deps.jobs.holdBackgroundReading();
      try {
        return await verifyUnknownOutcomes(active.client, toCheck, {
          perJobUpTo: 20, runStartedAt: this.unknownFates.startedAt(vaultUrl, toCheck), logger: this.deps.engineLog, signal: stop.signal,
        });
      } catch (error: unknown) {
        this.deps.log.info(`check of ${toCheck.length} job(s) of unknown fate stopped: ${(error as Error).message}`);
        return undefined;
      } finally {
        hold.dispose();
      }
    });
    if (!checked) return undefined;
    const { outcomes, placed } = checked;
    for (const [id, outcome] of outcomes) this.deps.log.info(`check of job ${id} on ${active.vault.name}: ${describeOutcome(outcome)}`);
    this.deps.results.settleUnknown(vaultUrl, outcomes);
    // Into each run's record too, so that its report and counts say what Vault showed.
    for (const [runId, ofRun] of this.unknownFates.runsOf(vaultUrl, toCheck)) {
      const settled = ofRun.flatMap((id): [number, CancelOutcome][] => {
        const outcome = outcomes.get(id);
        return outcome && outcome.kind !== 'unknown' ? [[id, outcome]] : [];
      });
      if (settled.length > 0) this.deps.records.recordChecked(runId, checkedFromOutcomes(settled));
    }
    this.unknownFates.record(vaultUrl, outcomes);
    const cancelledBefore = [...outcomes.values()].filter((outcome) => outcome.kind === 'notEligible' && outcome.cancelledBefore).length;
    this.deps.prompts.verified({
      vault: active.vault, checked: toCheck.length, text: summaryText(countOutcomes(outcomes.values()), cancelledBefore), ...(placed.error ? { checkError: placed.error } : {}),
    });
    return outcomes;
  }

  private async offerNextSteps({ vault, counts, result }: CancelRunSummary, request: CancelRequest): Promise<void> {
    const unknown = [...result.outcomes].filter(([, outcome]) => outcome.kind === 'unknown').map(([id]) => id);
    const step = await this.deps.prompts.summary({
      vault, text: summaryText(counts), warn: counts.failed + counts.notEligible + counts.unknown > 0,
      canRetry: retryableIds(result).length + unknown.length > 0, canVerify: unknown.length > 0,
    });
    if (step === 'showOutput') this.deps.showOutput();
    if (step === 'verify') await this.verifyUnknown(unknown);
    if (step === 'retryFailed') {
      // An ID of unknown fate may be cancelled already: it is sent again only once a check shows it was not.
      const verified = unknown.length > 0 ? await this.verifyUnknown(unknown) : undefined;
      const retryable = new Set([...retryableIds(result), ...[...(verified ?? [])].filter(([, outcome]) => isRetryable(outcome.kind)).map(([id]) => id)]);
      // The same request again for those IDs only, keeping their places in the file.
      if (retryable.size > 0) await this.run({ ...request, source: retrySource(request.source), sourceDetail: retrySource(request.sourceDetail ?? request.source), ids: request.ids.filter((item) => retryable.has(item.id)), problems: [], problemCount: 0 });
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/**
 * Why each ID the check found ineligible was not sent, when the user chose to send only the eligible
 * ones: left out at the user's choice, so the summary offers no retry for them. Values that are no job IDs still go to the engine, which reports them without sending them.
 */
function keptBackReasons({ eligibility }: Extract<EligibilityCheck, { kind: 'checked' }>): Map<number, string> {
  const reasons = new Map<number, string>();
  // "Vault showed it": the state may come from the Active list or, for a job not in it, from Job Status.
  for (const { id, status } of eligibility.refused) reasons.set(id, l10n.t('left out at your choice: Vault showed it {0}', status));
  for (const id of eligibility.notActive) reasons.set(id, l10n.t('left out at your choice: it was not in the Active list (finished, or unknown to this Vault)'));
  for (const id of eligibility.unknown) reasons.set(id, l10n.t('left out at your choice: this Vault has no such job'));
  return reasons;
}

function isLocated(item: IdToCancel): item is LocatedId {
  return item.span !== undefined;
}

/** "the Jobs view (retry)": where a retry's IDs came from. */
export function retrySource(source: string): string {
  return l10n.t('{0} (retry)', source);
}

/**
 * "3 accepted, 1 failed" for the summary notification; after a check, the jobs Vault showed cancelled
 * before the run (`cancelledBefore`, counted among the not eligible) apart from those this run cancelled.
 */
function summaryText(counts: Record<CancelOutcome['kind'], number>, cancelledBefore = 0): string {
  const notEligible = counts.notEligible - cancelledBefore;
  const parts = [
    counts.accepted && l10n.t('{0} accepted', counts.accepted),
    cancelledBefore && l10n.t('{0} already cancelled before this run', cancelledBefore),
    notEligible && l10n.t('{0} not eligible', notEligible),
    counts.failed && l10n.t('{0} failed', counts.failed),
    counts.notSent && l10n.t('{0} not sent', counts.notSent),
    counts.unknown && l10n.t('{0} of unknown fate', counts.unknown),
    counts.invalidInput && l10n.t('{0} invalid', counts.invalidInput),
  ].filter(Boolean);
  return parts.join(l10n.t(', ')) || l10n.t('nothing to do');
}

/** The same counts for the log, which stays in English whatever the display language; empty when all are 0. */
function countsForLog(counts: Record<CancelOutcome['kind'], number>): string {
  return Object.entries(counts).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}`).join(', ');
}
