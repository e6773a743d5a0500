// Watches survive a reload: the first host watches a RUNNING job through the Watch command; the next
// host, on the same user data (the extension's global storage folder), lists it in the Watched section
// of the Jobs view before any reading, and keeps following it: once the orchestrator ends the job in
// the simulator, this host sees it end and says so. In code-server the extension's global state lives
// in the browser and is gone in the next host, so only a file in the storage folder passes this.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { EndedJob } from '../../../src/core/jobs';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { JobsNode, WatchedJobNode } from '../../../src/ext/jobs/jobNodes';
import { extensionApi, waitFor, waitForNotification } from '../suite/harness';
import { scenarioFromEnvironment } from './scenario';

/** The rows of the Watched section of the Jobs view, as the tree provider gives them. */
async function watchedRows(api: VaultJobsApi): Promise<WatchedJobNode[]> {
  const section = (await api.jobs.children()).find((node: JobsNode) => node.kind === 'watched');
  return section ? (await api.jobs.children(section)).filter((node): node is WatchedJobNode => node.kind === 'watchedJob') : [];
}

const jobIdOf = (row: WatchedJobNode) => ('watch' in row.entry ? row.entry.watch.jobId : row.entry.ended.jobId);

describe('watches across a reload', () => {
  const { phase, watchedJob, watchSeenFile } = scenarioFromEnvironment();
  it(phase === 'crash'
    ? 'watches a running job from the Watch command'
    : 'lists the job the last start watched, and tells when the simulator ends it', async () => {
    const api = await extensionApi();
    assert.strictEqual(api.session.state, 'signedIn', 'signed in by the test before');
    if (phase === 'crash') {
      assert.deepStrictEqual(await watchedRows(api), [], 'nothing watched at the first start');
      assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.watchJobs', { ids: [watchedJob.id] }), 1);
      const rows = await watchedRows(api);
      assert.deepStrictEqual(rows.map(jobIdOf), [watchedJob.id]);
      return;
    }
    // The resumed run's accepted jobs are watched by now too.
    const row = (await watchedRows(api)).find((each) => jobIdOf(each) === watchedJob.id);
    assert.ok(row, 'the watch of the last start is listed');
    assert.ok('watch' in row.entry, 'still watched, not ended');
    const ended = new Promise<EndedJob>((resolve) => api.jobs.onDidEndWatched((jobs) => {
      const job = jobs.find((each) => each.jobId === watchedJob.id);
      if (job) resolve(job);
    }));
    fs.writeFileSync(watchSeenFile, '{}');
    // A running job is read again within 30 s.
    const job = await ended;
    assert.strictEqual(job.status, 'SUCCESS');
    await waitForNotification(new RegExp(`${watchedJob.title} finished: Success`));
    await waitFor('the job among the ended ones of the Watched section', async () => (await watchedRows(api)).some((row) => 'ended' in row.entry && row.entry.ended.jobId === watchedJob.id) || undefined);
  });
});
