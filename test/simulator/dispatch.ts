// From a request to a Vault answer: version, route, verb, Authorization, handler (vault-api.md §5).
// Routing errors come before session checks [INF: Vault's order is not documented].
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultController } from './faults';
import type { LoggedRequest } from './requestLog';
import { routes, type SimulatorState } from './routes';
import type { Caller } from './sessions';
import { failure, invalidSession, success, type VaultBody } from './vaultBody';
import { compareVersions, parseVersion, supportedVersions } from './versions';

export interface Dispatched {
  body: VaultBody;
  /** 200 unless Vault is known to answer otherwise. */
  httpStatus?: number;
  caller?: Caller;
  auth: NonNullable<LoggedRequest['auth']>;
}

export interface IncomingCall {
  method: string;
  /** Path with query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A live Vault's words; the HTTP status comes with it (options.malformedUrlHttpStatus). */
const malformedBody = (): VaultBody => failure('MALFORMED_URL', 'The specified resource cannot be found.');
const notSupported = (what: string): VaultBody => failure('METHOD_NOT_SUPPORTED', what);

export function dispatch(state: SimulatorState, faults: FaultController, call: IncomingCall): Dispatched {
  const { pathname, searchParams } = new URL(call.url, 'http://simulator');
  const malformed = (): Dispatched => ({ auth: 'none', body: malformedBody(), httpStatus: state.options.malformedUrlHttpStatus });
  const authorization = call.headers.authorization;
  const identify = (): Pick<Dispatched, 'caller' | 'auth'> => {
    const caller = state.sessions.resolve(authorization, state.options.vaultId);
    return { caller, auth: caller ? (caller.session ? 'session' : 'token') : authorization ? 'invalid' : 'none' };
  };

  if (/^\/api\/?$/.test(pathname)) {
    if (call.method !== 'GET') return { auth: 'none', body: notSupported(`Method [${call.method}] is not supported for this resource.`) };
    const values = Object.fromEntries(supportedVersions(state.options.latestVersion).map((v) => [v, `https://${state.dns}/api/${v}`]));
    const who = identify();
    return { ...who, body: who.caller ? success({ values }) : invalidSession() };
  }
  const match = /^\/api\/([^/]+)(\/.*)?$/.exec(pathname);
  const version = match ? parseVersion(match[1]) : undefined;
  // [INF] A version segment that is not vYY.N is taken as an unknown path.
  if (!match || !version) return malformed();
  // [INF] A well-formed version this Vault does not serve is "not available in this API version".
  if (!supportedVersions(state.options.latestVersion).includes(match[1])) {
    return { auth: 'none', body: notSupported(`API version [${match[1]}] is not supported.`) };
  }
  const rest = (match[2] ?? '').replace(/\/+$/, '');
  const candidates = routes.filter((r) => r.pattern.test(rest));
  if (candidates.length === 0) return malformed();
  const route = candidates.find((r) => r.method === call.method);
  if (!route) return { auth: 'none', body: notSupported(`Method [${call.method}] is not supported for this resource.`) };
  const minVersion = route.minVersion?.(state.options);
  if (minVersion && compareVersions(version, parseVersion(minVersion) ?? version) < 0) {
    return { auth: 'none', body: notSupported(`This endpoint is not available in API ${match[1]}; it requires ${minVersion} or later.`) };
  }
  const who = route.anonymous ? { auth: 'none' as const } : identify();
  if (!route.anonymous && !who.caller) return { ...who, body: invalidSession() };
  const body = route.handle({
    state, method: call.method, version: match[1], query: searchParams, headers: call.headers, body: call.body,
    params: (route.pattern.exec(rest) ?? []).slice(1), caller: who.caller,
    fault: (kind) => faults.take(kind, call.method, call.url),
  });
  return { ...who, body };
}
