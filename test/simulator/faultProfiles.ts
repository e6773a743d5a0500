// Named sets of faults, for a simulator that misbehaves in a known way from the start:
// `npm run sim -- --fault-profile NAME`, and the demo's second Vault (demo/start.mjs).
import type { FaultSpec } from './faults';

export interface FaultProfile {
  /** What a person sees, in one line (printed by --help). */
  readonly description: string;
  readonly faults: readonly FaultSpec[];
}

export const faultProfiles = {
  'refuse-first-cancel': {
    description: 'the first Cancel Job request fails as a whole (nothing cancelled); later ones work, so Retry Failed succeeds',
    faults: [{
      kind: 'batchFailure',
      type: 'OPERATION_NOT_ALLOWED',
      message: 'This simulated Vault refuses its first cancel request (fault profile refuse-first-cancel); Retry Failed sends the IDs again',
      path: /actions\/cancel/,
      times: 1,
    }],
  },
  'moving-active-list': {
    description: 'every read of an Active page finishes its 20 oldest running jobs, so the list moves while it is read page by page',
    faults: [{ kind: 'moveActiveList', path: /monitors/, finish: 20 }],
  },
  'expiring-session': {
    description: 'every session ends right after each call it makes, so the next call signs in again (raise --auth-limit for long runs)',
    faults: [{ kind: 'expireSessionAfterCalls', calls: 1 }],
  },
} satisfies Record<string, FaultProfile>;

export type FaultProfileName = keyof typeof faultProfiles;

export function faultProfile(name: string): FaultProfile {
  if (!Object.hasOwn(faultProfiles, name)) {
    throw new Error(`unknown fault profile "${name}" (known: ${Object.keys(faultProfiles).join(', ')})`);
  }
  return faultProfiles[name as FaultProfileName];
}
