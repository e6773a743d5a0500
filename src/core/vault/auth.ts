// Where and as whom the client talks: base URL, API version, client ID, and the checks on a sign-in
// answer. Pure functions, so the rules are easy to test and to reuse in settings validation.
import { VaultError } from './errors';
import type { VaultSession } from './types';

export const defaultApiVersion = 'v26.1';
/** Follows Veeva's pattern {company}-{organization}-{team}-{server|client}-{program}. */
export const defaultClientId = 'vault-jobs-vscode-client-extension';
/** Cancel Job first appears in the v25.3 reference (vault-api.md §3). */
export const minimumCancelVersion = 'v25.3';

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * 'https://{dns}' from a Vault DNS. A full origin (https://host) is accepted too; http only for loopback
 * (the simulator), never credentials in the URL: a session must not be sent in clear or to a stray host.
 */
export function resolveBaseUrl(dns: string): string {
  const input = dns.trim();
  if (input === '') throw new VaultError('config', 'No Vault DNS is configured.');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `https://${input}`);
  } catch {
    throw new VaultError('config', `"${input}" is not a valid Vault DNS (expected e.g. myvault.veevavault.com).`);
  }
  if (url.username || url.password) throw new VaultError('config', 'The Vault DNS must not contain credentials.');
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new VaultError('config', `The Vault DNS must be a host name only, e.g. ${url.host}, not a URL with a path.`);
  }
  // URL refuses ports above 65535 itself; port 0 is no port a server listens on.
  if (url.port === '0') throw new VaultError('config', `"${input}" has port 0: a port is a number from 1 to 65535.`);
  const loopback = loopbackHosts.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw new VaultError('config', `Refusing http:// for ${url.host}: Vault is only reached over https (http is allowed for loopback hosts only).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VaultError('config', `Unsupported scheme ${url.protocol} for a Vault DNS.`);
  const scheme = hasScheme ? url.protocol.slice(0, -1) : loopback ? 'http' : 'https';
  return `${scheme}://${url.host}`;
}

export interface ApiVersion {
  text: string;
  major: number;
  minor: number;
}

export function parseApiVersion(text: string): ApiVersion {
  const match = /^v(\d{1,3})\.(\d{1,2})$/.exec(text.trim());
  if (!match) throw new VaultError('config', `"${text}" is not a Vault API version (expected e.g. ${defaultApiVersion}).`);
  return { text: text.trim(), major: Number(match[1]), minor: Number(match[2]) };
}

export function compareApiVersions(a: ApiVersion, b: ApiVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function validateClientId(clientId: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
    throw new VaultError('config', `Invalid client ID "${clientId.slice(0, 120)}": use 1 to 100 characters among A-Z, a-z, 0-9, ".", "_" and "-".`);
  }
  return clientId;
}

/** API access tokens start with this prefix and are sent as Bearer values (vault-api.md §2.2). */
const apiTokenPrefix = 'veeva-vault-';

export function credentialKind(sessionIdOrToken: string): 'session' | 'token' {
  return sessionIdOrToken.startsWith(apiTokenPrefix) ? 'token' : 'session';
}

export function authorizationValue(session: VaultSession): string {
  return session.kind === 'token' ? `Bearer ${session.sessionId}` : session.sessionId;
}

interface AuthVault {
  id: number;
  name?: string;
  url: string;
}

/**
 * Vault signs a user into "the most relevant available Vault" when the requested DNS is not theirs
 * instead of failing (vault-api.md §2.1); the session must belong to the Vault whose url names our host.
 * Hosts are compared, not schemes: the simulator serves http but reports https urls.
 */
export function findRequestedVault(baseUrl: string, vaultId: unknown, vaultIds: unknown): AuthVault | undefined {
  const host = new URL(baseUrl).host.toLowerCase();
  const list = Array.isArray(vaultIds) ? (vaultIds as unknown[]) : [];
  for (const raw of list) {
    const vault = raw as Partial<AuthVault>;
    if (typeof vault?.url !== 'string' || Number(vault.id) !== Number(vaultId)) continue;
    try {
      if (new URL(vault.url).host.toLowerCase() === host) return { id: Number(vault.id), name: vault.name, url: vault.url };
    } catch {
      // an unparsable url cannot be ours
    }
  }
  return undefined;
}
