// Cancel runs kept as journals: what the extension layer calls to record, list, report and recover them.
export { RunStore, keepRuns, type RunStoreOptions } from './store';
export type { RunClaim } from './claim';
export { systemProbe, type OwnerProbe, type ProcessIdentity } from './owner';
export { RunJournal, readJournal, idFates, type RunHeader, type RunSource, type IdFate, type JournalEntry, type JournalRead } from './journal';
export {
  analyzeJournal, planResume, idsToVerify, describeStoppedRun, describeRun, vaultLabel, fateLabels,
  type RunAnalysis, type RunSummary, type RunState, type IdState, type ResumePlan,
} from './analysis';
export { verifyAndPlanResume, type VerifyOptions } from './recovery';
export { runReportCsv, reportFileName, reportSaveName, reportColumns } from './report';
export { writeRunReport } from './reportFile';
