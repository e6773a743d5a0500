// Authentication and session endpoints (vault-api.md §2).
import { failure, parseForm, success, type VaultBody } from '../vaultBody';
import type { Route, RouteContext } from './types';

/** Auth failures carry a top-level errorType besides the usual errors array (§2.1). */
const authFailure = (type: string, message: string): VaultBody => failure(type, message, { errorType: 'AUTHENTICATION_FAILED' });

function authenticate(ctx: RouteContext): VaultBody {
  const { options, dns, sessions, authCalls } = ctx.state;
  const form = parseForm(ctx.headers['content-type'], ctx.body);
  const username = (form.get('username') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  // vaultDNS overrides the host of the URL.
  const requestedDns = (form.get('vaultDNS') || ctx.headers.host || '').trim().toLowerCase();
  if (authCalls.hit(`${username}|${requestedDns}`) > options.authLimitPerMinute) {
    return authFailure('API_LIMIT_EXCEEDED', 'You have exceeded the maximum number of authentication API calls allowed in a minute.');
  }
  if (!password) return authFailure('NO_PASSWORD_PROVIDED', 'No password was provided for the login call.');
  const special = Object.entries(options.specialUsers).find(([name]) => name.toLowerCase() === username)?.[1];
  if (special) return authFailure(special, `Login failed for user [${username}]: ${special}.`);
  if (username !== options.username.toLowerCase() || password !== options.password) {
    return authFailure('USERNAME_OR_PASSWORD_INCORRECT', 'Authentication failed for user: ' + username + '.');
  }
  const thisVault = { id: options.vaultId, name: options.vaultName, url: `https://${dns}/api` };
  const other = options.otherVault;
  const otherVault = { id: other.id, name: other.name, url: `https://${other.dns}/api` };
  // A DNS the user is not in does not fail: Vault silently picks another of the user's Vaults (§2.1).
  const vault = requestedDns === dns.toLowerCase() ? thisVault : otherVault;
  const session = sessions.create(options.userId, vault.id);
  return success({ sessionId: session.id, userId: options.userId, vaultIds: [thisVault, otherVault], vaultId: vault.id });
}

function currentUser(ctx: RouteContext): VaultBody {
  const { options } = ctx.state;
  const [local] = options.username.split('@');
  const first = local.charAt(0).toUpperCase() + local.slice(1);
  return success({
    users: [{
      user: {
        id: ctx.caller?.userId ?? options.userId,
        user_name__v: options.username,
        user_first_name__v: first,
        user_last_name__v: 'Vault',
        user_email__v: options.username.includes('@') ? options.username : `${options.username}@example.com`,
        user_timezone__v: 'America/New_York',
        user_locale__v: 'en_US',
        user_language__v: 'en',
        security_profile__v: 'vault_owner__v',
        active__v: true,
        domain_active__v: true,
        vault_id__v: options.vaultId,
      },
    }],
  });
}

export const sessionRoutes: Route[] = [
  { method: 'POST', pattern: /^\/auth$/, anonymous: true, handle: authenticate },
  // Idle time restarts at the end of every request anyway; keep-alive needs nothing more.
  { method: 'POST', pattern: /^\/keep-alive$/, handle: () => success() },
  {
    method: 'DELETE',
    pattern: /^\/session$/,
    handle: (ctx) => {
      if (ctx.caller?.session) ctx.state.sessions.end(ctx.caller.session);
      return success();
    },
  },
  { method: 'GET', pattern: /^\/objects\/users\/me$/, handle: currentUser },
];
