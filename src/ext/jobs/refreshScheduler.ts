// Lists again only while it is worth it, within Vault's API budget. Auto-refresh runs while the view is
// visible and the window has focus; watched jobs are followed whether the view is visible or not,
// because the notifications, the cancel results in files and the runs' records follow the watches,
// not the view. One reading serves both, and the core's BackgroundReader paces it: at most a share
// of the burst budget however long the Active list is, slower under a reserve, paused under a floor,
// and never while a cancel is being sent.
import * as vscode from 'vscode';
import { BackgroundReader, type PacedDelay } from '../../core/jobs';
import type { SessionService } from '../session';
import type { Settings } from '../settings';
import { DisposableStore } from '../disposables';
import type { JobsNode } from './jobNodes';
import type { JobWatches } from './watches';

/** Cancelling jobs turn CANCELLED within seconds on Vault: look again this often while a watched job shows CANCELLING (or was not seen yet). */
const soonIntervalMs = 5000;
/** Other watched jobs (running, queued) are read this often at most. */
const watchIntervalMs = 30_000;

export interface RefreshSchedulerDeps {
  readonly view: Pick<vscode.TreeView<JobsNode>, 'visible' | 'onDidChangeVisibility'>;
  readonly session: Pick<SessionService, 'active' | 'onDidChange'>;
  readonly settings: Pick<Settings, 'current' | 'onDidChange'>;
  readonly watches: JobWatches;
  /** Lists again what the view shows, and (while jobs are watched) reads for the watches. */
  readonly refresh: () => Thenable<unknown>;
}

export class RefreshScheduler implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly reader: BackgroundReader;
  private holds = 0;

  constructor(private readonly deps: RefreshSchedulerDeps) {
    this.reader = new BackgroundReader({
      wantedMs: () => this.wantedMs(),
      busy: () => this.holds > 0,
      read: () => Promise.resolve(deps.refresh()),
      limits: () => deps.session.active?.client.rateLimits ?? {},
      requestsSent: () => deps.session.active?.client.requestsSent ?? 0,
      onDidSchedule: (pace: PacedDelay | undefined) => deps.watches.setPace(pace),
    });
    const schedule = () => this.reader.schedule();
    this.disposables.add(deps.view.onDidChangeVisibility(schedule));
    this.disposables.add(vscode.window.onDidChangeWindowState(schedule));
    this.disposables.add(deps.settings.onDidChange(schedule));
    this.disposables.add(deps.session.onDidChange(schedule));
    this.disposables.add(deps.watches.onDidChange(() => { if (!this.reader.next) schedule(); }));
    this.disposables.add(this.reader);
    schedule();
  }

  /** Reads for the watches soon (jobs were just watched): within the pace the budget allows. */
  soon(): void {
    this.reader.schedule(soonIntervalMs);
  }

  /** Holds background reading back until the returned hold is disposed (a cancel being sent). */
  hold(): vscode.Disposable {
    this.holds++;
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        this.holds--;
        if (this.holds === 0) this.reader.schedule();
      },
    };
  }

  private wantedMs(): number | undefined {
    if (!this.deps.session.active) return undefined;
    const { autoRefresh, autoRefreshSeconds } = this.deps.settings.current;
    const watching = !this.deps.watches.active ? undefined : this.deps.watches.worthReadingSoon ? soonIntervalMs : watchIntervalMs;
    const refreshing = autoRefresh && this.deps.view.visible && vscode.window.state.focused ? autoRefreshSeconds * 1000 : undefined;
    const wanted = [watching, refreshing].filter((ms): ms is number => ms !== undefined);
    return wanted.length ? Math.min(...wanted) : undefined;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
