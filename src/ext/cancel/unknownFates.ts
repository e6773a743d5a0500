// The job IDs of unknown fate in this window: sent, with no usable answer, and not verifiable when
// their run ended. Kept per Vault (a check against another Vault would say nothing of them) until a
// check against their own Vault settles them; whatever started the run (a file, the Jobs view,
// typed IDs), so Verify can check them later.
import * as vscode from 'vscode';
import type { CancelOutcome } from '../../core/cancel';
import { DisposableStore } from '../disposables';

export class UnknownFates implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  /** Vault URL → ID → when the run that sent it started (ms). */
  private readonly byVault = new Map<string, Map<number, number>>();
  private readonly changed = this.disposables.add(new vscode.EventEmitter<void>());
  /** Fires when IDs are added or settled. */
  readonly onDidChange = this.changed.event;

  /** Takes the outcomes of a run or a check on `vaultUrl`: unknown ones are kept, any other settles its ID. */
  record(vaultUrl: string, outcomes: ReadonlyMap<number, CancelOutcome>, startedAt: number): void {
    const ids = this.byVault.get(vaultUrl) ?? new Map<number, number>();
    const before = ids.size;
    let settled = 0;
    for (const [id, outcome] of outcomes) {
      if (outcome.kind === 'unknown') ids.set(id, Math.min(ids.get(id) ?? startedAt, startedAt));
      else if (ids.delete(id)) settled++;
    }
    if (ids.size > 0) this.byVault.set(vaultUrl, ids);
    else this.byVault.delete(vaultUrl);
    if (ids.size !== before || settled > 0) this.changed.fire();
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
    const earliest = Math.min(...ids.map((id) => known?.get(id) ?? 0));
    return new Date(Number.isFinite(earliest) ? earliest : 0);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
