// The Jobs view's nodes and how each one looks: status icons with theme colours, a description
// (status and time), a Markdown tooltip with every field, and contextValue tokens for the menus.
import * as vscode from 'vscode';
import type { Job } from '../../core/vault';
import { commandIds } from '../names';
import { plural } from '../plural';
import { jobContextValue, jobStatusInfo, describeCounts, type JobGroup, type GroupingMode, type JobGroupOf } from '../../core/jobs';

const { l10n } = vscode;

export class GroupNode {
  readonly kind = 'group';
  constructor(readonly group: JobGroup) {}
}
/** A group of Active jobs by title or status (when the view is not flat), with its counts by state. */
export class JobSetNode {
  readonly kind = 'jobSet';
  constructor(readonly parent: GroupNode, readonly mode: Exclude<GroupingMode, 'flat'>, readonly set: JobGroupOf) {}
  /** The section it is in, like a job node's parent. */
  get group(): JobGroup { return this.parent.group; }
}
export class JobNode {
  readonly kind = 'job';
  constructor(readonly job: Job, readonly parent: GroupNode | JobSetNode) {}
}
export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(readonly parent: GroupNode, readonly shown: number, readonly total: number) {}
}
export class MessageNode {
  readonly kind = 'message';
  /** `isError` false: information; 'warning': a list that may be incomplete. */
  constructor(readonly parent: GroupNode | JobSetNode, readonly message: string, readonly isError: boolean | 'warning', readonly key = 'message') {}
}
export type JobsNode = GroupNode | JobSetNode | JobNode | LoadMoreNode | MessageNode;

/** Commands get the nodes VS Code hands them (or anything a caller passes): only job nodes count. */
export function isJobNode(node: unknown): node is JobNode {
  return node instanceof JobNode;
}

export function isGroupNode(node: unknown): node is GroupNode {
  return node instanceof GroupNode;
}

export function isJobSetNode(node: unknown): node is JobSetNode {
  return node instanceof JobSetNode;
}

/** The jobs a context-menu command applies to: every selected job node, else the one clicked. */
export function selectedJobNodes(node: unknown, nodes?: readonly unknown[]): JobNode[] {
  return (nodes?.length ? nodes : [node]).filter(isJobNode);
}

export function groupItem(node: GroupNode, count: string, note?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.group === 'active' ? l10n.t('Active') : l10n.t('History'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.group}`;
  item.description = count;
  item.iconPath = new vscode.ThemeIcon(node.group === 'active' ? 'pulse' : 'history');
  item.contextValue = `group ${node.group}`;
  if (note) item.tooltip = note;
  return item;
}

/**
 * "Bulk Load · 12 scheduled · 3 queued · 15 cancellable". The context value says whether "Cancel
 * Cancellable Jobs" applies; its token avoids the word "cancellable", which the job menus match.
 */
export function jobSetItem(node: JobSetNode): vscode.TreeItem {
  const { set, mode, group } = node;
  const item = new vscode.TreeItem(set.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `set:${group}:${mode}:${set.key}`;
  const cancellable = set.cancellableIds.length;
  const counts = describeCounts(set.counts, group);
  item.description = cancellable ? l10n.t({ message: '{0} · {1} cancellable', args: [counts, cancellable], comment: ['{0}: group count as shown, {1}: cancellable jobs'] }) : counts;
  item.iconPath = new vscode.ThemeIcon(mode === 'title' ? 'symbol-class' : jobStatusInfo(set.key, group).icon);
  item.contextValue = ['jobSet', cancellable > 0 && 'hasQueuedMembers'].filter(Boolean).join(' ');
  item.tooltip = plural(set.jobs.length, {
    one: l10n.t({ message: '{0}: {1} job ({2}); {3} can be cancelled', args: [set.label, set.jobs.length, counts, cancellable], comment: ['{0}: group title or status, {1}: its jobs, {2}: its count as shown, {3}: cancellable jobs'] }),
    other: l10n.t({ message: '{0}: {1} jobs ({2}); {3} can be cancelled', args: [set.label, set.jobs.length, counts, cancellable], comment: ['{0}: group title or status, {1}: its jobs, {2}: its count as shown, {3}: cancellable jobs'] }),
  });
  item.accessibilityInformation = { label: item.tooltip };
  return item;
}

export function jobItem(node: JobNode): vscode.TreeItem {
  const { job } = node;
  const status = jobStatusInfo(job.status, node.parent.group);
  const item = new vscode.TreeItem(job.title || l10n.t('Job {0}', job.job_id), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.parent.group}:${job.job_id}`;
  const when = job.run_end_date ?? job.run_start_date ?? job.created_date;
  item.description = `${status.label} · ${job.job_id}${when ? ` · ${formatDate(when)}` : ''}`;
  item.iconPath = new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
  item.contextValue = jobContextValue(job.status, node.parent.group);
  item.tooltip = jobTooltip(job, status.label);
  item.accessibilityInformation = { label: l10n.t({ message: '{0}, job {1}, {2}', args: [job.title, job.job_id, status.label], comment: ['{0}: job title, {1}: job ID, {2}: status'] }) };
  return item;
}

export function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = `loadMore:${node.parent.group}`;
  item.description = l10n.t({ message: '{0} of {1} shown', args: [node.shown, node.total], comment: ['history: {0} shown, {1} in all'] });
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: commandIds.loadMoreHistory, title: l10n.t('Load More History') };
  item.contextValue = 'loadMore';
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = node.parent.kind === 'jobSet' ? `${node.key}:${node.parent.group}:${node.parent.mode}:${node.parent.set.key}` : `${node.key}:${node.parent.group}`;
  item.iconPath = node.isError === 'warning' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon(node.isError ? 'error' : 'info', node.isError ? new vscode.ThemeColor('list.errorForeground') : undefined);
  item.tooltip = node.message;
  item.contextValue = 'message';
  return item;
}

function jobTooltip(job: Job, statusLabel: string): vscode.MarkdownString {
  const rows: [string, string | number | undefined][] = [
    [l10n.t('Job ID'), job.job_id], [l10n.t('Status'), `${statusLabel} (${job.status})`], [l10n.t('Created by'), job.created_by],
    [l10n.t('Created'), job.created_date], [l10n.t('Modified by'), job.modified_by], [l10n.t('Modified'), job.modified_date],
    [l10n.t('Run start'), job.run_start_date], [l10n.t('Run end'), job.run_end_date],
  ];
  const markdown = new vscode.MarkdownString(`**${escapeMarkdown(job.title)}**\n\n| | |\n|---|---|\n`);
  for (const [label, value] of rows) {
    if (value !== undefined && value !== null && value !== '') markdown.appendMarkdown(`| ${label} | ${escapeMarkdown(String(value))} |\n`);
  }
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Vault's ISO dates as local "2026-03-02 09:12". */
function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
