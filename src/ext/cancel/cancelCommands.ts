// The three ways in to a cancel run: the Jobs view's context menu (one or many jobs), a selection in
// a file (editor context menu, code action), and the palette, which uses the active editor's
// selection, else the job ID at its cursor, else asks for IDs. Also Retry and Verify (quick fixes on
// results; Verify also from the palette) and Clear Cancel Results.
import * as path from 'path';
import * as vscode from 'vscode';
import { parseTypedIds, type TextSpan } from '../../core/ids';
import { commandIds } from '../names';
import { command, isUri, type CommandHandlers } from '../commands';
import { isArray, isIdArray, isSpanArray } from '../../core/commandArgs';
import { isCancellableJobNode, isJobNode, isJobSetNode, selectedJobNodes, type JobsService } from '../jobs';
import type { Job } from '../../core/vault';
import { retrySource, type CancelRequest, type CancelRunner } from './cancelRunner';
import type { CancelResults } from './cancelResults';
import { describeDocument, requestFromSelections, selectionMayHoldIdsNearby, spanOf } from './selectionRequest';
import type { ReviewedCriteria } from './cancelMatching';
import { idDocumentSelector } from './cancelCodeActions';

const { l10n } = vscode;

/**
 * A row's context menu passes the row and the selection: null when one row is selected (an absent
 * argument crosses to the extension host as null), else the selected rows. A row a refresh redrew
 * between the click and the command reaches the command as undefined; its selection argument still
 * shows that the command came from a row, so it never asks for IDs instead.
 */
const isRowMenuSelection = (value: unknown): value is readonly unknown[] | null => value === null || isArray(value);

function rowRedrawn(): undefined {
  void vscode.window.showWarningMessage(l10n.t('The Jobs view redrew its rows as you chose the command, so nothing was cancelled. Choose it again on the row.'));
  return undefined;
}

/** Typed input kept in a run's record: enough to read back what was typed, bounded like a file's name. */
const mostTypedChars = 2000;

export function cancelCommands(
  runner: Pick<CancelRunner, 'run' | 'verifyUnknown'>, results: Pick<CancelResults, 'entriesOf' | 'clear'>, jobs: Pick<JobsService, 'activeGroup' | 'filterText'>,
  reviews: ReviewedCriteria = new Map(),
): CommandHandlers {
  /** A selection's IDs; from the review document of Cancel Jobs Matching…, recorded with the criteria as entered. */
  const fromSelections = (document: vscode.TextDocument, spans: readonly TextSpan[]): CancelRequest => {
    const request = requestFromSelections(document, spans);
    const criteria = reviews.get(document.uri.toString());
    return criteria === undefined ? request
      : { ...request, origin: 'criteria', sourceDetail: l10n.t({ message: 'Cancel Jobs Matching: {0}; reviewed in {1}', args: [criteria, request.sourceDetail ?? request.source], comment: ['{0}: the criteria as entered, {1}: the review document'] }) };
  };
  /** "; filter: QUEUED · "Sync"" when the view showed only some jobs. */
  const withFilter = (source: string) => {
    const filter = jobs.filterText();
    return filter ? l10n.t({ message: '{0}; filter: {1}', args: [source, filter], comment: ['{0}: where jobs were chosen, {1}: the Jobs view\'s filter'] }) : source;
  };

  async function cancelFromEditor(uri?: vscode.Uri, spans?: readonly TextSpan[]) {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) {
      void vscode.window.showWarningMessage(l10n.t('Select job IDs in a CSV, JSON or text file first.'));
      return undefined;
    }
    const selected = spans ?? (editor?.document === document ? editor.selections.map((s) => spanOf(document, s)) : []);
    return runner.run(fromSelections(document, selected));
  }

  async function cancelTyped() {
    const input = await vscode.window.showInputBox({
      title: l10n.t('Vault: Cancel Jobs'),
      prompt: l10n.t('Job IDs to cancel, separated by commas, spaces or lines'),
      placeHolder: '1046892, 1043341',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const { occurrences, problems } = parseTypedIds(value);
        if (problems.length) return problems[0].message;
        return occurrences.length ? undefined : l10n.t('Enter at least one job ID');
      },
    });
    if (!input) return undefined;
    const { occurrences } = parseTypedIds(input);
    const typed = input.trim();
    return runner.run({
      source: l10n.t('typed job IDs'), origin: 'typed', ids: occurrences.map(({ id }) => ({ id })), problems: [],
      sourceDetail: l10n.t('job IDs typed: {0}', typed.length > mostTypedChars ? `${typed.slice(0, mostTypedChars)}…` : typed),
    });
  }

  return {
    [commandIds.cancelJobs]: command([isJobNode, isRowMenuSelection], (node, selection) => {
      if (node) {
        const selected = selectedJobNodes(node, selection ?? undefined);
        const source = l10n.t('the Jobs view ({0} selected)', selected.length);
        return runner.run({
          source, origin: 'view', ids: selected.map((n) => ({ id: n.job.job_id })), problems: [],
          sourceDetail: withFilter(source), titles: titlesOf(selected.map((n) => n.job)),
        });
      }
      if (selection !== undefined) return rowRedrawn();
      const editor = vscode.window.activeTextEditor;
      if (editor && !editor.selection.isEmpty && selectionMayHoldIdsNearby(editor.document, editor.selection)) return cancelFromEditor();
      const atCursors = editor && editor.selections.every((s) => s.isEmpty) && vscode.languages.match(idDocumentSelector, editor.document) > 0
        ? fromSelections(editor.document, editor.selections.map((s) => spanOf(editor.document, s))) : undefined;
      // A cursor on a job ID in a file of IDs: that ID (the confirmation names the file); elsewhere, ask.
      return atCursors?.ids.length ? runner.run(atCursors) : cancelTyped();
    }),
    // A selection of the Jobs view that mixes jobs Vault cancels with others (running, finished): the
    // former, with the counts in the confirmation's source. The menu shows it for any multi-selection,
    // under a fixed title: VS Code's menu titles are static, so "Cancel 3 Cancellable Jobs (of 5
    // selected)" cannot be the menu item itself, and the confirmation says those counts instead.
    [commandIds.cancelCancellableSelection]: command([isJobNode, isRowMenuSelection], (node, selection) => {
      if (!node) return selection === undefined ? undefined : rowRedrawn();
      const selected = selectedJobNodes(node, selection ?? undefined);
      const cancellable = selected.filter(isCancellableJobNode);
      if (cancellable.length === 0) {
        void vscode.window.showInformationMessage(l10n.t('None of the {0} selected jobs can be cancelled: Vault cancels scheduled, queued and queueing jobs only.', selected.length));
        return undefined;
      }
      const source = l10n.t({ message: 'the Jobs view ({0} cancellable of {1} selected)', args: [cancellable.length, selected.length], comment: ['{0}, {1}: counts of jobs'] });
      return runner.run({
        source, origin: 'view', ids: cancellable.map((n) => ({ id: n.job.job_id })), problems: [],
        sourceDetail: withFilter(source), titles: titlesOf(cancellable.map((n) => n.job)),
      });
    }),
    // A group of the Jobs view as the view lists it now (found by the group's key, not by the node a
    // refresh may have replaced): its queued and queueing members, through the same confirmation. Its
    // scheduled members are offered there as a choice of their own: cancelling them stops those runs
    // of their schedule, rarely what stopping a flood of queued instances means. A group with nothing
    // queued offers its scheduled members as the jobs to cancel.
    [commandIds.cancelJobGroup]: command([isJobSetNode, isRowMenuSelection], async (node, selection) => {
      if (!node) return selection === undefined ? undefined : rowRedrawn();
      const set = await jobs.activeGroup(node.mode, node.set.key) ?? node.set;
      const { queuedIds, scheduledIds } = set;
      const ids = queuedIds.length ? queuedIds : scheduledIds;
      const source = l10n.t('the group "{0}" of the Jobs view', set.label);
      const by = node.mode === 'title' ? l10n.t('the group "{0}" (by title) of the Jobs view', set.label) : l10n.t('the group "{0}" (by status) of the Jobs view', set.label);
      return runner.run({
        source, origin: 'view', ids: ids.map((id) => ({ id })), problems: [],
        ...(queuedIds.length ? { scheduledIds } : {}),
        sourceDetail: withFilter(by), titles: titlesOf(set.jobs),
      });
    }),
    [commandIds.cancelSelectedIds]: command([isUri, isSpanArray], (uri, spans) => cancelFromEditor(uri, spans)),
    [commandIds.retryJobIds]: command([isUri, isIdArray], async (uri, ids) => {
      if (!uri || !ids) return undefined;
      const document = await vscode.workspace.openTextDocument(uri);
      const wanted = new Set(ids);
      const request: CancelRequest = {
        source: retrySource(path.basename(uri.path)),
        origin: 'file',
        sourceDetail: retrySource(describeDocument(document)),
        ids: results.entriesOf(uri).flatMap((e) => (e.id !== undefined && wanted.has(e.id) ? [{ id: e.id, span: e.span }] : [])),
        problems: [],
        document,
      };
      return runner.run(request);
    }),
    // Given IDs (a quick fix): those; from the palette: every ID of unknown fate sent to the active Vault.
    [commandIds.verifyUnknown]: command([isIdArray], (ids) => runner.verifyUnknown(ids)),
    [commandIds.clearResults]: command([], () => results.clear()),
  };
}

/** Job ID → title, for the confirmation to name a single job. */
function titlesOf(jobs: readonly Job[]): Map<number, string> {
  return new Map(jobs.map((job) => [job.job_id, job.title]));
}
