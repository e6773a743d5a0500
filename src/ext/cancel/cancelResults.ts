// Cancel outcomes and selection problems at the exact range of every occurrence. This class alone
// builds, moves and clears them: they move with edits elsewhere in the file and disappear when the
// text under them changes, since they would then describe text that is no longer there. Every result
// is shown by the decorations and the Cancel Results view, which listen to onDidChange; those that
// need action are also diagnostics in a "Vault Jobs" collection, at most as many per file as VS Code
// keeps, the most actionable first, with one more at the top of the file saying how many are left out.
import * as vscode from 'vscode';
import { shiftSpan, type TextSpan } from '../../core/ids';
import {
  describeOutcome, diagnosticsToShow, entriesWithin, mergeResults, outcomesForOccurrences, type CancelOutcome, type CancelRunResult, type ResultKind,
} from '../../core/cancel';
import { DisposableStore } from '../disposables';
import type { ActiveJobsListing } from '../jobs';
import { builtInCommandIds, contextKeys, diagnosticCollectionName, diagnosticSource, leftOutCode, moreResultsCode } from '../names';

const { l10n } = vscode;

export type { ResultKind } from '../../core/cancel';

export interface ResultEntry {
  /** The job ID the result is about; undefined for selected text that is no job ID. */
  readonly id: number | undefined;
  readonly kind: ResultKind;
  readonly span: TextSpan;
  /** Its text is the result's full description (the hover); published only if the result needs action and fits. */
  readonly diagnostic: vscode.Diagnostic;
  /** For an ID Vault accepted as CANCELLING: where to look for it turning CANCELLED. */
  readonly following?: { readonly vaultUrl: string; readonly duplicateLine?: number };
  /** For an outcome: the Vault it came from (a check of an unknown fate must ask that Vault). */
  readonly vaultUrl?: string;
  /** For a repeated ID: the line of its first occurrence. */
  readonly duplicateLine?: number;
}

/** A job ID at its place in a document. */
export interface LocatedId {
  readonly id: number;
  readonly span: TextSpan;
}

export interface SelectionProblem {
  readonly span: TextSpan;
  readonly message: string;
}

export class CancelResults implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly collection = this.disposables.add(vscode.languages.createDiagnosticCollection(diagnosticCollectionName));
  private readonly entries = new Map<string, ResultEntry[]>();
  /** Per file, the entries whose diagnostic is published (the others show their text on hover of their decoration). */
  private readonly published = new Map<string, ReadonlySet<ResultEntry>>();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<vscode.Uri | undefined>());
  /** Fires with the file whose results changed, or undefined when every file's were cleared. */
  readonly onDidChange = this.changed.event;
  /** Mirrored in a context key, so that Clear Cancel Results shows only when there is something to clear. */
  private hasResults: boolean | undefined;

  constructor() {
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((event) => this.followEdits(event)));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)));
    this.updateHasResults();
  }

  /** Selected values that are not job IDs: warnings at their places; they are never sent. */
  showProblems(document: vscode.TextDocument, problems: readonly SelectionProblem[]): void {
    this.show(document, problems.map(({ span, message }) =>
      entry(document, undefined, 'problem', span, message, vscode.DiagnosticSeverity.Warning, 'INVALID_JOB_ID')));
  }

  /**
   * Every occurrence's outcome at its place; a repeated ID points at its first occurrence. IDs Vault
   * accepted as CANCELLING are followed in the listings of `vaultUrl` until they turn CANCELLED.
   */
  showOutcomes(document: vscode.TextDocument, located: readonly LocatedId[], result: CancelRunResult, vaultUrl: string): void {
    this.show(document, outcomesForOccurrences(located, result).map(({ occurrence, outcome, duplicateOf }) => {
      const duplicateLine = duplicateOf && document.positionAt(duplicateOf.span.start).line + 1;
      const created = outcomeEntry(spanRange(document, occurrence.span), { id: occurrence.id, span: occurrence.span, vaultUrl, duplicateLine }, outcome);
      if (duplicateOf) {
        created.diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(
          new vscode.Location(document.uri, spanRange(document, duplicateOf.span)), l10n.t('First occurrence of job {0}', occurrence.id))];
      }
      return created;
    }));
  }

  /**
   * Results of unknown fate from `vaultUrl` take the outcomes a check of that Vault established, at
   * every place in every file; IDs the check could not settle keep their (updated) unknown result.
   */
  settleUnknown(vaultUrl: string, outcomes: ReadonlyMap<number, CancelOutcome>): void {
    for (const [key, current] of this.entries) {
      let changed = false;
      const updated = current.map((old) => {
        const outcome = old.kind === 'unknown' && old.vaultUrl === vaultUrl && old.id !== undefined ? outcomes.get(old.id) : undefined;
        if (!outcome || old.id === undefined) return old;
        changed = true;
        const settled = outcomeEntry(old.diagnostic.range, { id: old.id, span: old.span, vaultUrl, duplicateLine: old.duplicateLine }, outcome);
        settled.diagnostic.relatedInformation = old.diagnostic.relatedInformation;
        return settled;
      });
      if (!changed) continue;
      this.entries.set(key, updated);
      this.publish(vscode.Uri.parse(key), updated);
    }
  }

  /**
   * Results still saying CANCELLING turn CANCELLED once a listing of their Vault's active jobs shows
   * them CANCELLED or no longer lists them: Vault cannot fail a cancel from CANCELLING (vault-api.md
   * §3.7). A job the listing still shows in another state (a listing started before the cancel) waits.
   */
  followActiveJobs({ vaultUrl, jobs }: Pick<ActiveJobsListing, 'vaultUrl' | 'jobs'>): void {
    const stillActive = new Set(jobs.filter((job) => job.status.toUpperCase() !== 'CANCELLED').map((job) => job.job_id));
    const cancelled: CancelOutcome = { kind: 'accepted', state: 'CANCELLED', verified: false };
    for (const [key, current] of this.entries) {
      let changed = false;
      const updated = current.map((old) => {
        if (old.following?.vaultUrl !== vaultUrl || old.id === undefined || stillActive.has(old.id)) return old;
        changed = true;
        old.diagnostic.message = outcomeMessage(old.id, cancelled, old.following.duplicateLine);
        old.diagnostic.code = cancelled.state;
        return { ...old, following: undefined };
      });
      if (!changed) continue;
      this.entries.set(key, updated);
      this.publish(vscode.Uri.parse(key), updated);
    }
  }

  /** Entries whose range touches `range`, for the quick fixes on them. */
  entriesAt(document: vscode.TextDocument, range: vscode.Range): ResultEntry[] {
    // Asked on every cursor move: a binary search, as a file may hold 50,000 results. Touching counts, hence the widened window.
    return entriesWithin(this.entriesOf(document.uri), document.offsetAt(range.start) - 1, document.offsetAt(range.end) + 1);
  }

  /** A file's entries, in file order. */
  entriesOf(uri: vscode.Uri): readonly ResultEntry[] {
    return this.entries.get(uri.toString()) ?? [];
  }

  /** Every file with results, and its entries in file order. */
  files(): [vscode.Uri, readonly ResultEntry[]][] {
    return [...this.entries].map(([key, entries]) => [vscode.Uri.parse(key), entries]);
  }

  /** Whether the entry shows as a diagnostic (which then carries its hover). */
  hasDiagnostic(uri: vscode.Uri, entry: ResultEntry): boolean {
    return this.published.get(uri.toString())?.has(entry) ?? false;
  }

  clear(uri?: vscode.Uri): void {
    if (uri) {
      this.entries.delete(uri.toString());
      this.published.delete(uri.toString());
      this.collection.delete(uri);
    } else {
      this.entries.clear();
      this.published.clear();
      this.collection.clear();
    }
    this.updateHasResults();
    this.changed.fire(uri);
  }

  /** Shows a run's entries, replacing earlier results at the same places and keeping the others. */
  private show(document: vscode.TextDocument, added: readonly ResultEntry[]): void {
    const key = document.uri.toString();
    const all = mergeResults(this.entriesOf(document.uri), added);
    this.entries.set(key, all);
    this.publish(document.uri, all, document);
  }

  private followEdits(event: vscode.TextDocumentChangeEvent): void {
    const current = this.entries.get(event.document.uri.toString());
    if (!current || event.contentChanges.length === 0) return;
    const edits = event.contentChanges.map((change) => ({ rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, insertedLength: change.text.length }));
    // The same entry objects with their new spans: an entry's diagnostic gets its range when published.
    const survivors: ResultEntry[] = [];
    for (const old of current) {
      const span = shiftSpan(old.span, edits);
      if (!span) continue;
      survivors.push(span.start === old.span.start && span.end === old.span.end ? old : { ...old, span });
    }
    this.entries.set(event.document.uri.toString(), survivors);
    this.publish(event.document.uri, survivors, event.document);
  }

  /**
   * The diagnostics of the results that need action, at most as many as VS Code keeps per file, the
   * most actionable first; past that, one at the top of the file says how many more there are.
   */
  private publish(uri: vscode.Uri, entries: readonly ResultEntry[], document = openDocument(uri)): void {
    const key = uri.toString();
    const { shown, hidden } = diagnosticsToShow(entries);
    if (shown.length === 0 && hidden === 0) {
      this.collection.delete(uri);
    } else {
      // Ranges are computed for the published diagnostics only: a line and column for each of 50,000 results would cost every edit.
      if (document) for (const entry of shown) entry.diagnostic.range = spanRange(document, entry.span);
      const diagnostics = shown.map((entry) => entry.diagnostic);
      if (hidden > 0) diagnostics.unshift(moreResultsDiagnostic(hidden, document));
      this.collection.set(uri, diagnostics);
    }
    this.published.set(key, new Set(shown));
    this.updateHasResults();
    this.changed.fire(uri);
  }

  private updateHasResults(): void {
    const hasResults = [...this.entries.values()].some((entries) => entries.length > 0);
    if (hasResults === this.hasResults) return;
    this.hasResults = hasResults;
    void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.hasResults, hasResults);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** At the top of a file with more results that need action than VS Code shows: how many more, and where they all are. */
function moreResultsDiagnostic(hidden: number, document: vscode.TextDocument | undefined): vscode.Diagnostic {
  const range = document && document.lineCount > 0 ? document.lineAt(0).range : new vscode.Range(0, 0, 0, 0);
  const diagnostic = new vscode.Diagnostic(range, l10n.t({
    message: '{0} more cancel results that need action are not shown as problems (VS Code shows at most 1000 per file). Show Cancel Results lists every one.',
    args: [hidden], comment: ['{0}: number of results'],
  }), vscode.DiagnosticSeverity.Warning);
  diagnostic.source = diagnosticSource;
  diagnostic.code = moreResultsCode;
  return diagnostic;
}

function entry(document: vscode.TextDocument, id: number | undefined, kind: ResultKind, span: TextSpan, message: string,
  severity: vscode.DiagnosticSeverity, code: string): ResultEntry {
  const diagnostic = new vscode.Diagnostic(spanRange(document, span), message, severity);
  diagnostic.source = diagnosticSource;
  diagnostic.code = code;
  return { id, kind, span, diagnostic };
}

/** An outcome's entry at `range`; a CANCELLING one is followed in its Vault's listings. */
function outcomeEntry(range: vscode.Range, place: { id: number; span: TextSpan; vaultUrl: string; duplicateLine: number | undefined }, outcome: CancelOutcome): ResultEntry {
  const [severity, code] = presentation(outcome);
  const { id, span, vaultUrl, duplicateLine } = place;
  const diagnostic = new vscode.Diagnostic(range, outcomeMessage(id, outcome, duplicateLine), severity);
  diagnostic.source = diagnosticSource;
  diagnostic.code = code;
  const following = outcome.kind === 'accepted' && outcome.state === 'CANCELLING' ? { vaultUrl, duplicateLine } : undefined;
  return { id, kind: outcome.kind, span, diagnostic, following, vaultUrl, duplicateLine };
}

/**
 * describeOutcome's text is data from src/core (in English, with Vault's own messages), framed here;
 * without Vault's error type, which the hover shows as the diagnostic's code.
 */
function outcomeMessage(id: number, outcome: CancelOutcome, duplicateLine: number | undefined): string {
  const described = describeOutcome(outcome, { withErrorType: false });
  // Unknown is no failure: the job may be cancelled, and Verify asks Vault.
  const text = outcome.kind === 'unknown' ? l10n.t('{0} — Verify checks it with Vault', described) : described;
  return duplicateLine === undefined
    ? l10n.t({ message: 'Job {0}: {1}', args: [id, text], comment: ['{0}: job ID, {1}: its outcome'] })
    : l10n.t({ message: 'Job {0}: {1} (same ID as line {2})', args: [id, text, duplicateLine], comment: ['{0}: job ID, {1}: its outcome, {2}: line of its first occurrence'] });
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
    case 'notSent': return [vscode.DiagnosticSeverity.Warning, outcome.leftOut ? leftOutCode : 'NOT_SENT'];
    // Not an error: the job may well be cancelled; Verify settles it.
    case 'unknown': return [vscode.DiagnosticSeverity.Warning, 'UNKNOWN'];
    case 'failed': return [vscode.DiagnosticSeverity.Error, outcome.errorType ?? 'FAILED'];
  }
}
