// The job IDs of unknown fate in this window: sent, with no usable answer, and not verifiable when
// their run ended. Kept per Vault (a check against another Vault would say nothing of them) until a
// check against their own Vault settles them; whatever started the run (a file, the Jobs view,
// typed IDs), so Verify can check them later.
import * as vscode from 'vscode';
import type { CancelOutcome } from '../../core/cancel';
import { DisposableStore } from '../disposables';

/** The runs that sent an ID and got no usable answer: the earliest one's start, and each one's record. */
interface SentBy {
  startedAt: number;
  runIds: readonly string[];
}

export class UnknownFates implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  /** Vault URL → ID → the runs that sent it. */
  private readonly byVault = new Map<string, Map<number, SentBy>>();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<void>());
  /** Fires when IDs are added or settled. */
  readonly onDidChange = this.changed.event;

  /**
   * Takes the outcomes of a run (`run`: when it started, and its record if it has one) or of a check
   * (no `run`) on `vaultUrl`: unknown ones are kept, any other settles its ID.
   */
  record(vaultUrl: string, outcomes: ReadonlyMap<number, CancelOutcome>, run?: { startedAt: number; runId?: string }): void {
    const ids = this.byVault.get(vaultUrl) ?? new Map<number, SentBy>();
    const before = ids.size;
    let settled = 0;
    for (const [id, outcome] of outcomes) {
      if (outcome.kind !== 'unknown') {
        if (ids.delete(id)) settled++;
        continue;
      }
      const known = ids.get(id);
      if (!run) continue; // still unknown after a check: the runs that sent it are known already
      ids.set(id, {
        startedAt: Math.min(known?.startedAt ?? run.startedAt, run.startedAt),
        runIds: [...(known?.runIds ?? []), ...(run.runId ? [run.runId] : [])],
      });
    }
    if (ids.size > 0) this.byVault.set(vaultUrl, ids);
    else this.byVault.delete(vaultUrl);
    if (ids.size !== before || settled > 0) this.changed.fire();
  }

  /** The records of the runs that sent `ids` to `vaultUrl`: run ID → those of `ids` it sent. */
  runsOf(vaultUrl: string, ids: readonly number[]): Map<string, number[]> {
    const known = this.byVault.get(vaultUrl);
    const runs = new Map<string, number[]>();
    for (const id of ids) {
      for (const runId of known?.get(id)?.runIds ?? []) runs.set(runId, [...(runs.get(runId) ?? []), id]);
    }
    return runs;
  }

  /** The IDs of unknown fate sent to `vaultUrl`, in the order they were recorded. */
  idsOf(vaultUrl: string): number[] {
    return [...(this.byVault.get(vaultUrl)?.keys() ?? [])];
  }

  /** How many IDs are of unknown fate, on every Vault. */
  get size(): number {
    let total = 0;
    for (const ids of this.byVault.values()) total += ids.size;
    return total;
  }

  /** When the earliest run that sent `ids` started: Vault's History is read from a margin before it. */
  startedAt(vaultUrl: string, ids: readonly number[]): Date {
    const known = this.byVault.get(vaultUrl);
    const earliest = Math.min(...ids.map((id) => known?.get(id)?.startedAt ?? 0));
    return new Date(Number.isFinite(earliest) ? earliest : 0);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
