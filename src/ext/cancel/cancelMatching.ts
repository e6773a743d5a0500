// "Vault: Cancel Jobs Matching…": asks for criteria (queued and queueing by default; a title picked
// from the Active list, or a text or /regex/), reads every Active page, says how many jobs match and
// under which titles, and opens the matches as an untitled CSV with their job_id cells selected. It
// cancels nothing itself: the user reviews (or edits) the list and cancels it with the same code
// action and confirmation as any export.
import * as vscode from 'vscode';
import { parseJobCriteria, findActiveJobsMatching, countByStatus, describeCountsBriefly, type CriteriaField, type JobCriteriaInput } from '../../core/jobs';
import type { Job } from '../../core/vault';
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

/**
 * Statuses: queued and queueing by default. Scheduled is offered unticked: cancelling scheduled
 * instances stops those runs of their schedule, rarely what stopping a flood of queued ones means.
 */
async function askForCriteria(jobs: Pick<JobsService, 'activeJobs'>): Promise<JobCriteriaInput | undefined> {
  const byDefault = new Set(['QUEUED', 'QUEUEING']);
  const statuses = await vscode.window.showQuickPick(['QUEUED', 'QUEUEING', 'SCHEDULED', 'RUNNING', 'CANCELLING'].map((label) => ({ label, picked: byDefault.has(label) })), {
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
  const title = await pickTitle(jobs, input.statuses ?? []);
  if (title === undefined) return undefined;
  if (title === 'typed') {
    if (!await ask(2, 'title', l10n.t('title contains (/…/ for a regular expression; empty: any)'), l10n.t('Nightly export  or  /^Bulk (load|update)/'), titleInput)) return undefined;
  } else if (title !== 'any') {
    input = { ...input, title: title.exact, titleMode: 'exact' };
  }
  if (!await ask(3, 'createdAfter', l10n.t('created on or after (empty: any)'), '2026-11-29  ·  2026-11-29T14:00:00Z', (createdAfter) => ({ createdAfter }))) return undefined;
  if (!await ask(4, 'createdBefore', l10n.t('created before (empty: any)'), '2026-11-30', (createdBefore) => ({ createdBefore }))) return undefined;
  if (!await ask(5, 'createdBy', l10n.t('created by user ID (empty: anyone)'), '61299', (createdBy) => ({ createdBy }))) return undefined;
  return input;
}

/** The criteria as entered (JSON), by the URI of the review document they opened: a cancel from it records them. */
export type ReviewedCriteria = Map<string, string>;

type TitleChoice = { readonly exact: string } | 'typed' | 'any';

/**
 * The titles of the Active list as the jobs model holds it (a listing of the last refresh, or one it
 * makes now), with how many jobs of the chosen statuses each has, most first: the exact title of a
 * flood is one choice, and near-namesakes ("… (EU)") are separate items. Typing a text or /regex/
 * and any title remain. Resolves to undefined when dismissed.
 */
async function pickTitle(jobs: Pick<JobsService, 'activeJobs'>, statuses: readonly string[]): Promise<TitleChoice | undefined> {
  type TitleItem = vscode.QuickPickItem & { readonly choice: TitleChoice };
  const listing = await jobs.activeJobs();
  const wanted = new Set(statuses);
  const byTitle = new Map<string, Job[]>();
  for (const job of listing.jobs) {
    if (wanted.size > 0 && !wanted.has(job.status.toUpperCase())) continue;
    const members = byTitle.get(job.title);
    if (members) members.push(job);
    else byTitle.set(job.title, [job]);
  }
  const titles = [...byTitle].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  const items: TitleItem[] = [
    { label: `$(edit) ${l10n.t('Type a text the title contains, or a /regular expression/…')}`, choice: 'typed', alwaysShow: true },
    { label: `$(list-flat) ${l10n.t('Any title')}`, choice: 'any', alwaysShow: true },
    { label: l10n.t('Titles in the Active list'), kind: vscode.QuickPickItemKind.Separator, choice: 'any' },
    ...titles.map(([title, members]): TitleItem => ({
      label: title || l10n.t('(no title)'), description: describeCountsBriefly(countByStatus(members), 'active'), choice: { exact: title },
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: l10n.t({ message: 'Cancel Jobs Matching (2/{0}): title', args: [steps], comment: ['step 2 of {0}'] }),
    placeHolder: listing.complete ? l10n.t('Pick a title (exactly that title), or type a text') : l10n.t('Pick a title (the Active list was not read whole, so some titles may be missing), or type a text'),
    ignoreFocusOut: true, matchOnDescription: false,
  });
  return picked?.choice;
}

/**
 * Before the review opens: how many jobs match and, unless one exact title was picked, which titles
 * and how many of each, so a near-namesake caught by a text is seen before anything is selected.
 * Resolves to true when the user goes on to the review.
 */
async function confirmMatches(vaultName: string, matched: readonly Job[], scanned: number, exactTitle: boolean): Promise<boolean> {
  type Row = vscode.QuickPickItem & { readonly review?: boolean };
  const byTitle = new Map<string, number>();
  for (const job of matched) byTitle.set(job.title, (byTitle.get(job.title) ?? 0) + 1);
  const review: Row = { label: `$(go-to-file) ${plural(matched.length, { one: l10n.t('Review the {0} Matching Job', matched.length), other: l10n.t('Review the {0} Matching Jobs', matched.length) })}`, review: true };
  const rows: Row[] = [
    review,
    { label: `$(circle-slash) ${l10n.t('Stop here')}`, review: false },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(info) ${exactTitle ? l10n.t('Every match has the title you picked.') : plural(byTitle.size, {
      one: l10n.t('The matches have {0} title:', byTitle.size),
      other: l10n.t('The matches have {0} titles, with how many of each:', byTitle.size),
    })}` },
    ...(exactTitle ? [] : [...byTitle].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([title, n]): Row => ({
      label: `$(info) ${l10n.t({ message: '{0} × {1}', args: [n, title || l10n.t('(no title)')], comment: ['{0}: number of jobs, {1}: their title'] })}`,
    }))),
  ];
  const pick = vscode.window.createQuickPick<Row>();
  pick.title = plural(matched.length, {
    one: l10n.t({ message: '{0} of {1} active jobs of {2} matches', args: [matched.length, scanned, vaultName], comment: ['{0}: matches, {1}: jobs read, {2}: Vault name'] }),
    other: l10n.t({ message: '{0} of {1} active jobs of {2} match', args: [matched.length, scanned, vaultName], comment: ['{0}: matches, {1}: jobs read, {2}: Vault name'] }),
  });
  pick.ignoreFocusOut = true;
  pick.items = rows;
  pick.activeItems = [review];
  try {
    return await new Promise<boolean>((resolve) => {
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems;
        if (chosen?.review !== undefined) resolve(chosen.review); // a title row: the question stays open
      });
      pick.onDidHide(() => resolve(false));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

/** The command: criteria given (by a caller) or asked; resolves to the review editor, if one opened. */
export async function cancelJobsMatching(
  session: Pick<SessionService, 'ensureSignedIn'>, jobs: Pick<JobsService, 'recordActiveListing' | 'activeJobs'>, redactor: Redactor, given?: JobCriteriaInput,
  reviews?: ReviewedCriteria,
): Promise<vscode.TextEditor | undefined> {
  const active = await session.ensureSignedIn((vaultName) => l10n.t('Sign in to {0} to find jobs to cancel.', vaultName));
  if (!active) return undefined;
  const input = given ?? await askForCriteria(jobs);
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
    // Criteria a caller gave are its own to check; a person sees the matches before the review opens.
    if (!given && !await confirmMatches(active.vault.name, search.jobs, search.scanned, input.titleMode === 'exact')) return undefined;
    const editor = await openJobsDocument(search.jobs, 'csv', l10n.t({ message: 'Jobs to cancel – {0}', args: [active.vault.name], comment: ['{0}: Vault name'] }), { selectIds: true });
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
