// The cancel feature: runs (confirmation, progress, outcomes), each recorded by the runs feature, and Start Now, confirmed and recorded the same way,
// results as decorations, the Cancel Results view and (those that need action) diagnostics with their quick fixes, the code action on selected IDs, the cancel commands,
// and the start-up offer to verify and resume a run that stopped mid-way (a resume is a cancel). Other
// code uses only the CancelService it returns.
import * as vscode from 'vscode';
import type { SessionService } from '../session';
import type { JobsService } from '../jobs';
import type { RunsService } from '../runs';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { CancelResults } from './cancelResults';
import { CancelRunner, type CancelRequest, type CancelRunSummary } from './cancelRunner';
import { CancelCodeActions, idDocumentSelector } from './cancelCodeActions';
import { JsonCursorIndexes } from './jsonCursorIndexes';
import { cancelCommands } from './cancelCommands';
import { command, registerCommands } from '../commands';
import { windowPrompts } from './prompts';
import { cancelJobsMatching, isCriteriaInput, type ReviewedCriteria } from './cancelMatching';
import { StoppedRunOffers } from './stoppedRunOffers';
import { startJobsNow } from './startNow';
import { isJobNode, selectedJobNodes } from '../jobs';
import { isArray } from '../../core/commandArgs';
import { builtInCommandIds, commandIds, contextKeys, viewIds } from '../names';
import { ResultDecorations } from './resultDecorations';
import { ResultsTreeProvider, describeResults, resultsViewCommands, type ResultsNode } from './resultsView';

export type { CancelRequest, CancelRunSummary } from './cancelRunner';
export type { ResultsNode } from './resultsView';

export interface CancelService {
  /** One run: asks for a session and confirmation, sends, shows every outcome; undefined when nothing was sent. */
  run(request: CancelRequest): Promise<CancelRunSummary | undefined>;
  /** Removes the results shown for `uri`, or for every file. */
  clearResults(uri?: vscode.Uri): void;
  /** Fires after every run that sent something. */
  readonly onDidFinish: vscode.Event<CancelRunSummary>;
  /** Offers each run that stopped mid-way, as activation does once. */
  offerStoppedRuns(): Promise<void>;
  /** The Cancel Results view's rows as the workbench gets them: its groups, or a group's rows. */
  resultRows(node?: ResultsNode): ResultsNode[];
  resultItem(node: ResultsNode): vscode.TreeItem;
  readonly resultsView: Pick<vscode.TreeView<ResultsNode>, 'description' | 'message' | 'visible'>;
}

/** The jobs of each run among `jobs` (jobs watched outside a run are left out). */
function byRun<T extends { runId: string | undefined }>(jobs: readonly T[]): Map<string, T[]> {
  const runs = new Map<string, T[]>();
  for (const job of jobs) {
    if (!job.runId) continue;
    const ofRun = runs.get(job.runId);
    if (ofRun) ofRun.push(job);
    else runs.set(job.runId, [job]);
  }
  return runs;
}

export interface CancelDeps {
  readonly session: SessionService;
  readonly jobs: Pick<JobsService, 'refresh' | 'watch' | 'onDidEndWatched' | 'onDidStopWatching' | 'onDidListActiveJobs' | 'recordActiveListing' | 'holdBackgroundReading' | 'activeJobs' | 'recentActiveListing' | 'activeGroup' | 'titlesOf' | 'filterText'>;
  readonly settings: Settings;
  readonly output: ExtensionOutput;
  readonly runs: RunsService;
}

export function activateCancel(context: vscode.ExtensionContext, { session, jobs, runs, settings, output }: CancelDeps): CancelService {
  const results = new CancelResults();
  const runner = new CancelRunner({
    session, settings, results, records: runs, jobs, prompts: windowPrompts,
    log: output.logger('cancel'), engineLog: output.coreLogger, showOutput: output.show,
  });
  const resultsTree = new ResultsTreeProvider(results);
  const resultsView = vscode.window.createTreeView(viewIds.results, { treeDataProvider: resultsTree, showCollapseAll: true });
  describeResults(resultsTree, resultsView);
  const stoppedRuns = new StoppedRunOffers({ runs, session, runner, jobs, log: output.logger('cancel') });
  const cursorIndexes = new JsonCursorIndexes();
  const reviews: ReviewedCriteria = new Map();
  context.subscriptions.push(
    results, runner, cursorIndexes, resultsTree, resultsView,
    new ResultDecorations(results, context.extensionUri),
    resultsTree.onDidChangeTreeData(() => describeResults(resultsTree, resultsView)),
    ...registerCommands(resultsViewCommands(resultsTree), output.commandErrors),
    vscode.languages.registerCodeActionsProvider(idDocumentSelector, new CancelCodeActions(results, cursorIndexes), CancelCodeActions.metadata),
    ...registerCommands(cancelCommands(runner, results, jobs, reviews), output.commandErrors),
    vscode.workspace.onDidCloseTextDocument((document) => reviews.delete(document.uri.toString())),
    ...registerCommands({
      // Criteria may be given by a caller; from the palette or the view (or not understood) they are asked for.
      [commandIds.cancelJobsMatching]: command([isCriteriaInput], (criteria) => cancelJobsMatching(session, jobs, output.redactor, criteria, reviews)),
      [commandIds.startJobNow]: command([isJobNode, isArray], (node, nodes) => node && startJobsNow(
        { session, runs, jobs, log: output.logger('start'), redactor: output.redactor, showOutput: output.show },
        selectedJobNodes(node, nodes).map((selected) => selected.job),
      )),
    }, output.commandErrors),
    jobs.onDidListActiveJobs((listing) => results.followActiveJobs(listing)),
    runner.unknownFates.onDidChange(() => void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.hasUnknownFates, runner.unknownFates.size > 0)),
    runner.onDidFinish((summary) => {
      void jobs.refresh();
      watchAccepted(summary);
    }),
    // Each run's record gets its jobs' final states as the watch sees them end.
    jobs.onDidEndWatched((ended) => {
      for (const [runId, jobs] of byRun(ended)) runs.recordFinals(runId, jobs.map(({ jobId, status, at }) => ({ jobId, state: status, at })));
    }),
    jobs.onDidStopWatching((stopped) => {
      for (const [runId, jobs] of byRun(stopped)) runs.stopFollowing(runId, jobs.map((job) => job.jobId));
    }),
  );
  /** The jobs a run got accepted are watched until they end (unless the setting says not to), told once all have. */
  function watchAccepted({ runId, result }: CancelRunSummary): void {
    if (!settings.current.followCancellations) return;
    const accepted = [...result.outcomes].filter(([, outcome]) => outcome.kind === 'accepted').map(([jobId, outcome]) => ({ jobId, status: outcome.kind === 'accepted' ? outcome.state : undefined }));
    if (accepted.length === 0) return;
    jobs.watch(accepted, { runId, when: 'all' });
    if (runId) runs.followFinals(runId, accepted.map((job) => job.jobId));
  }
  void stoppedRuns.offerAll();
  return {
    run: (request) => runner.run(request),
    clearResults: (uri) => results.clear(uri),
    onDidFinish: runner.onDidFinish,
    offerStoppedRuns: () => stoppedRuns.offerAll(),
    resultRows: (node) => resultsTree.getChildren(node),
    resultItem: (node) => resultsTree.getTreeItem(node),
    resultsView,
  };
}

