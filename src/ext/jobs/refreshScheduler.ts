// Lists again only while it is worth it. Auto-refresh runs while the view is visible and the window
// has focus; following cancelled jobs (until none shows CANCELLING) runs whether the view is visible
// or not, because the cancel results in files follow the model's listings, not the view.
import * as vscode from 'vscode';
import type { ActiveJobsListing } from '../../core/jobs';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import type { JobsNode } from './jobNodes';

/** Cancelling jobs turn CANCELLED within seconds on Vault: look again this often while following. */
const followIntervalMs = 5000;
/** Stop following after this long, whatever the jobs show, so a stuck job does not poll forever. */
const followLimitMs = 5 * 60_000;

export class RefreshScheduler implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private followUntil = 0;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly view: vscode.TreeView<JobsNode>,
    private readonly refresh: (options: { evenUnread: boolean }) => Thenable<ActiveJobsListing | undefined>,
    private readonly settings: Settings,
  ) {
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
    const { autoRefresh, autoRefreshSeconds } = this.settings.current;
    const delay = this.following ? followIntervalMs
      : autoRefresh && this.view.visible && vscode.window.state.focused ? autoRefreshSeconds * 1000 : undefined;
    if (delay !== undefined) this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    // One listing serves the view, the results and the check below, with the view closed too while following.
    const listing = await this.refresh({ evenUnread: this.following });
    if (this.following && listing?.complete && !listing.jobs.some((job) => job.status.toUpperCase() === 'CANCELLING')) this.followUntil = 0;
    this.schedule();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
