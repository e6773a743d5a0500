// The local Vault simulator's public API (tests, benchmarks, the demo and `npm run sim`).
export { startSimulator, type VaultSimulator } from './server';
export { defaultOptions, type SimulatorOptions, type AuthFailureType } from './options';
export { ManualClock, realClock, type SimulatorClock } from './clock';
export { FaultController, faultKinds, type ActiveFault, type FaultKind, type FaultSpec } from './faults';
export { JobStore } from './jobs';
export { activeStatuses, terminalStatuses, type JobStatus, type SimJob } from './jobModel';
export { exampleJobs, systemUserId } from './seedData';
export { maxCancelIds } from './routes/cancel';
export { redacted, type LoggedRequest } from './requestLog';
