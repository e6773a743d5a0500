// The extension's run recorder in plain Node (it needs no vscode): a journal that cannot be created
// leaves the run unrecorded but going, a resume closes the run it resumes only once its own journal
// exists, and each finished run prunes the records to the newest 50.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Redactor } from '../../../src/core/log';
import { keepRuns, RunStore } from '../../../src/core/runs';
import type { CancelRunResult } from '../../../src/core/cancel';
import { RunRecords } from '../../../src/ext/runs/runRecords';
import { captureLog } from '../helpers/capture';
import { sampleRun, steppingStore, tempDirectory } from '../runs/helpers';

const oneAccepted = (id: number): CancelRunResult => ({ outcomes: new Map([[id, { kind: 'accepted', state: 'CANCELLING', verified: false }]]), requestsSent: 1, stopped: false });

describe('RunRecords (the extension\'s run recorder)', () => {
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(() => temp.remove());

  it('lets a run go on unrecorded when its journal cannot be created, and says why in the log', () => {
    const blocker = path.join(temp.dir, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    const log = captureLog();
    const run = new RunRecords(new RunStore(path.join(blocker, 'runs'), new Redactor()), log.logger).begin({ ...sampleRun, ids: [1] });
    assert.strictEqual(run.runId, undefined);
    assert.strictEqual(run.observer, undefined);
    assert.doesNotThrow(() => run.finish(oneAccepted(1)));
    assert.ok(log.lines.some((line) => /^warn this run is not recorded: its journal could not be created/.test(line)), log.lines.join('\n'));
  });

  it('closes the run it resumes as its own journal starts, naming itself', () => {
    const store = steppingStore(temp.dir);
    const stopped = store.begin({ ...sampleRun, ids: [1, 2] });
    stopped.close(); // no end: as a crash leaves it
    const records = new RunRecords(store, captureLog().logger);
    const resume = records.begin({ ...sampleRun, source: 'resume', resumes: stopped.runId, ids: [2] });
    assert.ok(resume.runId);
    assert.strictEqual(store.load(stopped.runId)?.state, 'closed', 'closed before the resume sends anything');
    assert.ok(fs.readFileSync(path.join(temp.dir, fs.readdirSync(temp.dir).find((name) => name.includes(stopped.runId)) ?? ''), 'utf8')
      .includes(`"how":"resumed","by":"${resume.runId}"`));
    resume.finish(oneAccepted(2));
    assert.deepStrictEqual(store.load(resume.runId)?.header.resumes, stopped.runId);
  });

  it('keeps the newest runs only, pruning as each one finishes', async () => {
    const store = steppingStore(temp.dir);
    const records = new RunRecords(store, captureLog().logger);
    const ids: string[] = [];
    for (let i = 1; i <= keepRuns + 3; i++) {
      const run = records.begin({ ...sampleRun, ids: [i] });
      run.finish(oneAccepted(i));
      ids.push(run.runId ?? '');
    }
    assert.deepStrictEqual((await store.list(keepRuns + 10)).map((run) => run.header.runId), ids.slice(3).reverse());
  });
});
