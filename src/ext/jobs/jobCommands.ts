// Jobs view commands: refresh, filter, grouping, export, load more, copy IDs, details. (Start Now, which
// changes jobs on Vault, is the cancel feature's: it shares cancel's production guard and run records.)
import * as vscode from 'vscode';
import { historyStatusFilters, monitorStatusFilters, type JobsFilter, type JobsModel } from '../../core/jobs';
import type { Redactor } from '../../core/log';
import type { SessionService } from '../session';
import { describeError } from '../errors';
import { commandIds } from '../names';
import { command, type CommandHandlers } from '../commands';
import { isArray, plainObjectOf } from '../../core/commandArgs';
import { plural } from '../plural';
import { isGroupNode, isJobNode, isJobSetNode, selectedJobNodes, type GroupNode, type JobNode, type JobSetNode } from './jobNodes';
import type { JobDetailsDocuments } from './jobDetails';
import { openJobsDocument, pickExportFormat } from './jobsDocument';
import type { Job } from '../../core/vault';

const { l10n } = vscode;

const isJobsFilter = (value: unknown): value is JobsFilter =>
  plainObjectOf<JobsFilter>({ statuses: 'string[]', text: 'string' })(value) && Array.isArray(value.statuses) && typeof value.text === 'string';
const isIdList = plainObjectOf<{ ids: readonly number[] }>({ ids: 'number[]' });
const isJobNodeOrIds = (value: unknown): value is JobNode | { ids: readonly number[] } => isJobNode(value) || (isIdList(value) && value.ids !== undefined);

export function jobCommands(
  session: Pick<SessionService, 'vault'>, model: JobsModel, refresh: () => Thenable<unknown>, details: JobDetailsDocuments, redactor: Redactor,
): CommandHandlers {
  async function askForFilter(): Promise<JobsFilter | undefined> {
    const current = model.filter;
    const statuses = [...monitorStatusFilters, 'queueing', 'cancelling', ...historyStatusFilters].map((s) => s.toUpperCase());
    const picked = await vscode.window.showQuickPick(statuses.map((status) => ({ label: status, picked: current.statuses.includes(status) })),
      { title: l10n.t('Filter jobs (1/2): statuses to show (none: all)'), canPickMany: true, ignoreFocusOut: true });
    if (!picked) return undefined;
    const text = await vscode.window.showInputBox({ title: l10n.t('Filter jobs (2/2): title or job ID contains (empty: any)'), value: current.text, ignoreFocusOut: true });
    if (text === undefined) return undefined;
    return { statuses: picked.map((p) => p.label), text };
  }

  /** `name`: the new document's title, without the Vault's name and the extension ("Active jobs"). */
  async function exportShown(jobs: Promise<Job[]>, what: string, name: string) {
    const format = await pickExportFormat(l10n.t('Export {0}', what));
    if (!format) return undefined;
    try {
      const vault = session.vault?.name;
      return await openJobsDocument(await jobs, format, vault ? l10n.t({ message: '{0} – {1}', args: [name, vault], comment: ['{0}: e.g. "Active jobs", {1}: Vault name'] }) : name);
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t({ message: 'Could not export {0}: {1}', args: [what, describeError(error, redactor)], comment: ['{0}: e.g. "the jobs shown", {1}: reason'] }));
      return undefined;
    }
  }

  return {
    [commandIds.refreshJobs]: command([], () => refresh()),
    [commandIds.groupJobsByTitle]: command([], () => model.setGrouping('title')),
    [commandIds.groupJobsByStatus]: command([], () => model.setGrouping('status')),
    [commandIds.showJobsFlat]: command([], () => model.setGrouping('flat')),
    // The toolbar's: the whole view as shown, whatever row is selected.
    [commandIds.exportJobs]: command([], () => exportShown(model.shownJobs(), l10n.t('the jobs shown'), model.isFiltered ? l10n.t('Jobs shown') : l10n.t('Jobs'))),
    [commandIds.exportJobGroup]: command([isGroupOrSet], (node) => {
      if (isJobSetNode(node)) return exportShown(Promise.resolve(node.set.jobs), l10n.t('the jobs of "{0}"', node.set.label), node.set.label);
      if (node) return exportShown(model.shownJobs(node.group), sectionName(node), node.group === 'active' ? l10n.t('Active jobs') : l10n.t('Job history'));
      return undefined;
    }),
    [commandIds.filterJobs]: command([isJobsFilter], async (filter) => {
      const chosen = filter ?? await askForFilter();
      if (chosen) model.setFilter(chosen);
    }),
    [commandIds.clearFilter]: command([], () => model.setFilter({ statuses: [], text: '' })),
    [commandIds.loadMoreHistory]: command([], () => model.loadMoreHistory()),
    [commandIds.copyJobIds]: command([isJobNodeOrIds, isArray], async (node, nodes) => {
      const ids = isJobNode(node) ? selectedJobNodes(node, nodes).map((n) => n.job.job_id) : node?.ids ?? [];
      if (!ids.length) return;
      await vscode.env.clipboard.writeText(ids.join('\n'));
      vscode.window.setStatusBarMessage(plural(ids.length, { one: l10n.t('Copied {0} job ID', ids.length), other: l10n.t('Copied {0} job IDs', ids.length) }), 3000);
    }),
    [commandIds.showJobDetails]: command([isJobNode], async (node) => {
      if (!node) return;
      const document = await vscode.workspace.openTextDocument(details.uriFor(node.job));
      await vscode.languages.setTextDocumentLanguage(document, 'json');
      await vscode.window.showTextDocument(document, { preview: true });
    }),
  };
}

function isGroupOrSet(value: unknown): value is GroupNode | JobSetNode {
  return isGroupNode(value) || isJobSetNode(value);
}

function sectionName(node: GroupNode): string {
  return node.group === 'active' ? l10n.t('the active jobs shown') : l10n.t('the job history shown');
}
