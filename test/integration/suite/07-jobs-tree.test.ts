// The Jobs view's provider on its own: a fake session hands it a real client for the simulator, and
// the tests read the nodes and items the view would show.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { JobsTreeProvider } from '../../../src/ext/jobs/jobsTreeProvider';
import type { GroupNode, JobNode, JobsNode, MessageNode } from '../../../src/ext/jobs/jobNodes';
import type { ActiveConnection } from '../../../src/ext/session';
import { activeStatuses, type VaultSimulator } from '../../simulator';
import { vaultSimulator } from './harness';
import { FakeSession, Redactor, fakeSettings, jobsView, signedInConnection } from './fakes';

describe('JobsTreeProvider (fake session, the simulator)', () => {
  let sim: VaultSimulator;
  let active: ActiveConnection;

  before(async () => {
    sim = await vaultSimulator();
    active = await signedInConnection(sim);
  });
  beforeEach(() => sim.faults.clear());

  function setUp(session = new FakeSession(active), redactor = new Redactor()) {
    return { ...jobsView(session, fakeSettings({ historyPageSize: 7 }), redactor), session };
  }

  const jobsIn = (nodes: JobsNode[]) => nodes.filter((n): n is JobNode => n.kind === 'job');
  const textOf = (label: string | vscode.TreeItemLabel | undefined) => (typeof label === 'string' ? label : label?.label ?? '');
  const label = async (tree: JobsTreeProvider, node: JobsNode) => {
    const item = await tree.getTreeItem(node);
    return { label: textOf(item.label), description: String(item.description ?? '') };
  };

  it('shows nothing while signed out', async () => {
    const { tree } = setUp(new FakeSession(undefined));
    assert.deepStrictEqual(await tree.getChildren(), []);
  });

  it('lists every active job (all pages) and history a page at a time behind Load more', async () => {
    const { tree, model } = setUp();
    const activeCount = () => sim.jobs.all().filter((j) => (activeStatuses as readonly string[]).includes(j.status)).length;
    for (let i = activeCount(); i <= 200; i++) sim.jobs.add({ status: 'QUEUED', title: `Second page ${i}` });
    const [activeGroup, history] = await tree.getChildren() as GroupNode[];
    const listed = jobsIn(await tree.getChildren(activeGroup)).map((n) => n.job.job_id).sort((a, b) => a - b);
    const expected = sim.jobs.all().filter((j) => (activeStatuses as readonly string[]).includes(j.status)).map((j) => j.job_id).sort((a, b) => a - b);
    assert.ok(expected.length > 200, 'more active jobs than one monitors page holds');
    assert.deepStrictEqual(listed, expected);
    assert.deepStrictEqual(await label(tree, activeGroup), { label: 'Active', description: `${expected.length} · Fake Sandbox` }, 'the Vault named on the Active row');

    const firstPage = await tree.getChildren(history);
    assert.strictEqual(jobsIn(firstPage).length, 7);
    const more = firstPage.at(-1);
    assert.strictEqual(more?.kind, 'loadMore');
    assert.match((await label(tree, more)).description, /^7 of \d+ shown$/);
    await model.loadMoreHistory();
    assert.strictEqual(jobsIn(await tree.getChildren(history)).length, 14);
    assert.match((await label(tree, history)).description, /^14 loaded \([\d,]+ in Vault\)$/);
  });

  it('filters by status and text, counts what it shows, and says when nothing matches', async () => {
    const { tree, model } = setUp();
    const probe = sim.jobs.add({ status: 'SCHEDULED', title: 'Filter Probe Zebra' });
    await model.refresh();
    const [activeGroup] = await tree.getChildren() as GroupNode[];
    model.setFilter({ statuses: ['scheduled'], text: 'zebra' });
    assert.deepStrictEqual(jobsIn(await tree.getChildren(activeGroup)).map((n) => n.job.job_id), [probe.job_id]);
    assert.match((await label(tree, activeGroup)).description, /^1 of \d+ · Fake Sandbox$/);
    model.setFilter({ statuses: ['QUEUED'], text: 'zebra' });
    const [message] = await tree.getChildren(activeGroup) as MessageNode[];
    assert.strictEqual((await label(tree, message)).label, 'No active jobs match the filter');
    model.setFilter({ statuses: [], text: '' });
    assert.strictEqual(model.isFiltered, false);
  });

  it('shows a failed listing as an error node without secrets, and lists again on refresh', async () => {
    const secret = 'gateway-secret-7f3a9c';
    const redactor = new Redactor();
    redactor.add(secret);
    const { tree, model } = setUp(new FakeSession(active), redactor);
    sim.faults.set({ kind: 'nonJson', body: `<html><title>Denied for ${secret}</title></html>`, path: /jobs\/monitors/, times: 1 });
    const [activeGroup] = await tree.getChildren() as GroupNode[];
    const [node] = await tree.getChildren(activeGroup);
    assert.strictEqual(node.kind, 'message');
    const item = await tree.getTreeItem(node);
    const text = textOf(item.label);
    assert.match(text, /^Could not list jobs: .*«redacted»/);
    assert.ok(!text.includes(secret), text);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'error');
    await model.refresh();
    assert.ok(jobsIn(await tree.getChildren(activeGroup)).length > 0, 'the next listing works');
  });
});
