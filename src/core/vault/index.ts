export { VaultClient } from './client';
export {
  defaultClientId, minimumCancelVersion, resolveBaseUrl, parseApiVersion, compareApiVersions, validateClientId,
} from './auth';
export { VaultError, isVaultError, parseErrorItems } from './errors';
export { formatVaultDate, maxCancelBatch } from './jobsApi';
export { backoffDelay } from './rateLimiter';
export type * from './types';
