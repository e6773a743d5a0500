// What a route sees of the simulator, and what it gives back.
import type { IncomingHttpHeaders } from 'node:http';
import type { JobStore } from '../jobs';
import type { ResolvedOptions } from '../options';
import type { FaultKind, FaultOf } from '../faults';
import type { FixedWindowCounter, StatusCallLimiter } from '../rateLimits';
import type { Caller, SessionStore } from '../sessions';
import type { VaultBody } from '../vaultBody';

export interface SimulatorState {
  readonly options: ResolvedOptions;
  /** host:port, what a user types as the Vault DNS; set once the server listens. */
  dns: string;
  readonly jobs: JobStore;
  readonly sessions: SessionStore;
  readonly authCalls: FixedWindowCounter;
  readonly statusCalls: StatusCallLimiter;
}

export interface RouteContext {
  readonly state: SimulatorState;
  readonly method: string;
  /** API version from the path, e.g. 'v26.1'. */
  readonly version: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Path parameters captured by the route's pattern. */
  readonly params: string[];
  /** Absent only on routes that need no Authorization (/auth). */
  readonly caller?: Caller;
  /** A fault of a kind that only this route knows how to apply, if one fires for this request. */
  fault<K extends FaultKind>(kind: K): FaultOf<K> | undefined;
}

export interface Route {
  readonly method: string;
  /** Matched against the path after /api/{version}. */
  readonly pattern: RegExp;
  /** Oldest API version with this endpoint; older ones answer METHOD_NOT_SUPPORTED. */
  readonly minVersion?: (options: ResolvedOptions) => string;
  /** /auth is the only call without Authorization. */
  readonly anonymous?: boolean;
  handle(ctx: RouteContext): VaultBody;
}
