// The Jobs view's Active section grouped, and what it says of a list the client had to cut: the
// provider on its own, with a fake session handing it a real client for the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { rememberGrouping } from '../../../src/ext/jobs/grouping';
import type { GroupNode, JobNode, JobSetNode, JobsNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { vaultSimulator } from './harness';
import { FakeSession, jobsView, signedInConnection } from './fakes';

describe('JobsTreeProvider groups and notes (fake session, the simulator)', () => {
  let sim: VaultSimulator;
  before(async () => {
    sim = await vaultSimulator();
  });

  async function setUp(clientOptions = {}) {
    const { model, tree } = jobsView(new FakeSession(await signedInConnection(sim, clientOptions)));
    const [active] = await tree.getChildren() as GroupNode[];
    return { model, tree, active };
  }
  const sets = (nodes: JobsNode[]) => nodes.filter((n): n is JobSetNode => n.kind === 'jobSet');
  const text = (label: string | vscode.TreeItemLabel | undefined) => (typeof label === 'string' ? label : label?.label ?? '');

  it('groups the filtered Active jobs by title and by status, each group with its counts and cancellable members', async () => {
    const title = 'Groups Probe Quokka';
    const queued = sim.jobs.addMany(4, { status: 'QUEUED', title }).map((j) => j.job_id);
    const scheduled = sim.jobs.addMany(2, { status: 'SCHEDULED', title }).map((j) => j.job_id);
    sim.jobs.addMany(3, { status: 'RUNNING', title });
    const { tree, model, active } = await setUp();
    model.setFilter({ statuses: [], text: 'quokka' });

    model.setGrouping('title');
    const [byTitle, ...others] = sets(await tree.getChildren(active));
    assert.deepStrictEqual(others, [], 'the filter applies before grouping');
    assert.strictEqual(byTitle.set.label, title);
    assert.deepStrictEqual([...byTitle.set.cancellableIds].sort(), [...scheduled, ...queued].sort());
    const item = await tree.getTreeItem(byTitle);
    assert.strictEqual(item.description, '4 queued · 2 sched.');
    assert.deepStrictEqual([[...byTitle.set.queuedIds].sort(), [...byTitle.set.scheduledIds].sort()], [[...queued].sort(), [...scheduled].sort()]);
    assert.strictEqual(item.contextValue, 'jobSet hasQueuedMembers');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const members = await tree.getChildren(byTitle) as JobNode[];
    assert.strictEqual(members.length, 9);
    assert.strictEqual(tree.getParent(members[0]), byTitle, 'a member reveals under its group');

    model.setGrouping('status');
    const byStatus = sets(await tree.getChildren(active));
    assert.deepStrictEqual(byStatus.map((n) => [n.set.key, n.set.jobs.length]), [['SCHEDULED', 2], ['QUEUED', 4], ['RUNNING', 3]]);
    const running = await tree.getTreeItem(byStatus[2]);
    assert.strictEqual(running.contextValue, 'jobSet', 'no cancel on a group without cancellable members');
    assert.strictEqual(text(running.label), 'Running');

    model.setGrouping('flat');
    assert.deepStrictEqual(sets(await tree.getChildren(active)), []);
  });

  it('gives Export the jobs as shown: the filter applied, every Active job and only the History pages loaded', async () => {
    const title = 'Export Shown Wombat';
    const active = sim.jobs.addMany(3, { status: 'QUEUED', title }).map((j) => j.job_id);
    const finished = sim.jobs.addMany(2, { status: 'SUCCESS', title }).map((j) => j.job_id);
    const { tree, model } = await setUp();
    const all = await model.shownJobs();
    assert.ok(all.some((job) => job.status === 'SUCCESS') && all.some((job) => job.status === 'QUEUED'));
    const history = await tree.getChildren((await tree.getChildren())[1]);
    assert.strictEqual(all.filter((job) => ['SUCCESS', 'CANCELLED', 'ERRORS_ENCOUNTERED', 'FAILED_TO_RUN', 'MISSED_SCHEDULE', 'TIMEOUT', 'COMPLETED_DUE_TO_INACTIVITY'].includes(job.status)).length,
      history.filter((n) => n.kind === 'job').length, 'the History entries loaded, not the whole history');
    model.setFilter({ statuses: [], text: 'wombat' });
    assert.deepStrictEqual((await model.shownJobs()).map((job) => job.job_id).sort(), [...active, ...finished].sort());
    assert.deepStrictEqual((await model.shownJobs('active')).map((job) => job.job_id).sort(), [...active].sort());
    assert.deepStrictEqual((await model.shownJobs('history')).map((job) => job.job_id).sort(), [...finished].sort());
  });

  it('says so, at the top of Active and in its count, when the client had to cut the list', async () => {
    const { tree, active } = await setUp({ maxListPages: 1 });
    assert.ok(sim.jobs.all().length > 200);
    const [first, ...rest] = await tree.getChildren(active);
    assert.strictEqual(first.kind, 'message');
    const item = await tree.getTreeItem(first);
    assert.match(text(item.label), /cut at 200 job\(s\) after 1 page\(s\)/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'warning');
    assert.strictEqual(rest.filter((n) => n.kind === 'job').length, 200);
    const group = await tree.getTreeItem(active);
    assert.match(String(group.description), /^200 \(incomplete\)$/);
    assert.match(typeof group.tooltip === 'string' ? group.tooltip : '', /cut at 200/);
  });

  it('remembers the grouping: a new view starts in the mode the last one was left in, and a stranger value means flat', async () => {
    const stored = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...stored.keys()],
      get: <T>(key: string, fallback?: T) => (stored.has(key) ? stored.get(key) as T : fallback),
      update: (key: string, value: unknown) => Promise.resolve(void stored.set(key, value)),
    };
    const first = (await setUp()).model;
    const remembering = rememberGrouping(first, memento);
    assert.strictEqual(first.grouping, 'flat', 'nothing remembered yet');
    first.setGrouping('status');
    remembering.dispose();

    const second = (await setUp()).model;
    rememberGrouping(second, memento).dispose();
    assert.strictEqual(second.grouping, 'status');

    stored.set([...stored.keys()][0], 'by-colour');
    const third = (await setUp()).model;
    rememberGrouping(third, memento).dispose();
    assert.strictEqual(third.grouping, 'flat');
  });
});
