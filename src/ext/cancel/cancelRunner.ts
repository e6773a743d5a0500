// One cancel run, whatever started it (a file selection, the Jobs view, typed IDs): a session, a
// confirmation naming the Vault, a stoppable progress notification, then every ID's outcome in the
// output and as results at each of its occurrences, and a summary with next steps.
import * as vscode from 'vscode';
import { MOST_VALUES_PER_SELECTION, type TextSpan } from '../../core/ids';
import type { Logger } from '../../core/log';
import { cancelJobs, countOutcomes, describeOutcome, type CancelOutcome, type CancelRunResult } from '../../core/cancel';
import { retryableIds } from '../../core/cancel/retry';
import type { VaultEntry } from '../../core/settings';
import type { VaultClient } from '../../core/vault';
import type { ActiveConnection, SessionService } from '../session';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import type { CancelResults, LocatedId, SelectionProblem } from './cancelResults';
import type { CancelPrompts } from './prompts';
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
  readonly ids: readonly IdToCancel[];
  /** Selected text that is not a valid job ID; shown as diagnostics, never sent. */
  readonly problems: readonly SelectionProblem[];
  readonly document?: vscode.TextDocument;
  /** The selection holds more values than one run takes; its one problem says where. Nothing is sent. */
  readonly tooManyValues?: boolean;
}

export interface CancelRunSummary {
  readonly vault: VaultEntry;
  readonly result: CancelRunResult;
  readonly counts: Record<CancelOutcome['kind'], number>;
}

export interface CancelRunnerDeps {
  readonly session: Pick<SessionService, 'ensureSignedIn'>;
  readonly settings: Pick<Settings, 'current'>;
  readonly results: Pick<CancelResults, 'showProblems' | 'showOutcomes'>;
  readonly prompts: CancelPrompts;
  /** The run's own lines, prefixed [cancel]. */
  readonly log: Logger;
  /** For the engine, which prefixes its own lines with [cancel]. */
  readonly engineLog: Logger;
  /** Opens the output, for the summary's Show Output. */
  showOutput(): void;
}

export class CancelRunner implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private runNumber = 0;
  private readonly finished = this.disposables.add(new vscode.EventEmitter<CancelRunSummary>());
  readonly onDidFinish = this.finished.event;

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
      this.deps.prompts.nothingToCancel(request.source, request.problems.length);
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
    if (!await this.deps.prompts.confirm({ vault: active.vault, distinct: distinct.length, duplicates, problems: request.problems.length, source: request.source })) {
      this.deps.log.info(`run on ${active.vault.name} not confirmed; nothing sent`);
      return undefined;
    }

    const run = ++this.runNumber;
    const { concurrency, batchSize } = this.deps.settings.current;
    this.deps.log.info(`run ${run}: cancelling ${distinct.length} job ID(s) from ${request.source} on ${active.vault.name} (${active.vault.dns}); ` +
      `${duplicates} duplicate(s), ${request.problems.length} problem(s); batches of ${batchSize}, ${concurrency} at once`);
    const result = await this.send(run, active, distinct);
    const summary: CancelRunSummary = { vault: active.vault, result, counts: countOutcomes(result.outcomes.values()) };
    this.logResult(run, active.client, summary);
    if (document) this.deps.results.showOutcomes(document, request.ids.filter(isLocated), result);
    this.finished.fire(summary);
    void this.offerNextSteps(summary, request);
    return summary;
  }

  /** Sends the IDs under a progress notification whose Cancel button stops sending. */
  private send(run: number, { vault, client }: ActiveConnection, distinct: readonly number[]): Thenable<CancelRunResult> {
    const { concurrency, batchSize } = this.deps.settings.current;
    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: plural(distinct.length, l10n.t('Cancelling 1 job on {0}', vault.name), l10n.t('Cancelling {0} jobs on {1}', distinct.length, vault.name)),
      cancellable: true,
    }, (progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => {
        this.deps.log.warn(`run ${run}: stopped by the user; requests in flight finish, the rest is not sent`);
        stop.abort(new Error(l10n.t('Stopped by the user')));
      });
      let reported = 0;
      return cancelJobs(client, distinct, {
        batchSize, concurrency, signal: stop.signal, logger: this.deps.engineLog,
        onProgress: (p) => {
          const percent = (p.idsDone / Math.max(1, p.idsTotal)) * 100;
          progress.report({ increment: percent - reported, message: l10n.t('{0} of {1} IDs · {2} accepted', p.idsDone, p.idsTotal, p.counts.accepted) });
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

  private async offerNextSteps({ vault, counts, result }: CancelRunSummary, request: CancelRequest): Promise<void> {
    const retryable = new Set(retryableIds(result));
    const step = await this.deps.prompts.summary({ vault, text: summaryText(counts), warn: counts.failed + counts.notEligible > 0, canRetry: retryable.size > 0 });
    if (step === 'showOutput') this.deps.showOutput();
    // The same request again for those IDs only, keeping their places in the file.
    if (step === 'retryFailed') await this.run({ ...request, source: retrySource(request.source), ids: request.ids.filter((item) => retryable.has(item.id)), problems: [] });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function isLocated(item: IdToCancel): item is LocatedId {
  return item.span !== undefined;
}

/** "the Jobs view (retry)": where a retry's IDs came from. */
export function retrySource(source: string): string {
  return l10n.t('{0} (retry)', source);
}

/** "3 accepted, 1 failed" for the summary notification. */
function summaryText(counts: Record<CancelOutcome['kind'], number>): string {
  const parts = [
    counts.accepted && l10n.t('{0} accepted', counts.accepted),
    counts.notEligible && l10n.t('{0} not eligible', counts.notEligible),
    counts.failed && l10n.t('{0} failed', counts.failed),
    counts.notSent && l10n.t('{0} not sent', counts.notSent),
    counts.invalidInput && l10n.t('{0} invalid', counts.invalidInput),
  ].filter(Boolean);
  return parts.join(l10n.t(', ')) || l10n.t('nothing to do');
}

/** The same counts for the log, which stays in English whatever the display language; empty when all are 0. */
function countsForLog(counts: Record<CancelOutcome['kind'], number>): string {
  return Object.entries(counts).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}`).join(', ');
}
