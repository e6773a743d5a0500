// Watch, Stop Watching and Show Watched Jobs: on job rows (multi-select), title or status groups, rows
// of the Watched section, or `{ ids }` from a caller. What they act on is read from the rows clicked
// (job IDs, titles and states), never looked up later in a list a refresh may have replaced.
import * as vscode from 'vscode';
import type { JobToWatch } from '../../core/jobs';
import { isArray, plainObjectOf } from '../../core/commandArgs';
import { command, type CommandHandlers } from '../commands';
import { commandIds } from '../names';
import { plural } from '../plural';
import { isJobNode, isJobSetNode, isWatchedJobNode } from './jobNodes';
import type { JobWatches } from './watches';

const { l10n } = vscode;

const isIdList = plainObjectOf<{ ids: readonly number[] }>({ ids: 'number[]' });
const isWatchTarget = (value: unknown): value is object => isJobNode(value) || isJobSetNode(value) || isWatchedJobNode(value) || (isIdList(value) && value.ids !== undefined);

/** The jobs the clicked row (and the rows selected with it) stand for. */
function jobsOf(node: unknown, nodes: readonly unknown[] | undefined): JobToWatch[] {
  const jobs = new Map<number, JobToWatch>();
  for (const each of nodes?.length ? nodes : [node]) {
    if (isJobNode(each)) jobs.set(each.job.job_id, { jobId: each.job.job_id, title: each.job.title, status: each.job.status });
    else if (isJobSetNode(each)) for (const job of each.set.jobs) jobs.set(job.job_id, { jobId: job.job_id, title: job.title, status: job.status });
    else if (isWatchedJobNode(each)) jobs.set(each.jobId, { jobId: each.jobId });
    else if (isIdList(each)) for (const id of each.ids ?? []) jobs.set(id, { jobId: id });
  }
  return [...jobs.values()];
}

export function watchCommands(watches: JobWatches, readSoon: () => void, reveal: () => Promise<void>): CommandHandlers {
  return {
    [commandIds.watchJobs]: command([isWatchTarget, isArray], (node, nodes) => {
      const jobs = jobsOf(node, nodes);
      if (!jobs.length) return 0;
      const added = watches.watch(jobs, { when: 'each' });
      readSoon();
      vscode.window.setStatusBarMessage(plural(jobs.length, {
        one: l10n.t('Watching {0} job until it ends', jobs.length),
        other: l10n.t('Watching {0} jobs until they end', jobs.length),
      }), 3000);
      return added;
    }),
    [commandIds.stopWatchingJobs]: command([isWatchTarget, isArray], (node, nodes) => {
      const ids = jobsOf(node, nodes).map((job) => job.jobId);
      return ids.length ? watches.unwatch(ids) : 0;
    }),
    [commandIds.showWatchedJobs]: command([], () => reveal()),
  };
}
