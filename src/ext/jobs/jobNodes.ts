// The Jobs view's nodes and how each one looks: status icons with theme colours, a description
// (status and time), a Markdown tooltip with every field, and contextValue tokens for the menus.
import * as vscode from 'vscode';
import type { Job, JobTask } from '../../core/vault';
import { commandIds } from '../names';
import { plural } from '../plural';
import {
  jobContextValue, jobStatusInfo, describeCounts, describeCountsBriefly, type EndedJob, type JobGroup, type GroupingMode, type JobGroupOf, type WatchedJob,
} from '../../core/jobs';

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
/** One task of an SDK job, under the job's row. */
export class TaskNode {
  readonly kind = 'task';
  constructor(readonly parent: JobNode, readonly task: JobTask) {}
}
/** "Load more tasks…" under a job whose tasks Vault pages. */
export class MoreTasksNode {
  readonly kind = 'moreTasks';
  constructor(readonly parent: JobNode, readonly shown: number, readonly total: number | undefined) {}
}
/** Why a job shows no tasks, or where its list of tasks stops short. */
export class TaskNoteNode {
  readonly kind = 'taskNote';
  constructor(readonly parent: JobNode, readonly message: string, readonly isError: boolean) {}
}
/** The Watched section: the jobs watched on the signed-in Vault, then those that ended lately. */
export class WatchedNode {
  readonly kind = 'watched';
}
/** A watched job (`watch`), or one that ended while watched (`ended`). */
export class WatchedJobNode {
  readonly kind = 'watchedJob';
  constructor(readonly parent: WatchedNode, readonly entry: { watch: WatchedJob } | { ended: EndedJob }) {}
  get jobId(): number { return 'watch' in this.entry ? this.entry.watch.jobId : this.entry.ended.jobId; }
}
export type JobsNode = GroupNode | JobSetNode | JobNode | LoadMoreNode | MessageNode | TaskNode | MoreTasksNode | TaskNoteNode | WatchedNode | WatchedJobNode;

/** Commands get the nodes VS Code hands them (or anything a caller passes): only job nodes count. */
export function isJobNode(node: unknown): node is JobNode {
  return node instanceof JobNode;
}

export function isMoreTasksNode(node: unknown): node is MoreTasksNode {
  return node instanceof MoreTasksNode;
}

export function isWatchedJobNode(node: unknown): node is WatchedJobNode {
  return node instanceof WatchedJobNode;
}

export function isGroupNode(node: unknown): node is GroupNode {
  return node instanceof GroupNode;
}

export function isJobSetNode(node: unknown): node is JobSetNode {
  return node instanceof JobSetNode;
}

/** A job Vault's Cancel Job accepts, as the row's menu knows it. */
export function isCancellableJobNode(node: JobNode): boolean {
  return jobStatusInfo(node.job.status, node.parent.group).cancellable;
}

/** The jobs a context-menu command applies to: every selected job node, else the one clicked. */
export function selectedJobNodes(node: unknown, nodes?: readonly unknown[]): JobNode[] {
  return (nodes?.length ? nodes : [node]).filter(isJobNode);
}

/**
 * The Active row also names the Vault: the view's title is cut at the sidebar's default width
 * ("VAULT JOBS: DEMO …"), a row is not.
 */
export function groupItem(node: GroupNode, count: string, note?: string, vaultName?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.group === 'active' ? l10n.t('Active') : l10n.t('History'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.group}`;
  if (node.group === 'history' || !vaultName) item.description = count;
  else item.description = count ? l10n.t({ message: '{0} · {1}', args: [count, vaultName], comment: ['{0}: count of active jobs, {1}: Vault name'] }) : vaultName;
  item.iconPath = new vscode.ThemeIcon(node.group === 'active' ? 'pulse' : 'history');
  item.contextValue = `group ${node.group}`;
  if (note) item.tooltip = note;
  return item;
}

/**
 * "Bulk Load   3000 queued · 5 sched.": the counts a cancel concerns, brief, so that they are read
 * beside a short title at the default sidebar width (a tree row has one line: a long title still
 * pushes them out of sight); the tooltip and the accessible label say it all in full. The context
 * value says whether "Cancel Cancellable Jobs" applies; its token avoids the word "cancellable",
 * which the job menus match.
 */
export function jobSetItem(node: JobSetNode): vscode.TreeItem {
  const { set, mode, group } = node;
  const item = new vscode.TreeItem(set.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `set:${group}:${mode}:${set.key}`;
  const cancellable = set.cancellableIds.length;
  const counts = describeCounts(set.counts, group);
  item.description = describeCountsBriefly(set.counts, group);
  item.iconPath = new vscode.ThemeIcon(mode === 'title' ? 'symbol-class' : jobStatusInfo(set.key, group).icon);
  item.contextValue = ['jobSet', cancellable > 0 && 'hasQueuedMembers'].filter(Boolean).join(' ');
  const queued = set.queuedIds.length;
  const scheduled = set.scheduledIds.length;
  item.tooltip = plural(set.jobs.length, {
    one: l10n.t({ message: '{0}: {1} job ({2}); Cancel Cancellable Jobs cancels {3} queued, and {4} scheduled only if you choose them too', args: [set.label, set.jobs.length, counts, queued, scheduled], comment: ['{0}: group title or status, {1}: its jobs, {2}: its count as shown, {3}: queued or queueing jobs, {4}: scheduled jobs'] }),
    other: l10n.t({ message: '{0}: {1} jobs ({2}); Cancel Cancellable Jobs cancels {3} queued, and {4} scheduled only if you choose them too', args: [set.label, set.jobs.length, counts, queued, scheduled], comment: ['{0}: group title or status, {1}: its jobs, {2}: its count as shown, {3}: queued or queueing jobs, {4}: scheduled jobs'] }),
  });
  item.accessibilityInformation = { label: item.tooltip };
  return item;
}

/** `watch`: the job's watch, when it is watched (its row says so, and a watchdog that fired marks it). */
export function jobItem(node: JobNode, watch?: WatchedJob): vscode.TreeItem {
  const { job } = node;
  const status = jobStatusInfo(job.status, node.parent.group);
  // Collapsed: an SDK job's tasks are read when the row is expanded (the lists do not say which jobs are SDK jobs).
  const item = new vscode.TreeItem(job.title || l10n.t('Job {0}', job.job_id), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = jobItemId(node);
  const when = job.run_end_date ?? job.run_start_date ?? job.created_date;
  item.description = [`${status.label} · ${job.job_id}${when ? ` · ${formatDate(when)}` : ''}`, watch && watchMark(watch)].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
  item.contextValue = [jobContextValue(job.status, node.parent.group), watch && 'watched'].filter(Boolean).join(' ');
  item.tooltip = jobTooltip(job, status.label);
  item.accessibilityInformation = { label: l10n.t({ message: '{0}, job {1}, {2}', args: [job.title, job.job_id, status.label], comment: ['{0}: job title, {1}: job ID, {2}: status'] }) };
  return item;
}

function jobItemId(node: JobNode): string {
  return `${node.parent.group}:${node.job.job_id}`;
}

export function taskItem(node: TaskNode): vscode.TreeItem {
  const { task } = node;
  const status = jobStatusInfo(task.state, node.parent.parent.group);
  const item = new vscode.TreeItem(task.id, vscode.TreeItemCollapsibleState.None);
  item.id = `${jobItemId(node.parent)}:task:${task.id}`;
  item.description = status.label;
  item.iconPath = new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
  item.tooltip = l10n.t({ message: 'Task {0} of job {1}: {2}', args: [task.id, node.parent.job.job_id, task.state], comment: ['{0}: task ID as Vault names it, {1}: job ID, {2}: task state'] });
  item.contextValue = 'task';
  return item;
}

export function moreTasksItem(node: MoreTasksNode): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Load more tasks…'), vscode.TreeItemCollapsibleState.None);
  item.id = `${jobItemId(node.parent)}:moreTasks`;
  item.description = node.total === undefined ? String(node.shown)
    : l10n.t({ message: '{0} of {1} shown', args: [node.shown, node.total], comment: ['tasks: {0} shown, {1} in all'] });
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: commandIds.loadMoreTasks, title: l10n.t('Load More Tasks'), arguments: [node] };
  item.contextValue = 'loadMoreTasks';
  return item;
}

export function taskNoteItem(node: TaskNoteNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `${jobItemId(node.parent)}:taskNote`;
  item.iconPath = node.isError ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('info');
  item.tooltip = node.message;
  item.contextValue = 'message';
  return item;
}

/** "watched", or what the watchdog saw: "stuck: Cancelling over 10 min". */
function watchMark(watch: WatchedJob): string {
  if (!watch.alarms.length || !watch.status) return l10n.t('watched');
  return l10n.t({ message: 'stuck: {0} since {1}', args: [jobStatusInfo(watch.status, 'active').label, watch.statusSince ? formatDate(new Date(watch.statusSince).toISOString()) : '?'], comment: ['{0}: state, {1}: local time it was first seen in it'] });
}

export function watchedItem(count: number, endedSinceLooked: number): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Watched'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = 'group:watched';
  item.description = endedSinceLooked ? l10n.t({ message: '{0} · {1} ended', args: [count, endedSinceLooked], comment: ['{0}: jobs watched, {1}: ended since last looked'] }) : String(count);
  item.iconPath = new vscode.ThemeIcon('eye');
  item.contextValue = 'watchedGroup';
  return item;
}

export function watchedJobItem(node: WatchedJobNode): vscode.TreeItem {
  const entry = node.entry;
  const job = 'watch' in entry ? entry.watch : entry.ended;
  const state = job.status ? jobStatusInfo(job.status, 'watch' in entry ? 'active' : 'history') : undefined;
  const item = new vscode.TreeItem(job.title || l10n.t('Job {0}', job.jobId), vscode.TreeItemCollapsibleState.None);
  item.id = 'watch' in entry ? `watched:${job.jobId}` : `ended:${job.jobId}:${entry.ended.at}`;
  if ('watch' in entry) {
    const stuck = entry.watch.alarms.length > 0;
    item.description = [state?.label ?? l10n.t('not seen yet'), String(job.jobId), stuck ? watchMark(entry.watch) : ''].filter(Boolean).join(' · ');
    item.iconPath = stuck ? new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(state?.icon ?? 'eye', state?.color ? new vscode.ThemeColor(state.color) : undefined);
    item.contextValue = 'watchedJob';
  } else {
    const ended = entry.ended;
    item.description = [ended.status ? l10n.t('ended: {0}', state!.label) : l10n.t('ended, state not seen'), String(job.jobId), formatDate(ended.at)].join(' · ');
    item.iconPath = new vscode.ThemeIcon(state?.icon ?? 'question', state?.color ? new vscode.ThemeColor(state.color) : undefined);
    item.contextValue = 'endedJob';
  }
  item.tooltip = `${job.title} (${job.jobId})`;
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
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
