// Callers construct a VaultClient: Vault's endpoints over the transport it extends. The transport is
// here on its own too, for its tests, which also run against the bundled package (test/bundle).
export { VaultClient } from './client';
export { VaultTransport, longestRetryAfterMs, readRequest, type Answer, type CallOptions, type RequestSpec } from './transport';
export type { PageNote } from './paging';
export {
  defaultClientId, minimumCancelVersion, resolveBaseUrl, parseApiVersion, compareApiVersions, validateClientId,
} from './auth';
export { VaultError, boundServerText, isVaultError, parseErrorItems, serverTextLimit, type VaultErrorKind } from './errors';
export { formatVaultDate, maxCancelBatch } from './jobsApi';
export { ListMovement, readSettledList, type SettledList, type SettledReadingOptions } from './settledList';
export { backoffDelay, parseRetryAfter, type RateLimitListener } from './rateLimiter';
export type * from './types';
