// Vault sessions (and, only when the user opts in, passwords) live in SecretStorage, keyed per
// Vault DNS. Nothing secret is ever written to settings, files or logs.
import type * as vscode from 'vscode';
import { secretKeyPrefixes } from '../names';

export interface StoredSession {
  readonly sessionId: string;
  readonly kind: 'password' | 'session' | 'token';
  readonly username?: string;
  readonly userId?: number;
  readonly vaultId?: number;
  readonly signedInAt: number;
}

const sessionKey = (dns: string) => `${secretKeyPrefixes.session}${dns}`;
const passwordKey = (dns: string, username: string) => `${secretKeyPrefixes.password}${dns}:${username}`;

export class SessionStore {
  /** Fires with the DNS whose session changed, also when another window changed it. */
  readonly onDidChange: vscode.Event<string>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArg, disposables) => secrets.onDidChange((event) => {
      if (event.key.startsWith(secretKeyPrefixes.session)) listener.call(thisArg, event.key.slice(secretKeyPrefixes.session.length));
    }, undefined, disposables);
  }

  async get(dns: string): Promise<StoredSession | undefined> {
    const raw = await this.secrets.get(sessionKey(dns));
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as StoredSession;
    } catch {
      await this.secrets.delete(sessionKey(dns)); // unreadable: treat as signed out rather than fail forever
      return undefined;
    }
  }

  set(dns: string, session: StoredSession): Thenable<void> {
    return this.secrets.store(sessionKey(dns), JSON.stringify(session));
  }

  delete(dns: string): Thenable<void> {
    return this.secrets.delete(sessionKey(dns));
  }

  getPassword(dns: string, username: string): Thenable<string | undefined> {
    return this.secrets.get(passwordKey(dns, username));
  }

  setPassword(dns: string, username: string, password: string): Thenable<void> {
    return this.secrets.store(passwordKey(dns, username), password);
  }

  deletePassword(dns: string, username: string): Thenable<void> {
    return this.secrets.delete(passwordKey(dns, username));
  }
}
