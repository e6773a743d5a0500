// Polls only while it is worth it: the view is visible and the window has focus, and either
// auto-refresh is on or cancelled jobs are still CANCELLING (followed until they show CANCELLED).
import * as vscode from 'vscode';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import type { JobsTreeProvider } from './jobsTreeProvider';
import type { JobsNode } from './jobNodes';

/** Cancelling jobs turn CANCELLED within seconds on Vault: look again this often while following. */
const followIntervalMs = 5000;
/** Stop following after this long, whatever the jobs show, so a stuck job does not poll forever. */
const followLimitMs = 5 * 60_000;

export class RefreshScheduler implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private followUntil = 0;
  private readonly disposables = new DisposableStore();

  constructor(private readonly view: vscode.TreeView<JobsNode>, private readonly tree: JobsTreeProvider, private readonly settings: Settings) {
    this.disposables.add(view.onDidChangeVisibility(() => this.schedule()));
    this.disposables.add(vscode.window.onDidChangeWindowState(() => this.schedule()));
    this.disposables.add(settings.onDidChange(() => this.schedule()));
    this.disposables.add({ dispose: () => clearTimeout(this.timer) });
    this.schedule();
  }

  /** Follows cancelled jobs until none shows CANCELLING (or the limit passes). */
  followCancellations(): void {
    if (!this.settings.current.followCancellations) return;
    this.followUntil = Date.now() + followLimitMs;
    this.schedule();
  }

  get following(): boolean { return Date.now() < this.followUntil; }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.view.visible || !vscode.window.state.focused) return;
    const { autoRefresh, autoRefreshSeconds } = this.settings.current;
    const delay = this.following ? followIntervalMs : autoRefresh ? autoRefreshSeconds * 1000 : undefined;
    if (delay !== undefined) this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.tree.refresh();
    if (this.following) {
      const jobs = await this.tree.activeJobs().catch(() => []);
      if (!jobs.some((job) => job.status.toUpperCase() === 'CANCELLING')) this.followUntil = 0;
    }
    this.schedule();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
