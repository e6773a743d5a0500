// One cancel run, whatever started it (a file selection, the Jobs view, typed IDs): sign-in if
// needed, a confirmation naming the Vault, a stoppable progress notification, then every ID's outcome
// as a diagnostic at each of its occurrences, a line in the output, and a summary with next steps.
import * as vscode from 'vscode';
import type { TextSpan } from '../../core/ids';
import { componentLogger, redactedLogger, type Logger } from '../../core/log';
import { cancelJobs, countOutcomes, describeOutcome, outcomesForOccurrences, type CancelOutcome, type CancelRunResult } from '../../core/cancel';
import type { VaultEntry } from '../../core/settings';
import { minimumCancelVersion } from '../../core/vault';
import type { VaultConnection } from '../vaultConnection';
import type { SettingsReader } from '../config';
import { CancelResults, diagnosticSource, isRetryable, type ResultEntry } from './cancelResults';
import { confirmCancel } from './confirmCancel';

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
  readonly problems: readonly { span: TextSpan; message: string }[];
  readonly document?: vscode.TextDocument;
}

export interface CancelRunSummary {
  readonly vault: VaultEntry;
  readonly result: CancelRunResult;
  readonly counts: Record<CancelOutcome['kind'], number>;
}

export class CancelRunner {
  private readonly log: Logger;
  /** For the engine, which prefixes its own lines with [cancel]. */
  private readonly engineLog: Logger;
  private runNumber = 0;
  private readonly finished = new vscode.EventEmitter<CancelRunSummary>();
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly connection: VaultConnection,
    private readonly settings: SettingsReader,
    private readonly results: CancelResults,
    output: vscode.LogOutputChannel,
  ) {
    this.log = componentLogger(output, connection.redactor, 'cancel');
    this.engineLog = redactedLogger(output, connection.redactor);
  }

  async run(request: CancelRequest): Promise<CancelRunSummary | undefined> {
    const document = request.document;
    const distinct = [...new Set(request.ids.map((item) => item.id))];
    if (document) this.showProblems(document, request.problems);
    if (distinct.length === 0) {
      const why = request.problems.length ? `; ${request.problems.length} selected value(s) are not job IDs (see Problems)` : '';
      void vscode.window.showWarningMessage(`No job IDs to cancel in ${request.source}${why}.`);
      return undefined;
    }
    const active = await this.ensureSignedIn();
    if (!active) return undefined;
    const { vault, client } = active;
    if (!client.supportsCancel) {
      // Said before asking for confirmation: every ID would fail the same way.
      void vscode.window.showErrorMessage(`Cancelling jobs needs Vault API ${minimumCancelVersion} or later, and ${vault.name} is set to ` +
        `${client.apiVersion} in the setting vaultJobs.vaults ("apiVersion"). Remove it or set ${minimumCancelVersion} or later.`, 'Open Settings')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'vaultJobs.vaults'));
      return undefined;
    }
    const confirmed = await confirmCancel({ vault, distinct: distinct.length, duplicates: request.ids.length - distinct.length, problems: request.problems.length, source: request.source });
    if (!confirmed) {
      this.log.info(`run on ${vault.name} not confirmed; nothing sent`);
      return undefined;
    }

    const run = ++this.runNumber;
    const { concurrency, batchSize } = this.settings.current;
    this.log.info(`run ${run}: cancelling ${distinct.length} job ID(s) from ${request.source} on ${vault.name} (${vault.dns}); ` +
      `${request.ids.length - distinct.length} duplicate(s), ${request.problems.length} problem(s); batches of ${batchSize}, ${concurrency} at once`);
    const result = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: `Cancelling ${distinct.length} job${distinct.length === 1 ? '' : 's'} on ${vault.name}`,
      cancellable: true,
    }, (progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => {
        this.log.warn(`run ${run}: stopped by the user; requests in flight finish, the rest is not sent`);
        stop.abort(new Error('Stopped by the user'));
      });
      let reported = 0;
      return cancelJobs(client, distinct, {
        batchSize, concurrency, signal: stop.signal, logger: this.engineLog,
        onProgress: (p) => {
          const percent = (p.idsDone / Math.max(1, p.idsTotal)) * 100;
          progress.report({ increment: percent - reported, message: `${p.idsDone} of ${p.idsTotal} IDs · ${p.counts.accepted} accepted` });
          reported = percent;
        },
      });
    });

    const counts = countOutcomes(result.outcomes.values());
    for (const [id, outcome] of result.outcomes) this.log.info(`run ${run}: job ${id}: ${describeOutcome(outcome)}`);
    const budget = client.rateLimits;
    this.log.info(`run ${run}: ${result.requestsSent} request(s); ${summaryText(counts)}` +
      (budget.burstRemaining !== undefined ? `; API budget ${budget.burstRemaining} of ${budget.burstLimit ?? '?'} calls left in this window` : ''));
    if (document) this.showOutcomes(document, request.ids, result);
    const summary = { vault, result, counts };
    this.finished.fire(summary);
    void this.notify(summary, request);
    return summary;
  }

  private async ensureSignedIn() {
    if (this.connection.state === 'noVault') {
      const add = await vscode.window.showWarningMessage('No Vault is configured yet.', 'Add Vault');
      if (add) await vscode.commands.executeCommand('vaultJobs.addVault');
    }
    if (this.connection.state === 'signedOut' && this.connection.vault) {
      const signIn = await vscode.window.showWarningMessage(`Sign in to ${this.connection.vault.name} to cancel jobs.`, 'Sign In');
      if (signIn) await vscode.commands.executeCommand('vaultJobs.signIn');
    }
    return this.connection.connection;
  }

  private showProblems(document: vscode.TextDocument, problems: CancelRequest['problems']): void {
    this.results.show(document, problems.map(({ span, message }) => entry(document, undefined, 'problem', span,
      message, vscode.DiagnosticSeverity.Warning, 'INVALID_JOB_ID')));
  }

  private showOutcomes(document: vscode.TextDocument, ids: readonly IdToCancel[], result: CancelRunResult): void {
    const located = ids.filter((item): item is Required<IdToCancel> => item.span !== undefined);
    const entries = outcomesForOccurrences(located, result).map(({ occurrence, outcome, duplicateOf }) => {
      const [severity, code] = presentation(outcome);
      const duplicateNote = duplicateOf ? ` (same ID as line ${document.positionAt(duplicateOf.span.start).line + 1})` : '';
      const created = entry(document, occurrence.id, outcome.kind, occurrence.span, `Job ${occurrence.id}: ${describeOutcome(outcome)}${duplicateNote}`, severity, code);
      if (duplicateOf) {
        created.diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(
          new vscode.Location(document.uri, spanRange(document, duplicateOf.span)), `First occurrence of job ${occurrence.id}`)];
      }
      return created;
    });
    this.results.show(document, entries);
  }

  private async notify({ vault, counts, result }: CancelRunSummary, request: CancelRequest): Promise<void> {
    const retryable = counts.failed + counts.notSent;
    const message = `${vault.name}: ${summaryText(counts)}.`;
    const actions = ['Show Output', ...(retryable ? ['Retry Failed'] : [])];
    const show = counts.failed || counts.notEligible ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(message, ...actions);
    if (choice === 'Show Output') await vscode.commands.executeCommand('vaultJobs.showOutput');
    if (choice === 'Retry Failed') await this.retry(request, retryableIds(result));
  }

  /** Runs again for the given IDs of an earlier request, keeping their places in the file. */
  private retry(request: CancelRequest, ids: ReadonlySet<number>): Promise<CancelRunSummary | undefined> {
    return this.run({ ...request, source: `${request.source} (retry)`, ids: request.ids.filter((item) => ids.has(item.id)), problems: [] });
  }
}

function entry(document: vscode.TextDocument, id: number | undefined, kind: ResultEntry['kind'], span: TextSpan, message: string,
  severity: vscode.DiagnosticSeverity, code: string): ResultEntry {
  const diagnostic = new vscode.Diagnostic(spanRange(document, span), message, severity);
  diagnostic.source = diagnosticSource;
  diagnostic.code = code;
  return { id, kind, span, diagnostic };
}

function spanRange(document: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/** Severity and code per outcome: Vault's error type where Vault gave one. */
function presentation(outcome: CancelOutcome): [vscode.DiagnosticSeverity, string] {
  switch (outcome.kind) {
    case 'accepted': return [vscode.DiagnosticSeverity.Information, outcome.state];
    case 'notEligible': return [vscode.DiagnosticSeverity.Warning, outcome.errorType];
    case 'invalidInput': return [vscode.DiagnosticSeverity.Warning, 'INVALID_JOB_ID'];
    case 'notSent': return [vscode.DiagnosticSeverity.Warning, 'NOT_SENT'];
    case 'failed': return [vscode.DiagnosticSeverity.Error, outcome.errorType ?? 'FAILED'];
  }
}

function retryableIds(result: CancelRunResult): Set<number> {
  return new Set([...result.outcomes].filter(([, outcome]) => isRetryable(outcome.kind)).map(([id]) => id));
}

function summaryText(counts: Record<CancelOutcome['kind'], number>): string {
  const parts: [number, string][] = [[counts.accepted, 'accepted'], [counts.notEligible, 'not eligible'], [counts.failed, 'failed'],
    [counts.notSent, 'not sent'], [counts.invalidInput, 'invalid']];
  return parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`).join(', ') || 'nothing to do';
}
