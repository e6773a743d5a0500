// The one lifecycle helper: a class that owns disposables adds each to its store as it creates it
// and disposes the store once. Stores themselves end up in `context.subscriptions`, so everything the
// extension registers is released when it deactivates.
import type * as vscode from 'vscode';

export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `item` and returns it; an item added after disposal is disposed at once. */
  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes in reverse order of creation (listeners before the emitters they listen to), once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
