// "Show Details": a read-only JSON document per job (scheme vault-job:), with what the list gave and
// the job's current Job Status answer (its status, `links`, and `progress` for SDK jobs). While a tab
// shows the document and the job is active, it is read again every `refreshMs`, which is no sooner
// than Vault allows (one Job Status call per job per 10 s); it stops once the job has ended or the
// tab is closed.
import * as vscode from 'vscode';
import { jobStatusInfo } from '../../core/jobs';
import type { Job, JobStatusDetail } from '../../core/vault';
import type { Redactor } from '../../core/log';
import type { SessionService } from '../session';
import { describeError } from '../errors';
import { jobDetailsScheme } from '../names';

/** Vault allows one Job Status call per job every 10 s (vault-api.md §3.3). */
export const detailsRefreshMs = 10_000;

export class JobDetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly listed = new Map<number, Job>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly session: Pick<SessionService, 'active'>,
    private readonly redactor: Redactor,
    private readonly refreshMs = detailsRefreshMs,
  ) {}

  uriFor(job: Job): vscode.Uri {
    this.listed.set(job.job_id, job);
    return vscode.Uri.from({ scheme: jobDetailsScheme, path: `/${job.job_id}.json` });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    this.stopRefreshing(uri);
    const id = Number(/(\d+)\.json$/.exec(uri.path)?.[1]);
    const listed = this.listed.get(id);
    const details: Record<string, unknown> = { listed: listed ?? null };
    let status: JobStatusDetail | undefined;
    const client = this.session.active?.client;
    if (client) {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        status = await client.jobStatus(id, abort.signal);
        details.status = status;
      } catch (error) {
        details.statusError = describeError(error, this.redactor);
      }
    }
    details.readAt = new Date().toISOString();
    // Whether the job is still active: by Vault's answer, else by the list's (a status call can be refused for a while).
    const current = status?.status ?? listed?.status;
    const active = client !== undefined && current !== undefined && !jobStatusInfo(current, 'active').terminal;
    details.refresh = active
      ? vscode.l10n.t('read again every {0} s while this document is open and the job is active', this.refreshMs / 1000)
      : vscode.l10n.t('not read again: the job has ended, or there is no session');
    if (active && !token.isCancellationRequested) this.refreshLater(uri);
    return JSON.stringify(details, null, 2);
  }

  private refreshLater(uri: vscode.Uri): void {
    const key = uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (isOpenInTab(uri)) this.changes.fire(uri);
    }, this.refreshMs));
  }

  private stopRefreshing(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.changes.dispose();
  }
}

function isOpenInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
}
