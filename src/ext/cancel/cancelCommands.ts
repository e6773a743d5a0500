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
import { isCancellableJobNode, isJobNode, isJobSetNode, selectedJobNodes } from '../jobs';
import type { Job } from '../../core/vault';
import { retrySource, type CancelRequest, type CancelRunner } from './cancelRunner';
import type { CancelResults } from './cancelResults';
import { requestFromSelections, selectionMayHoldIdsNearby, spanOf } from './selectionRequest';
import { idDocumentSelector } from './cancelCodeActions';

const { l10n } = vscode;

export function cancelCommands(runner: Pick<CancelRunner, 'run' | 'verifyUnknown'>, results: Pick<CancelResults, 'entriesOf' | 'clear'>): CommandHandlers {
  async function cancelFromEditor(uri?: vscode.Uri, spans?: readonly TextSpan[]) {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) {
      void vscode.window.showWarningMessage(l10n.t('Select job IDs in a CSV, JSON or text file first.'));
      return undefined;
    }
    const selected = spans ?? (editor?.document === document ? editor.selections.map((s) => spanOf(document, s)) : []);
    return runner.run(requestFromSelections(document, selected));
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
    return runner.run({ source: l10n.t('typed job IDs'), origin: 'typed', ids: occurrences.map(({ id }) => ({ id })), problems: [] });
  }

  return {
    [commandIds.cancelJobs]: command([isJobNode, isArray], (node, nodes) => {
      if (node) {
        const jobs = selectedJobNodes(node, nodes);
        return runner.run({ source: l10n.t('the Jobs view ({0} selected)', jobs.length), origin: 'view', ids: jobs.map((n) => ({ id: n.job.job_id })), problems: [], titles: titlesOf(jobs.map((n) => n.job)) });
      }
      const editor = vscode.window.activeTextEditor;
      if (editor && !editor.selection.isEmpty && selectionMayHoldIdsNearby(editor.document, editor.selection)) return cancelFromEditor();
      const atCursors = editor && editor.selections.every((s) => s.isEmpty) && vscode.languages.match(idDocumentSelector, editor.document) > 0
        ? requestFromSelections(editor.document, editor.selections.map((s) => spanOf(editor.document, s))) : undefined;
      // A cursor on a job ID in a file of IDs: that ID (the confirmation names the file); elsewhere, ask.
      return atCursors?.ids.length ? runner.run(atCursors) : cancelTyped();
    }),
    // A selection of the Jobs view that mixes jobs Vault cancels with others (running, finished): the
    // former, with the counts in the confirmation's source. The menu shows it for any multi-selection,
    // under a fixed title: VS Code's menu titles are static, so "Cancel 3 Cancellable Jobs (of 5
    // selected)" cannot be the menu item itself, and the confirmation says those counts instead.
    [commandIds.cancelCancellableSelection]: command([isJobNode, isArray], (node, nodes) => {
      if (!node) return undefined;
      const jobs = selectedJobNodes(node, nodes);
      const cancellable = jobs.filter(isCancellableJobNode);
      if (cancellable.length === 0) {
        void vscode.window.showInformationMessage(l10n.t('None of the {0} selected jobs can be cancelled: Vault cancels scheduled, queued and queueing jobs only.', jobs.length));
        return undefined;
      }
      return runner.run({
        source: l10n.t({ message: 'the Jobs view ({0} cancellable of {1} selected)', args: [cancellable.length, jobs.length], comment: ['{0}, {1}: counts of jobs'] }),
        origin: 'view', ids: cancellable.map((n) => ({ id: n.job.job_id })), problems: [], titles: titlesOf(cancellable.map((n) => n.job)),
      });
    }),
    // A group of the Jobs view: its queued and queueing members, through the same confirmation. Its
    // scheduled members are offered there as a choice of their own: cancelling them stops those runs
    // of their schedule, rarely what stopping a flood of queued instances means. A group with nothing
    // queued offers its scheduled members as the jobs to cancel.
    [commandIds.cancelJobGroup]: command([isJobSetNode], (node) => {
      if (!node) return undefined;
      const { label, queuedIds, scheduledIds, jobs } = node.set;
      const ids = queuedIds.length ? queuedIds : scheduledIds;
      return runner.run({
        source: l10n.t('the group "{0}" of the Jobs view', label), origin: 'view', ids: ids.map((id) => ({ id })), problems: [],
        ...(queuedIds.length ? { scheduledIds } : {}),
        titles: titlesOf(jobs),
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
