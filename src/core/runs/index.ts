// Cancel runs kept as journals: what the extension layer calls to record, list, report and recover them.
export { RunStore, keepRuns, type RunStoreOptions } from './store';
export type { RunClaim } from './claim';
export { systemProbe, type OwnerProbe, type ProcessIdentity } from './owner';
export {
  RunJournal, readJournal, idFates, countFates, checkedFromOutcomes, type CheckedOutcome, type RunAction, type RunHeader, type RunSource, type IdFate,
  type JournalEntry, type JournalOutcome, type JournalRead,
} from './journal';
export {
  analyzeJournal, planResume, idsToVerify, describeStoppedRun, describeRun, vaultLabel, fateLabels,
  type RunAnalysis, type RunSummary, type RunState, type IdState, type ResumePlan,
} from './analysis';
export { verifyAndPlanResume, checkedOutcomes, type VerifyOptions, type StoppedRunCheck } from './recovery';
export { runReportCsv, reportFileName, reportSaveName, reportColumns } from './report';
export { writeRunReport } from './reportFile';
export { startJob, stoppedBeforeSending, type StartNowClient } from './startNow';
export { RunFinalsStore, finalOf, finalsSummary, type FinalState, type RunFinals } from './finals';
