// The watches kept in a file of the extension's global storage folder: what one window wrote, the
// next one reads back whole; a missing, malformed or planted file gives no watches and never throws,
// with a warning in the log when a file was there; a link at the file's name is replaced, never followed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { JobWatcher } from '../../../src/core/jobs/watch';
import { WatchesFile, watchesFileName } from '../../../src/core/jobs/watchFile';
import { captureLog } from '../helpers/capture';
import { tempDirectory } from '../runs/helpers';

const vaultUrl = 'https://sandbox.veevavault.example/api/v25.1';
const options = { now: () => Date.parse('2026-03-01T10:00:00Z'), watchdogs: () => ({ cancelling: 0, queued: 0, running: 0 }) };
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('WatchesFile', () => {
  let temp: ReturnType<typeof tempDirectory>;
  let file: string;
  beforeEach(() => {
    temp = tempDirectory();
    // The global storage folder does not exist before the extension first writes to it.
    file = path.join(temp.dir, 'globalStorage', watchesFileName);
  });
  afterEach(() => temp.remove());

  it('gives back the watches of the last window to a watcher of the next one, owner-only', () => {
    const before = new JobWatcher(options);
    before.watch(vaultUrl, [{ jobId: 101, title: 'Nightly Sync', status: 'RUNNING' }, { jobId: 102, status: 'QUEUED' }], { runId: 'run-1', when: 'all' });
    const capture = captureLog();
    new WatchesFile(file, capture.logger).write(before.persist());
    if (process.platform !== 'win32') assert.strictEqual(modeOf(file), 0o600);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), [watchesFileName], 'no temporary file left');

    const after = new JobWatcher(options, new WatchesFile(file, capture.logger).read());
    // As JSON keeps them: a field not known yet (undefined) is left out.
    assert.deepStrictEqual(after.watched(vaultUrl), JSON.parse(JSON.stringify(before.watched(vaultUrl))));
    assert.deepStrictEqual(after.watched(vaultUrl).map((job) => [job.jobId, job.runId]), [[101, 'run-1'], [102, 'run-1']]);
    assert.deepStrictEqual(capture.lines, []);
  });

  it('gives no watches and no warning when no window has written any yet', () => {
    const capture = captureLog();
    assert.strictEqual(new WatchesFile(file, capture.logger).read(), undefined);
    assert.deepStrictEqual(capture.lines, []);
  });

  for (const [what, text] of [['cut off mid-way', '{"v":1,"vaults":{"https://x'], ['not JSON', 'watches'], ['of another form', '{"v":7,"jobs":[1,2]}'], ['JSON null', 'null']] as const) {
    it(`gives no watches and a warning when the file is ${what}`, () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const capture = captureLog();
      const read = new WatchesFile(file, capture.logger).read();
      assert.strictEqual(read, undefined);
      assert.strictEqual(new JobWatcher(options, read).hasWatches(vaultUrl), false);
      assert.strictEqual(capture.lines.length, 1, capture.lines.join('\n'));
      assert.match(capture.lines[0], /^warn the watched jobs .*none are watched/);
    });
  }

  it('does not read through a symbolic link, and replaces the link when it writes', function () {
    if (process.platform === 'win32') this.skip();
    const outside = path.join(temp.dir, 'elsewhere.json');
    const planted = JSON.stringify({ v: 1, vaults: { [vaultUrl]: { jobs: [{ jobId: 999, since: 0, alarms: [] }], batches: {}, recentlyEnded: [], endedSinceLooked: 0 } } });
    fs.writeFileSync(outside, planted);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(outside, file);
    const capture = captureLog();
    const store = new WatchesFile(file, capture.logger);
    assert.strictEqual(store.read(), undefined, 'the linked file is not read');
    assert.match(capture.lines.join('\n'), /^warn the watched jobs could not be read/);

    const watcher = new JobWatcher(options);
    watcher.watch(vaultUrl, [{ jobId: 5 }], { when: 'each' });
    store.write(watcher.persist());
    assert.strictEqual(fs.readFileSync(outside, 'utf8'), planted, 'the link\'s target is untouched');
    assert.ok(fs.lstatSync(file).isFile(), 'the link is replaced by the file');
    assert.deepStrictEqual(new JobWatcher(options, store.read()).watched(vaultUrl).map((job) => job.jobId), [5]);
  });

  it('logs a write it cannot make and keeps going', () => {
    // A regular file where the folder should be: the folder cannot be made.
    fs.writeFileSync(path.dirname(file), 'not a folder');
    const capture = captureLog();
    new WatchesFile(file, capture.logger).write(new JobWatcher(options).persist());
    assert.match(capture.lines.join('\n'), /^warn the watched jobs could not be saved/);
  });
});
