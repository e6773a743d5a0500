// "Show Details": a read-only JSON document per job (scheme vault-job:), with what the list gave
// and, where Vault allows the call (one status call per job per 10 s), the job's current status.
import * as vscode from 'vscode';
import type { Job } from '../../core/vault';
import type { Redactor } from '../../core/log';
import type { SessionService } from '../session';
import { describeError } from '../errors';
import { jobDetailsScheme } from '../names';

export class JobDetailsDocuments implements vscode.TextDocumentContentProvider {
  private readonly listed = new Map<number, Job>();

  constructor(private readonly session: Pick<SessionService, 'active'>, private readonly redactor: Redactor) {}

  uriFor(job: Job): vscode.Uri {
    this.listed.set(job.job_id, job);
    return vscode.Uri.from({ scheme: jobDetailsScheme, path: `/${job.job_id}.json` });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const id = Number(/(\d+)\.json$/.exec(uri.path)?.[1]);
    const details: Record<string, unknown> = { listed: this.listed.get(id) ?? null };
    const client = this.session.active?.client;
    if (client) {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        details.status = await client.jobStatus(id, abort.signal);
      } catch (error) {
        details.statusError = describeError(error, this.redactor);
      }
    }
    return JSON.stringify(details, null, 2);
  }
}
