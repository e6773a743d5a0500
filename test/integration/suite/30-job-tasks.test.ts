// Inside a job, in the real extension host against the simulator: an SDK job's row expands to its
// tasks, read a page at a time (Load more tasks… reads the next page, nothing is read twice), a job
// that is not an SDK job says so, and Show Details shows the Job Status answer with `progress` and
// `links`, read again while the job runs and no more once it has ended.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { GroupNode, JobNode, JobsNode, MoreTasksNode, TaskNode, TaskNoteNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { configureVaults, extensionApi, vaultName, vaultSimulator, waitFor } from './harness';
import { click, screenshot, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inside a job: its tasks and its details', function () {
  this.timeout(90000);
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await vaultSimulator();
    await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
    await waitFor('the Vault', () => api.session.vault?.name === vaultName || undefined);
    if (api.session.state !== 'signedIn') {
      assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword: false }));
    }
  });

  async function activeNode(id: number): Promise<JobNode> {
    await api.jobs.refresh();
    const [active] = await api.jobs.children() as GroupNode[];
    const node = (await api.jobs.children(active)).find((n): n is JobNode => n.kind === 'job' && n.job.job_id === id);
    assert.ok(node, `job ${id} is listed`);
    return node;
  }

  const taskCalls = (id: number) => sim.requestLog.filter((r) => r.method === 'GET' && r.path.includes(`/services/jobs/${id}/tasks`)).length;
  const statusCalls = (id: number) => sim.requestLog.filter((r) => r.method === 'GET' && new RegExp(`/services/jobs/${id}$`).test(r.path)).length;
  const tasksOf = (rows: JobsNode[]) => rows.filter((n): n is TaskNode => n.kind === 'task');

  it("expanding an SDK job's row reads its tasks a page at a time, and Load more tasks reads the next", async () => {
    const sdk = sim.jobs.add({ status: 'RUNNING', title: 'SDK: Tasks Probe', task_count: 120 }).job_id;
    const node = await activeNode(sdk);
    assert.strictEqual((await api.jobs.treeItem(node)).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(taskCalls(sdk), 0, 'nothing is read before the row is expanded');

    let rows = await api.jobs.children(node);
    assert.strictEqual(tasksOf(rows).length, 50);
    const more = rows.at(-1) as MoreTasksNode;
    assert.strictEqual(more.kind, 'moreTasks');
    assert.match(String((await api.jobs.treeItem(more)).description), /50 of 120/);
    const firstTask = await api.jobs.treeItem(tasksOf(rows)[0]);
    assert.deepStrictEqual([firstTask.label, firstTask.description], ['Task1', 'Success']);
    assert.strictEqual((await api.jobs.treeItem(tasksOf(rows)[49])).description, 'Success');

    await vscode.commands.executeCommand('vaultJobs.loadMoreTasks', more);
    rows = await api.jobs.children(node);
    assert.strictEqual(tasksOf(rows).length, 100);
    await vscode.commands.executeCommand('vaultJobs.loadMoreTasks', rows.at(-1));
    rows = await api.jobs.children(node);
    assert.deepStrictEqual(tasksOf(rows).map((t) => t.task.id), Array.from({ length: 120 }, (_, i) => `Task${i + 1}`));
    assert.ok(!rows.some((n) => n.kind === 'moreTasks'), 'no Load more after the last page');
    assert.strictEqual((await api.jobs.treeItem(tasksOf(rows)[119])).description, 'Running', 'the running half of a running job');
    assert.strictEqual(taskCalls(sdk), 3, 'one request per page, none read twice');
  });

  it('a click on an SDK job\'s row in the workbench shows its tasks under it', async function () {
    if (!workbenchUiUrl) return this.skip();
    const title = 'SDK: Nightly Product Catalog Sync';
    const sdk = sim.jobs.add({ status: 'RUNNING', title, task_count: 8 }).job_id;
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: [], text: String(sdk) });
    try {
      await vscode.commands.executeCommand('vaultJobs.jobs.focus');
      const row = `.part.sidebar .monaco-list-row:has-text("${sdk}")`;
      await waitForWorkbenchText('.part.sidebar', (t) => t.includes(String(sdk)));
      await click(row);
      const tree = await waitForWorkbenchText('.part.sidebar', (t) => t.includes('Task8'));
      assert.match(tree, /Task1\s*Success[\s\S]*Task8\s*Running/);
      await screenshot('job-tasks', '.monaco-workbench');
    } finally {
      await vscode.commands.executeCommand('vaultJobs.clearFilter');
    }
  });

  it('a job that is not an SDK job says it has no tasks, in Vault\'s words', async () => {
    const plain = sim.jobs.add({ status: 'RUNNING', title: 'Plain Tasks Probe' }).job_id;
    const rows = await api.jobs.children(await activeNode(plain));
    assert.strictEqual(rows.length, 1);
    const note = rows[0] as TaskNoteNode;
    assert.strictEqual(note.kind, 'taskNote');
    assert.match(note.message, /^No tasks: .*not an SDK job/);
    assert.strictEqual(note.isError, false);
  });

  it('Show Details shows the Job Status answer with progress and links, read again while the job runs and no more once it ended', async () => {
    const sdk = sim.jobs.add({ status: 'RUNNING', title: 'SDK: Details Probe', task_count: 4 }).job_id;
    const node = await activeNode(sdk);
    await vscode.commands.executeCommand('vaultJobs.showJobDetails', node);
    const editor = await waitFor('details editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'vault-job' ? vscode.window.activeTextEditor : undefined);
    type Details = { status?: { status: string; progress?: { size: number }[]; links: { rel: string; href: string }[] }; refresh: string };
    const read = () => JSON.parse(editor.document.getText()) as Details;
    const first = read();
    assert.strictEqual(first.status?.status, 'RUNNING');
    assert.strictEqual(first.status?.progress?.[0]?.size, 4, 'an SDK job has progress');
    assert.deepStrictEqual(first.status?.links.map((l) => l.rel), ['self']);
    assert.match(first.refresh, /every 10 s while this document is open and the job is active/);

    sim.jobs.setStatus(sdk, 'SUCCESS');
    await waitFor('the details to show the job ended', () => read().status?.status === 'SUCCESS' || undefined, 30000);
    assert.match(read().refresh, /not read again: the job has ended/);
    const calls = statusCalls(sdk);
    await sleep(12000);
    assert.strictEqual(statusCalls(sdk), calls, 'no status call once the job has ended');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
