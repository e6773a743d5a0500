// Watched jobs in the editor: the core watcher (src/core/jobs/watch.ts) kept per Vault in the
// extension's global storage (so watches survive a reload), fed by every background reading, and told
// to the user: one notification per notice with Show and Show Output, a status bar item with how many
// jobs are watched, how many ended since the user last looked, and whether background reading is
// slowed or paused for the API budget.
import * as vscode from 'vscode';
import {
  JobWatcher, jobStatusInfo, type ActiveJobsListing, type EndedJob, type JobToWatch, type JobsReading, type NoticeWhen, type PacedDelay,
  type WatchdogAlarm, type WatchesFile, type WatchedJob, type WatchNotice,
} from '../../core/jobs';
import type { Logger } from '../../core/log';
import type { Job } from '../../core/vault';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import { commandIds, watchStatusBarItemId } from '../names';
import { plural } from '../plural';

const { l10n } = vscode;

export interface JobWatchesDeps {
  /** Where the watches are kept (a file in the extension's global storage folder). */
  readonly store: Pick<WatchesFile, 'read' | 'write'>;
  readonly session: Pick<SessionService, 'active' | 'vault' | 'onDidChange'>;
  readonly settings: Pick<Settings, 'current'>;
  readonly log: Logger;
  readonly showOutput: () => void;
  /** Reveals the Watched section (the notification's Show). */
  readonly reveal: () => Thenable<void>;
}

export class JobWatches implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly watcher: JobWatcher;
  private readonly changed = this.disposables.add(new vscode.EventEmitter<void>());
  /** Fires when watches start, stop, or a reading changed what they show. */
  readonly onDidChange = this.changed.event;
  private readonly ended = this.disposables.add(new vscode.EventEmitter<readonly EndedJob[]>());
  /** Fires with the jobs each reading saw end (a run's record takes their final states). */
  readonly onDidEnd = this.ended.event;
  private readonly stopped = this.disposables.add(new vscode.EventEmitter<readonly WatchedJob[]>());
  /** Fires with the watches the user stopped before their jobs ended. */
  readonly onDidStop = this.stopped.event;
  private readonly item = this.disposables.add(vscode.window.createStatusBarItem(watchStatusBarItemId, vscode.StatusBarAlignment.Left, 49));
  private pace: PacedDelay | undefined;

  constructor(private readonly deps: JobWatchesDeps) {
    this.watcher = new JobWatcher(
      { now: () => Date.now(), watchdogs: () => deps.settings.current.watchdogs },
      deps.store.read(),
    );
    this.item.name = l10n.t('Vault Jobs: watched jobs');
    this.item.command = commandIds.showWatchedJobs;
    this.disposables.add(deps.session.onDidChange(() => this.updateStatusBar()));
    this.updateStatusBar();
  }

  /** The signed-in Vault's API URL: watches belong to it. */
  private get vaultUrl(): string | undefined {
    return this.deps.session.active?.client.baseUrl;
  }

  /** Watches `jobs` on the signed-in Vault; returns how many were not watched before. */
  watch(jobs: readonly JobToWatch[], how: { runId?: string; when: NoticeWhen }): number {
    const url = this.vaultUrl;
    if (!url || jobs.length === 0) return 0;
    const added = this.watcher.watch(url, jobs, how);
    this.deps.log.info(`watching ${added} more job(s)${how.runId ? ` of run ${how.runId}` : ''}; ${this.watcher.watched(url).length} watched`);
    this.save();
    return added;
  }

  unwatch(jobIds: readonly number[]): number {
    const url = this.vaultUrl;
    if (!url) return 0;
    const removed = this.watcher.unwatch(url, jobIds);
    if (removed.length) {
      this.deps.log.info(`stopped watching ${removed.length} job(s)`);
      this.stopped.fire(removed);
      this.save();
    }
    return removed.length;
  }

  watched(): readonly WatchedJob[] {
    const url = this.vaultUrl;
    return url ? this.watcher.watched(url) : [];
  }

  recentlyEnded(): readonly EndedJob[] {
    const url = this.vaultUrl;
    return url ? this.watcher.recentlyEnded(url) : [];
  }

  watchOf(jobId: number): WatchedJob | undefined {
    const url = this.vaultUrl;
    return url ? this.watcher.watchOf(url, jobId) : undefined;
  }

  /** Whether the signed-in Vault has watched jobs (a background reading is due). */
  get active(): boolean {
    const url = this.vaultUrl;
    return url !== undefined && this.watcher.hasWatches(url);
  }

  /** A watched job is not seen yet, or shows CANCELLING: worth reading again within seconds. */
  get worthReadingSoon(): boolean {
    const url = this.vaultUrl;
    return url !== undefined && this.watcher.worthReadingSoon(url);
  }

  /** Watched jobs of the signed-in Vault that ended since the user last looked. */
  get endedSinceLooked(): number {
    const url = this.vaultUrl;
    return url ? this.watcher.endedSinceLooked(url) : 0;
  }

  /** The user looked at the Watched section: the count of ended jobs starts again. */
  markLooked(): void {
    const url = this.vaultUrl;
    if (!url || this.watcher.endedSinceLooked(url) === 0) return;
    this.watcher.markLooked(url);
    this.save();
  }

  /** Whether History read so far may hold a watched job further back (a reading reads another page). */
  needsMoreHistory(active: ActiveJobsListing | undefined, history: readonly Job[]): boolean {
    const url = this.vaultUrl;
    return url !== undefined && this.watcher.needsMoreHistory(url, active, history);
  }

  /** Follows the watched jobs through one reading, and tells what it showed. */
  observe(reading: JobsReading): void {
    const update = this.watcher.observe(reading);
    for (const job of update.ended) this.deps.log.info(`watched job ${job.jobId} (${job.title}) ended: ${job.status ?? 'state not seen in History'} at ${job.at}`);
    for (const alarm of update.alarms) this.deps.log.warn(`watched job ${alarm.jobId} (${alarm.title}) is still ${alarm.status} after ${alarm.minutes} minutes`);
    if (update.ended.length) this.ended.fire(update.ended);
    for (const notice of update.notices) void this.tell(notice);
    if (update.changed) this.save();
  }

  /** How background reading is paced now (the status bar says when it is slowed or paused). */
  setPace(pace: PacedDelay | undefined): void {
    if (pace?.state === this.pace?.state) {
      this.pace = pace;
      return;
    }
    this.pace = pace;
    this.updateStatusBar();
  }

  private save(): void {
    this.deps.store.write(this.watcher.persist());
    this.updateStatusBar();
    this.changed.fire();
  }

  private async tell(notice: WatchNotice): Promise<void> {
    const show = l10n.t('Show');
    const output = l10n.t('Show Output');
    const message = describeNotice(notice);
    this.deps.log.info(`told: ${message}`);
    const picked = notice.warning ? await vscode.window.showWarningMessage(message, show, output) : await vscode.window.showInformationMessage(message, show, output);
    if (picked === show) await this.deps.reveal();
    if (picked === output) this.deps.showOutput();
  }

  private updateStatusBar(): void {
    const url = this.vaultUrl;
    const watched = url ? this.watcher.watched(url).length : 0;
    const endedSince = url ? this.watcher.endedSinceLooked(url) : 0;
    const limited = this.pace?.state === 'slowed' || this.pace?.state === 'paused';
    if (!url || (watched === 0 && endedSince === 0 && !limited)) {
      this.item.hide();
      return;
    }
    const budget = this.deps.session.active?.client.rateLimits;
    const vaultName = this.deps.session.vault?.name ?? '';
    const pace = this.pace?.state === 'slowed' ? l10n.t('slowed')
      : this.pace?.state === 'paused' ? l10n.t('paused') : '';
    this.item.text = [
      `$(eye) ${l10n.t({ message: '{0} watched', args: [watched], comment: ['{0}: jobs watched'] })}`,
      endedSince ? l10n.t({ message: '{0} ended', args: [endedSince], comment: ['{0}: watched jobs that ended since the user last looked'] }) : '',
      pace && `$(dashboard) ${pace}`,
    ].filter(Boolean).join(' · ');
    const left = budget?.burstRemaining !== undefined ? l10n.t('{0} of {1} API calls are left in this 5-minute window.', budget.burstRemaining, budget.burstLimit ?? '?') : '';
    this.item.tooltip = [
      plural(watched, {
        one: l10n.t({ message: '{0} job is watched on {1}.', args: [watched, vaultName], comment: ['{0}: jobs watched, {1}: Vault name'] }),
        other: l10n.t({ message: '{0} jobs are watched on {1}.', args: [watched, vaultName], comment: ['{0}: jobs watched, {1}: Vault name'] }),
      }),
      endedSince ? plural(endedSince, { one: l10n.t('{0} watched job ended since you last looked.', endedSince), other: l10n.t('{0} watched jobs ended since you last looked.', endedSince) }) : '',
      this.pace?.state === 'slowed' ? l10n.t('Background reading is slowed to save the API budget.') + ' ' + left : '',
      this.pace?.state === 'paused' ? l10n.t('Background reading is paused until the API budget recovers.') + ' ' + left : '',
      this.pace?.state === 'yielding' ? l10n.t('Background reading waits while a cancel is sent.') : '',
      l10n.t('Click to show the watched jobs'),
    ].filter(Boolean).join('\n\n');
    this.item.backgroundColor = limited ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** "38 cancelled; 2 still cancelling after 10 minutes", or for one job "Nightly Sync finished: Errors encountered". */
export function describeNotice(notice: WatchNotice): string {
  const { ended, stuck } = notice;
  if (ended.length === 1 && stuck.length === 0) {
    const [job] = ended;
    const name = job.title || l10n.t('Job {0}', job.jobId);
    return job.status
      ? l10n.t({ message: '{0} finished: {1}', args: [name, statusLabel(job.status)], comment: ['{0}: job title, {1}: its final state'] })
      : l10n.t({ message: '{0} left the Active list; its final state was not seen in History', args: [name], comment: ['{0}: job title'] });
  }
  if (ended.length === 0 && stuck.length === 1) {
    const [alarm] = stuck;
    return l10n.t({
      message: '{0} ({1}) is still {2} after {3} minutes', args: [alarm.title || l10n.t('Job {0}', alarm.jobId), alarm.jobId, statusLabel(alarm.status).toLowerCase(), alarm.minutes],
      comment: ['{0}: job title, {1}: job ID, {2}: its state, {3}: the watchdog\'s minutes'],
    });
  }
  const parts: string[] = [];
  for (const [status, count] of countBy(ended, (job) => job.status ?? '')) {
    parts.push(status ? `${count} ${statusLabel(status).toLowerCase()}`
      : l10n.t({ message: '{0} ended in a state not seen', args: [count], comment: ['{0}: jobs that left the Active list and were not found in History'] }));
  }
  for (const [key, count] of countBy(stuck, (alarm: WatchdogAlarm) => `${alarm.status}\u0000${alarm.minutes}`)) {
    const [status, minutes] = key.split('\u0000');
    parts.push(l10n.t({ message: '{0} still {1} after {2} minutes', args: [count, statusLabel(status).toLowerCase(), minutes], comment: ['{0}: jobs, {1}: their state, {2}: the watchdog\'s minutes'] }));
  }
  return parts.join('; ');
}

function statusLabel(status: string): string {
  return jobStatusInfo(status, 'history').label;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
