// Sessions (vault-api.md §2.3): an idle timeout counted from the end of the last request, and a
// hard cap from creation that keep-alive cannot extend. API access tokens (§2.2) never idle out.
import { randomBytes } from 'node:crypto';
import type { SimulatorClock } from './clock';

export interface Session {
  readonly id: string;
  readonly userId: number;
  readonly vaultId: number;
  readonly createdAt: number;
  lastActiveAt: number;
}

export interface Caller {
  userId: number;
  /** Set when the caller used a session rather than an API access token. */
  session?: Session;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly limits: { idleMs: number; maxMs: number },
  ) {}

  create(userId: number, vaultId: number): Session {
    const now = this.clock.now();
    // 128 hex characters, like the session IDs in Vault's examples.
    const session: Session = { id: randomBytes(64).toString('hex').toUpperCase(), userId, vaultId, createdAt: now, lastActiveAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  addToken(userId: number, token = `veeva-vault-${randomBytes(24).toString('hex')}`): string {
    this.tokens.set(token, userId);
    return token;
  }

  /**
   * Who an Authorization header value belongs to, if anyone. A raw value or `Bearer x` may carry a
   * session ID; API access tokens are documented with `Bearer` only, so a raw token is refused.
   */
  resolve(authorization: string | undefined, vaultId: number): Caller | undefined {
    if (!authorization) return undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    const credential = bearer ? bearer[1].trim() : authorization.trim();
    const tokenUser = bearer ? this.tokens.get(credential) : undefined;
    if (tokenUser !== undefined) return { userId: tokenUser };
    const session = this.sessions.get(credential);
    if (!session || session.vaultId !== vaultId) return undefined;
    if (!this.isLive(session)) {
      this.sessions.delete(session.id);
      return undefined;
    }
    return { userId: session.userId, session };
  }

  /** Idle time counts from the end of a request (vault-api.md §2.3). */
  touch(session: Session): void {
    if (this.sessions.has(session.id)) session.lastActiveAt = this.clock.now();
  }

  end(session: Session): void {
    this.sessions.delete(session.id);
  }

  endAll(): void {
    this.sessions.clear();
  }

  private isLive(session: Session): boolean {
    const now = this.clock.now();
    return now - session.lastActiveAt < this.limits.idleMs && now - session.createdAt < this.limits.maxMs;
  }
}
