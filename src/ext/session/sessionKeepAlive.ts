// Vault ends a session after the domain's idle timeout (20 minutes by default), and advises keeping
// one session alive over signing in again (vault-api.md §2.3). While the window has focus and a Vault
// is signed in, this calls Session Keep Alive every 5 minutes, as Veeva's Vault Toolbox does. A
// session that has ended anyway (the 48-hour cap, a password change) is renewed by the client's usual
// path: the stored password, or the user is asked, while they are at the window.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { errorMessage } from '../../core/errorMessage';
import type { VaultConnection } from './vaultConnection';

const keepAliveIntervalMs = 5 * 60_000;

export class SessionKeepAlive implements vscode.Disposable {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly connection: VaultConnection, private readonly log: Logger) {
    this.timer = setInterval(() => void this.ping(), keepAliveIntervalMs);
  }

  /** One keep-alive call for the signed-in Vault, if the window has focus; failures are only logged. */
  async ping(): Promise<boolean> {
    const active = this.connection.active;
    if (!active || !vscode.window.state.focused) return false;
    try {
      await active.client.keepAlive();
      return true;
    } catch (error) {
      this.log.warn(`keeping the session of ${active.vault.name} alive failed: ${errorMessage(error)}`);
      return false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
