// The jobs model with a fake client whose answers the test releases one by one: what it lists and
// when, what it tells those who follow it, and that a listing which lost the race never wins.
import * as assert from 'assert';
import type { Job, JobList, JobPage } from '../../../src/core/vault';
import { silentLogger } from '../../../src/core/log';
import { JobsModel, type JobsModelChange, type JobsModelClient } from '../../../src/core/jobs/model';
import { job } from './helpers';

interface Pending<T> { resolve(value: T): void; reject(error: Error): void }

/** Each call waits until the test answers it, so the order of events is the test's. */
class FakeClient implements JobsModelClient {
  readonly listings: Pending<JobList>[] = [];
  readonly historyCalls: string[] = [];
  constructor(readonly baseUrl = 'https://one.example.com/api/v25.3', private readonly history: Job[] = []) {}
  listActiveJobs(): Promise<JobList> {
    return new Promise((resolve, reject) => this.listings.push({ resolve, reject }));
  }
  listHistories({ limit }: { limit: number }): Promise<JobPage> {
    this.historyCalls.push(`first ${limit}`);
    return Promise.resolve(this.page(0, limit));
  }
  nextPage(page: JobPage): Promise<JobPage | undefined> {
    this.historyCalls.push(`next ${page.offset + page.limit}`);
    return Promise.resolve(page.nextPage ? this.page(page.offset + page.limit, page.limit) : undefined);
  }
  private page(offset: number, limit: number): JobPage {
    const end = offset + limit;
    return { kind: 'histories', jobs: this.history.slice(offset, end), total: this.history.length, offset, limit, nextPage: end < this.history.length ? `/next/${end}` : undefined };
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** `null`: signed out. */
function setUp(client: FakeClient | null = new FakeClient()) {
  let current: FakeClient | undefined = client ?? undefined;
  const model = new JobsModel({ client: () => current, historyPageSize: () => 2, log: silentLogger });
  const changes: JobsModelChange[] = [];
  const listed: number[][] = [];
  model.onDidChange((change) => changes.push(change));
  model.onDidListActive((listing) => listed.push(listing.jobs.map((j) => j.job_id)));
  return { model, changes, listed, signIn: (next: FakeClient | undefined) => { current = next; } };
}

describe('JobsModel (a fake client)', () => {
  it('lists the Active jobs once for every reader until a refresh, ordered for attention', async () => {
    const client = new FakeClient();
    const { model, changes, listed } = setUp(client);
    const first = model.activeList();
    const second = model.activeList();
    assert.strictEqual(client.listings.length, 1, 'two readers, one listing');
    client.listings[0].resolve({ jobs: [job(1, 'a', 'QUEUED'), job(2, 'b', 'RUNNING')], complete: true });
    assert.deepStrictEqual((await first).jobs.map((j) => j.job_id), [2, 1], 'running first');
    await tick();
    assert.strictEqual(await second, await first);
    assert.deepStrictEqual(listed, [[2, 1]], 'a complete listing is told once');
    assert.deepStrictEqual(changes, [], 'the reader who asked waits for it: nothing else to announce');

    const shown = await first;
    void model.refresh();
    assert.strictEqual(client.listings.length, 2, 'a refresh lists again');
    assert.strictEqual(await model.activeList(), shown, 'readers keep the rows they have while it lists: a click acts on what was clicked');
    assert.deepStrictEqual(changes, [], 'nothing changed yet');
    client.listings[1].resolve({ jobs: [job(3, 'c', 'QUEUED')], complete: true });
    await tick();
    assert.deepStrictEqual(changes, ['active'], 'the view is told once the new list is in');
    assert.deepStrictEqual((await model.activeList()).jobs.map((j) => j.job_id), [3]);
  });

  it('changes nothing in the view when a refresh lists the same jobs in the same states', async () => {
    const client = new FakeClient();
    const { model, changes, listed } = setUp(client);
    const same = () => ({ jobs: [job(1, 'a', 'QUEUED'), job(2, 'b', 'RUNNING')], complete: true });
    const first = model.activeList();
    client.listings[0].resolve(same());
    await first;
    void model.refresh();
    client.listings[1].resolve(same());
    await tick();
    assert.deepStrictEqual(changes, [], 'no redraw');
    assert.strictEqual(listed.length, 2, 'the results still hear every complete listing');
    void model.refresh();
    client.listings[2].resolve({ jobs: [job(1, 'a', 'CANCELLING'), job(2, 'b', 'RUNNING')], complete: true });
    await tick();
    assert.deepStrictEqual(changes, ['active'], 'a state that changed redraws');
  });

  it('forgets everything after a sign-in to another Vault, and shows a refresh that failed', async () => {
    const client = new FakeClient();
    const { model, changes, signIn } = setUp(client);
    const first = model.activeList();
    client.listings[0].resolve({ jobs: [job(1, 'a', 'QUEUED')], complete: true });
    await first;
    void model.refresh();
    client.listings[1].reject(new Error('HTTP 503'));
    await tick();
    assert.deepStrictEqual(changes, ['active']);
    await assert.rejects(model.activeList(), /503/, 'the view says why its list did not change');
    const other = new FakeClient('https://two.example.com/api/v25.3');
    signIn(other);
    await model.refresh();
    assert.deepStrictEqual(changes, ['active', 'all']);
    assert.strictEqual(other.listings.length, 0, 'nothing is read until someone asks');
    void model.activeList();
    assert.strictEqual(other.listings.length, 1);
  });

  it('takes a fresh listing as its own and announces it, and an incomplete one is not followed', async () => {
    const client = new FakeClient();
    const { model, changes, listed } = setUp(client);
    const fresh = model.listActive();
    client.listings[0].resolve({ jobs: [job(3, 'c', 'QUEUED')], complete: false, note: 'cut at 1 page' });
    const listing = await fresh;
    await tick();
    assert.strictEqual(listing.complete, false);
    assert.deepStrictEqual(changes, ['active']);
    assert.deepStrictEqual(listed, [], 'a job missing from a cut list may still be active: results do not follow it');
    assert.strictEqual(await model.activeList(), listing, 'readers get the fresh listing without listing again');
    assert.strictEqual(client.listings.length, 1);
  });

  it('never lets a listing that a refresh overtook replace the newer one', async () => {
    const client = new FakeClient();
    const { model, changes, listed } = setUp(client);
    const old = model.listActive();
    void model.refresh();
    assert.strictEqual(client.listings.length, 2, 'the refresh lists again');
    client.listings[1].resolve({ jobs: [job(5, 'new', 'QUEUED')], complete: true });
    await tick();
    client.listings[0].resolve({ jobs: [job(4, 'old', 'QUEUED')], complete: true });
    await old;
    await tick();
    assert.deepStrictEqual((await model.activeList()).jobs.map((j) => j.job_id), [5]);
    assert.deepStrictEqual(changes, ['active'], 'the overtaken listing announces nothing');
    assert.deepStrictEqual(listed, [[5]], 'and the results never follow it');
  });

  it('forgets a failed listing, so the next reader tries again', async () => {
    const client = new FakeClient();
    const { model } = setUp(client);
    const failing = model.activeList();
    client.listings[0].reject(new Error('HTTP 503'));
    await assert.rejects(failing, /503/);
    await tick();
    void model.activeList();
    assert.strictEqual(client.listings.length, 2);
  });

  it('records a listing another feature read, for the signed-in Vault only', async () => {
    const client = new FakeClient();
    const { model, changes, listed } = setUp(client);
    model.recordActiveListing({ vaultUrl: 'https://other.example.com/api/v25.3', jobs: [job(9, 'x', 'QUEUED')], complete: true });
    assert.deepStrictEqual([changes, listed], [[], []], 'another Vault\'s list is not this model\'s');
    model.recordActiveListing({ vaultUrl: client.baseUrl, jobs: [job(7, 'y', 'QUEUED')], complete: true });
    assert.deepStrictEqual(changes, ['active']);
    assert.deepStrictEqual(listed, [[7]]);
    assert.deepStrictEqual((await model.activeList()).jobs.map((j) => j.job_id), [7]);
    assert.strictEqual(client.listings.length, 0, 'no listing of its own');
  });

  it('gives the last complete listing while it is recent, of the signed-in Vault only', () => {
    const client = new FakeClient();
    let now = 1_000;
    const model = new JobsModel({ client: () => client, historyPageSize: () => 2, log: silentLogger, now: () => now });
    assert.strictEqual(model.recentActiveListing(10_000), undefined, 'nothing listed yet');
    model.recordActiveListing({ vaultUrl: client.baseUrl, jobs: [job(7, 'y', 'QUEUED')], complete: false });
    assert.strictEqual(model.recentActiveListing(10_000), undefined, 'an incomplete listing is no evidence of absence');
    model.recordActiveListing({ vaultUrl: client.baseUrl, jobs: [job(7, 'y', 'QUEUED')], complete: true });
    now += 10_000;
    assert.deepStrictEqual(model.recentActiveListing(10_000)?.jobs.map((j) => j.job_id), [7]);
    now += 1;
    assert.strictEqual(model.recentActiveListing(10_000), undefined, 'too old');
  });

  it('reads History a page at a time, and a refresh fetches as many pages as were loaded', async () => {
    const history = [1, 2, 3, 4, 5].map((id) => job(id, `h${id}`, 'SUCCESS'));
    const client = new FakeClient(undefined, history);
    const { model, changes } = setUp(client);
    assert.deepStrictEqual((await model.historyJobs()).jobs.map((j) => j.job_id), [1, 2]);
    await model.loadMoreHistory();
    assert.deepStrictEqual((await model.historyJobs()).jobs.map((j) => j.job_id), [1, 2, 3, 4]);
    assert.deepStrictEqual(changes, ['history']);
    client.historyCalls.length = 0;
    void model.refresh();
    await tick();
    assert.deepStrictEqual(client.historyCalls, ['first 2', 'next 2']);
    assert.deepStrictEqual((await model.historyJobs()).jobs.map((j) => j.job_id), [1, 2, 3, 4]);
    assert.deepStrictEqual(changes, ['history', 'history']);
  });

  it('drops a History page that a refresh overtook', async () => {
    const history = [1, 2, 3, 4, 5].map((id) => job(id, `h${id}`, 'SUCCESS'));
    const client = new FakeClient(undefined, history);
    const { model, changes } = setUp(client);
    await model.historyJobs();
    const loading = model.loadMoreHistory();
    void model.refresh();
    await loading;
    await tick();
    assert.deepStrictEqual(changes, ['history'], 'the refresh landed; the page it overtook did not');
    assert.deepStrictEqual((await model.historyJobs()).jobs.map((j) => j.job_id), [1, 2]);
  });

  it('filters by status and text, and tells each change of filter and grouping once', () => {
    const { model, changes } = setUp();
    const jobs = [job(11, 'Nightly Export', 'QUEUED'), job(12, 'Nightly Export', 'RUNNING'), job(13, 'Bulk Load', 'QUEUED')];
    model.setFilter({ statuses: ['queued'], text: ' nightly ' });
    assert.deepStrictEqual(model.filter, { statuses: ['QUEUED'], text: 'nightly' });
    assert.deepStrictEqual(model.applyFilter(jobs).map((j) => j.job_id), [11]);
    model.setFilter({ statuses: [], text: '13' });
    assert.deepStrictEqual(model.applyFilter(jobs).map((j) => j.job_id), [13], 'the text matches a job ID too');
    model.setGrouping('title');
    model.setGrouping('title');
    assert.deepStrictEqual(changes, ['filter', 'filter', 'grouping']);
    assert.strictEqual(model.isFiltered, true);
  });

  it('holds nothing while signed out', async () => {
    const { model } = setUp(null);
    assert.deepStrictEqual((await model.activeList()).jobs, []);
    await assert.rejects(model.listActive(), /Signed out/);
    await assert.rejects(model.historyJobs(), /Signed out/);
  });
});
