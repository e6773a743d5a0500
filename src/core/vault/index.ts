export { VaultClient, longestRetryAfterMs, type CallOptions, type PageNote } from './client';
export {
  defaultClientId, minimumCancelVersion, resolveBaseUrl, parseApiVersion, compareApiVersions, validateClientId,
} from './auth';
export { VaultError, boundServerText, isVaultError, parseErrorItems, serverTextLimit, type VaultErrorKind } from './errors';
export { formatVaultDate, maxCancelBatch } from './jobsApi';
export { ListMovement, readSettledList, type SettledList, type SettledReadingOptions } from './settledList';
export { backoffDelay, parseRetryAfter, type RateLimitListener } from './rateLimiter';
export type * from './types';
