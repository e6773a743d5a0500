// The cancel feature: runs (confirmation, progress, outcomes), results as diagnostics with their quick
// fixes, the code action on selected IDs, and the cancel commands. Other features use only the
// CancelService it returns.
import * as vscode from 'vscode';
import type { SessionService } from '../session';
import type { JobsService } from '../jobs';
import type { Settings } from '../settings';
import type { ExtensionOutput } from '../output';
import { CancelResults } from './cancelResults';
import { CancelRunner, type CancelRequest, type CancelRunSummary, type RunRecorder } from './cancelRunner';
import { CancelCodeActions, idDocumentSelector } from './cancelCodeActions';
import { JsonCursorIndexes } from './jsonCursorIndexes';
import { cancelCommands } from './cancelCommands';
import { command, registerCommands } from '../commands';
import { windowPrompts } from './prompts';
import { cancelJobsMatching, isCriteriaInput } from './cancelMatching';
import { builtInCommandIds, commandIds, contextKeys } from '../names';

export type { CancelRequest, CancelRunSummary, RecordedRun, RunRecorder, RunToRecord } from './cancelRunner';

export interface CancelService {
  /** One run: asks for a session and confirmation, sends, shows every outcome; undefined when nothing was sent. */
  run(request: CancelRequest): Promise<CancelRunSummary | undefined>;
  /** Removes the results shown for `uri`, or for every file. */
  clearResults(uri?: vscode.Uri): void;
  /** Fires after every run that sent something. */
  readonly onDidFinish: vscode.Event<CancelRunSummary>;
}

export interface CancelDeps {
  readonly session: SessionService;
  readonly jobs: Pick<JobsService, 'refresh' | 'followCancellations' | 'onDidListActiveJobs' | 'recordActiveListing'>;
  readonly settings: Settings;
  readonly output: ExtensionOutput;
  readonly records: RunRecorder;
}

export function activateCancel(context: vscode.ExtensionContext, { session, jobs, settings, output, records }: CancelDeps): CancelService {
  const results = new CancelResults();
  const runner = new CancelRunner({
    session, settings, results, records, jobs, prompts: windowPrompts,
    log: output.logger('cancel'), engineLog: output.coreLogger, showOutput: output.show,
  });
  const cursorIndexes = new JsonCursorIndexes();
  context.subscriptions.push(
    results, runner, cursorIndexes,
    vscode.languages.registerCodeActionsProvider(idDocumentSelector, new CancelCodeActions(results, cursorIndexes), CancelCodeActions.metadata),
    ...registerCommands(cancelCommands(runner, results)),
    ...registerCommands({
      // Criteria may be given by a caller; from the palette or the view (or not understood) they are asked for.
      [commandIds.cancelJobsMatching]: command([isCriteriaInput], (criteria) => cancelJobsMatching(session, jobs, output.redactor, criteria)),
    }),
    jobs.onDidListActiveJobs((listing) => results.followActiveJobs(listing)),
    runner.unknownFates.onDidChange(() => void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.hasUnknownFates, runner.unknownFates.size > 0)),
    runner.onDidFinish(({ counts }) => {
      void jobs.refresh();
      if (counts.accepted > 0) jobs.followCancellations();
    }),
  );
  return {
    run: (request) => runner.run(request),
    clearResults: (uri) => results.clear(uri),
    onDidFinish: runner.onDidFinish,
  };
}

