export { VaultClient, longestRetryAfterMs, type CallOptions, type PageNote } from './client';
export {
  defaultApiVersion, defaultClientId, minimumCancelVersion, resolveBaseUrl, parseApiVersion, compareApiVersions, validateClientId,
  credentialKind, type ApiVersion,
} from './auth';
export { VaultError, isVaultError, parseErrorItems, describeErrorItems, type VaultErrorKind, type VaultErrorInit } from './errors';
export { formatVaultDate, maxCancelBatch } from './jobsApi';
export { backoffDelay, parseRetryAfter, type RateLimitListener } from './rateLimiter';
export type * from './types';
