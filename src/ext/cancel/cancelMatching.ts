// "Vault: Cancel Jobs Matching…": asks for criteria, reads every Active page, and opens the matching
// jobs as an untitled CSV with their job_id cells selected. It cancels nothing itself: the user reviews
// (or edits) the list and cancels it with the same code action and confirmation as any export.
import * as vscode from 'vscode';
import { parseJobCriteria, findActiveJobsMatching, type CriteriaField, type JobCriteriaInput } from '../../core/jobs';
import { plainObjectOf } from '../../core/commandArgs';
import type { Redactor } from '../../core/log';
import type { SessionService } from '../session';
import { openJobsDocument, type JobsService } from '../jobs';
import { describeError } from '../errors';
import { plural } from '../plural';

const { l10n } = vscode;
const steps = 5;

/** Criteria a caller passed: a plain object whose known fields have the right types (anything else is asked for instead). */
export const isCriteriaInput = plainObjectOf<JobCriteriaInput>({
  statuses: 'string[]', title: 'string', titleMode: 'string', createdAfter: 'string', createdBefore: 'string', createdBy: 'string',
});

/** The problem parseJobCriteria finds with `field`, given what was entered so far. */
function problemWith(input: JobCriteriaInput, field: CriteriaField): string | undefined {
  const parsed = parseJobCriteria(input);
  return parsed.ok ? undefined : parsed.problems.find((problem) => problem.field === field)?.message;
}

/** "/pattern/" is a regular expression; anything else is text the title contains. */
function titleInput(text: string): Pick<JobCriteriaInput, 'title' | 'titleMode'> {
  const regex = /^\/(.+)\/$/s.exec(text.trim());
  return regex ? { title: regex[1], titleMode: 'regex' } : { title: text, titleMode: 'contains' };
}

async function askForCriteria(): Promise<JobCriteriaInput | undefined> {
  const cancellable = new Set(['SCHEDULED', 'QUEUED', 'QUEUEING']);
  const statuses = await vscode.window.showQuickPick(['SCHEDULED', 'QUEUED', 'QUEUEING', 'RUNNING', 'CANCELLING'].map((label) => ({ label, picked: cancellable.has(label) })), {
    title: l10n.t('Cancel Jobs Matching (1/{0}): statuses (none: any)', steps), canPickMany: true, ignoreFocusOut: true,
  });
  if (!statuses) return undefined;
  let input: JobCriteriaInput = { statuses: statuses.map((s) => s.label) };
  const ask = async (step: number, field: CriteriaField, title: string, placeHolder: string, toInput: (text: string) => JobCriteriaInput) => {
    const text = await vscode.window.showInputBox({
      title: l10n.t({ message: 'Cancel Jobs Matching ({0}/{1}): {2}', args: [step, steps, title], comment: ['step {0} of {1}, {2}: the question'] }), placeHolder, ignoreFocusOut: true,
      validateInput: (value) => problemWith({ ...input, ...toInput(value) }, field),
    });
    if (text === undefined) return false;
    input = { ...input, ...toInput(text) };
    return true;
  };
  if (!await ask(2, 'title', l10n.t('title contains (/…/ for a regular expression; empty: any)'), l10n.t('Nightly export  or  /^Bulk (load|update)/'), titleInput)) return undefined;
  if (!await ask(3, 'createdAfter', l10n.t('created on or after (empty: any)'), '2026-11-29  ·  2026-11-29T14:00:00Z', (createdAfter) => ({ createdAfter }))) return undefined;
  if (!await ask(4, 'createdBefore', l10n.t('created before (empty: any)'), '2026-11-30', (createdBefore) => ({ createdBefore }))) return undefined;
  if (!await ask(5, 'createdBy', l10n.t('created by user ID (empty: anyone)'), '61299', (createdBy) => ({ createdBy }))) return undefined;
  return input;
}

/** The criteria as entered (JSON), by the URI of the review document they opened: a cancel from it records them. */
export type ReviewedCriteria = Map<string, string>;

/** The command: criteria given (by a caller) or asked; resolves to the review editor, if one opened. */
export async function cancelJobsMatching(
  session: Pick<SessionService, 'ensureSignedIn'>, jobs: Pick<JobsService, 'recordActiveListing'>, redactor: Redactor, given?: JobCriteriaInput,
  reviews?: ReviewedCriteria,
): Promise<vscode.TextEditor | undefined> {
  const active = await session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to find jobs to cancel.', vaultName));
  if (!active) return undefined;
  const input = given ?? await askForCriteria();
  if (!input) return undefined;
  const parsed = parseJobCriteria(input);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(l10n.t('Cannot search for jobs: {0}', parsed.problems.map((p) => p.message).join(' ')));
    return undefined;
  }
  try {
    const search = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: l10n.t('Reading the active jobs of {0}…', active.vault.name), cancellable: true,
    }, (_progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort(new Error(l10n.t('Stopped by the user'))));
      return findActiveJobsMatching(active.client, parsed.criteria, {
        signal: stop.signal,
        // What was read is what the view and the results follow, as if the view had listed it.
        onListed: (list) => jobs.recordActiveListing({ ...list, vaultUrl: active.client.baseUrl }),
      });
    });
    if (!search.complete) void vscode.window.showWarningMessage(l10n.t('The active list of {0} is incomplete, so jobs may be missing from the review: {1}', active.vault.name, search.note ?? ''));
    if (search.jobs.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('No active job of {0} matches ({1} read).', active.vault.name, search.scanned));
      return undefined;
    }
    const editor = await openJobsDocument(search.jobs, 'csv', { selectIds: true });
    reviews?.set(editor.document.uri.toString(), JSON.stringify(input));
    void vscode.window.showInformationMessage(plural(search.jobs.length, {
      one: l10n.t('{0} of {1} active jobs matches. Its job ID is selected: review it, then cancel it with the light bulb or the context menu (Vault: Cancel Selected Job IDs).', search.jobs.length, search.scanned),
      other: l10n.t('{0} of {1} active jobs match. Their job IDs are selected: review the list (edit it if you like), then cancel them with the light bulb or the context menu (Vault: Cancel Selected Job IDs).', search.jobs.length, search.scanned),
    }));
    return editor;
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Could not search the active jobs of {0}: {1}', active.vault.name, describeError(error, redactor)));
    return undefined;
  }
}
