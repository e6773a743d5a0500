// The bulk features, driven in the workbench as a user would: the Jobs view's grouping toggle on its
// toolbar, a right-click on a group, Export Jobs, and Cancel Jobs Matching… into an untitled CSV
// cancelled with the code action, and the eligibility check in the confirmation. The Vault is the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import type { CancelRunSummary } from '../../../src/ext/cancel';
import type { GroupNode, JobSetNode, JobsNode } from '../../../src/ext/jobs/jobNodes';
import type { VaultSimulator } from '../../simulator';
import { answerDialog, cancelledInRequests, extensionApi, screenshotIfFailed, shownResults, signedInToSharedVault, vaultSimulator, waitFor, waitForNotification } from './harness';
import { click, clickMenuItem, pressKey, quickInput, rightClick, screenshot, typeText, waitForWorkbenchText, workbenchUiUrl } from './workbench';

const sidebar = '.part.sidebar';
const endOf = (document: vscode.TextDocument) => document.lineAt(document.lineCount - 1).range.end;
/** A row of the Jobs view whose text holds `text`. */
const treeRow = (text: string) => `${sidebar} .monaco-list-row:has-text("${text}")`;
/** A button of the Jobs view's toolbar, by its title. */
const toolbarButton = (title: string) => `${sidebar} .action-label[aria-label^="${title}"]`;

describe('bulk work in the workbench', function () {
  let api: VaultJobsApi;
  let sim: VaultSimulator;

  before(async function () {
    if (!workbenchUiUrl) return this.skip(); // everything here is clicked in the workbench
    api = await extensionApi();
    sim = await vaultSimulator();
    await signedInToSharedVault(api, sim, true);
    // The view's header actions show without hovering, as for a user who points at the view.
    await vscode.workspace.getConfiguration('workbench').update('view.alwaysShowHeaderActions', true, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    sim.clearRequestLog();
    sim.faults.clear();
    api.cancel.clearResults();
    await vscode.commands.executeCommand('vaultJobs.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  after(async () => {
    if (!api) return;
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    await vscode.workspace.getConfiguration('workbench').update('view.alwaysShowHeaderActions', undefined, vscode.ConfigurationTarget.Global);
  });

  /**
   * Right-clicks a row and picks a context-menu item until a quick input opens. A menu can miss a
   * click in the moment it opens, and a refresh of the view between the two clicks (the previous
   * test's cancels are followed every 5 s) can leave the command without its node; a person clicks again.
   */
  async function contextMenuCommand(row: string, item: string, opens: (text: string) => boolean): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      await rightClick(row);
      await clickMenuItem(item);
      try {
        return await waitForWorkbenchText(quickInput, opens, 5000);
      } catch (error) {
        if (attempt === 3) throw error;
        await pressKey('Escape'); // closes the menu if it is still open
      }
    }
  }

  function activeEditorWhere(test: (document: vscode.TextDocument) => boolean): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && test(editor.document) ? editor : undefined;
  }

  async function activeChildren(): Promise<JobsNode[]> {
    const [active] = await api.jobs.children() as GroupNode[];
    return api.jobs.children(active);
  }

  /** Clicks the toolbar's grouping toggle until the Active section is in `mode` (it cycles flat → title → status). */
  async function toggleTo(label: RegExp, button: string): Promise<void> {
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');
    await click(toolbarButton(button));
    await waitFor(`grouping ${label}`, async () => (await activeChildren()).some((n) => n.kind === 'jobSet' && label.test(n.set.label)));
  }

  it('groups Active by title with the toolbar toggle, and cancels a group\'s cancellable jobs from its context menu', async () => {
    const title = '000 Runaway Schedule';
    const queued = sim.jobs.addMany(30, { status: 'QUEUED', title }).map((j) => j.job_id);
    const running = sim.jobs.addMany(2, { status: 'RUNNING', title }).map((j) => j.job_id);
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');

    await toggleTo(/^000 Runaway Schedule$/, 'Group Active Jobs by Title');
    const group = (await activeChildren()).find((n): n is JobSetNode => n.kind === 'jobSet' && n.set.label === title);
    assert.ok(group);
    assert.deepStrictEqual(group.set.cancellableIds.sort(), [...queued].sort());
    const row = await waitForWorkbenchText(treeRow(title), (t) => t.includes('30 queued'));
    assert.match(row, /30 queued(?! ·)/, 'the count a cancel concerns');
    await screenshot('jobs-grouped-by-title', '.monaco-workbench');

    await contextMenuCommand(treeRow(title), 'Cancel Cancellable Jobs…', (t) => /Cancel 30 jobs on/.test(t));
    const dialog = await answerDialog(/Cancel 30 jobs on Test Sandbox/, 'Cancel 30 Jobs');
    assert.match(dialog, /30 are scheduled\/queued and will be cancelled/);
    assert.match(dialog, /group "000 Runaway Schedule"/);
    await waitFor('the cancel request', () => cancelledInRequests(sim).length > 0);
    const sent = cancelledInRequests(sim).flat().sort();
    assert.deepStrictEqual(sent, [...queued].sort(), 'the queued members only, never the running ones');
    for (const id of running) assert.strictEqual(sim.jobs.get(id)?.status, 'RUNNING');
    await waitForNotification(/Test Sandbox: 30 accepted/);

    // By status next, then flat again: three clicks of the same toolbar place.
    await toggleTo(/^Queued$/, 'Group Active Jobs by Status');
    const statuses = (await activeChildren()).filter((n): n is JobSetNode => n.kind === 'jobSet').map((n) => n.set.key);
    assert.ok(statuses.includes('RUNNING') && statuses.every((s) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(s)), statuses.join());
    await click(toolbarButton('Show Active Jobs Ungrouped'));
    await waitFor('the flat list', async () => (await activeChildren()).every((n) => n.kind !== 'jobSet'));
  });

  it('exports the jobs as shown (filter applied) from the toolbar, and a group from its context menu, in the shape the cancel flow reads', async () => {
    const title = '000 Export Probe';
    const jobs = sim.jobs.addMany(5, { status: 'SCHEDULED', title: `${title}, "quoted"` }).map((j) => j.job_id);
    await api.jobs.refresh();
    await vscode.commands.executeCommand('vaultJobs.filterJobs', { statuses: ['SCHEDULED'], text: title });
    await vscode.commands.executeCommand('vaultJobs.jobs.focus');

    await click(toolbarButton('Export Jobs…'));
    await waitForWorkbenchText(quickInput, (t) => t.includes('JSON'));
    await click(`${quickInput} .monaco-list-row:has-text("CSV")`);
    const csv = await waitFor('the CSV export', () => activeEditorWhere((d) => d.isUntitled && d.languageId === 'csv'));
    const lines = csv.document.getText().trim().split('\n');
    assert.strictEqual(lines[0], 'job_id,title,status,created_by,created_date,run_start_date');
    assert.deepStrictEqual(lines.slice(1).map((line) => Number(line.split(',')[0])).sort(), [...jobs].sort(), 'the filtered list, nothing else');
    assert.match(lines[1], /"000 Export Probe, ""quoted"""/);
    assert.strictEqual(csv.document.languageId, 'csv');

    // The whole document selected: the cancel flow finds exactly the job_id column.
    csv.selection = new vscode.Selection(new vscode.Position(0, 0), endOf(csv.document));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv.document.uri, csv.selection);
    assert.ok(actions.some((a) => a.title === 'Cancel 5 Vault jobs…'), actions.map((a) => a.title).join(' | '));

    await vscode.commands.executeCommand('vaultJobs.groupJobsByStatus');
    await waitForWorkbenchText(treeRow('Scheduled'), (t) => t.includes('5 sched.'));
    await contextMenuCommand(treeRow('Scheduled'), 'Export Jobs…', (t) => t.includes('JSON'));
    await click(`${quickInput} .monaco-list-row:has-text("JSON")`);
    const json = await waitFor('the JSON export', () => activeEditorWhere((d) => d.isUntitled && d.languageId === 'json'));
    const parsed = JSON.parse(json.document.getText()) as { jobs: { job_id: number; status: string }[] };
    assert.deepStrictEqual(parsed.jobs.map((j) => j.job_id).sort(), [...jobs].sort());
    assert.ok(parsed.jobs.every((j) => j.status === 'SCHEDULED'));
    await vscode.commands.executeCommand('vaultJobs.showJobsFlat');
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'exporting cancels nothing');
  });

  it('Cancel Jobs Matching… reads every Active page, opens the matches as a CSV with their IDs selected, and the code action cancels them', async () => {
    const creator = 70707;
    // Two of them old enough to be listed last: on the last Active page, past the first 200.
    const matching = [
      ...sim.jobs.addMany(2, { status: 'QUEUED', title: '000 Match load', created_by: creator, created_date: '2020-01-01T00:00:00.000Z' }),
      ...sim.jobs.addMany(1, { status: 'QUEUED', title: '000 Match load', created_by: creator }),
      ...sim.jobs.addMany(2, { status: 'QUEUEING', title: '000 Match update', created_by: creator }),
    ].map((j) => j.job_id);
    sim.jobs.addMany(2, { status: 'SCHEDULED', title: '000 Match update', created_by: creator }); // not picked by default
    sim.jobs.addMany(2, { status: 'QUEUED', title: '000 Match load', created_by: creator + 1 }); // someone else's
    sim.jobs.addMany(2, { status: 'RUNNING', title: '000 Match load', created_by: creator }); // not among the statuses picked
    sim.jobs.addMany(2, { status: 'QUEUED', title: '000 Match loader', created_by: creator }); // the pattern is anchored
    // Enough active jobs for a second Active page, whichever tests ran before.
    const active = sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).length;
    sim.jobs.addMany(Math.max(0, 201 - active), { status: 'RUNNING', title: '000 Match filler' });

    const command = vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.cancelJobsMatching');
    await waitForWorkbenchText(quickInput, (t) => t.includes('statuses'));
    await pressKey('Enter'); // QUEUED and QUEUEING are picked already
    await click(`${quickInput} .monaco-list-row:has-text("Type a text the title contains")`);
    await waitForWorkbenchText(quickInput, (t) => t.includes('title contains'));
    await typeText('/^000 Match (load/');
    await waitForWorkbenchText(quickInput, (t) => /Not a valid regular expression/.test(t));
    await pressKey('Backspace');
    await typeText('|update)$/');
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('created on or after'));
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('created before'));
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => t.includes('created by user ID'));
    await typeText(String(creator));
    await pressKey('Enter');
    await waitForWorkbenchText(quickInput, (t) => new RegExp(`${matching.length} of \\d+ active jobs of Test Sandbox match`).test(t));
    await pressKey('Enter'); // Review the matching jobs
    const editor = await command;
    assert.ok(editor, 'the review document opened');
    const { document } = editor;
    assert.ok(document.isUntitled);
    assert.deepStrictEqual(editor.selections.map((s) => Number(document.getText(s))).sort(), [...matching].sort(), 'exactly the matching job IDs are selected');
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'nothing is cancelled before the review');
    assert.ok(sim.jobs.all().filter((j) => ['SCHEDULED', 'QUEUEING', 'QUEUED', 'RUNNING', 'CANCELLING'].includes(j.status)).length > 200, 'more than one Active page');
    await screenshot('cancel-matching-review', '.monaco-workbench');

    // The user removes one row from the list, keeps the rest selected, and uses the light bulb's action.
    const dropped = Number(document.getText(editor.selections[0]));
    const kept = editor.selections.slice(1);
    await editor.edit((edit) => edit.delete(document.lineAt(editor.selections[0].start.line).rangeIncludingLineBreak));
    editor.selections = kept.map((s) => new vscode.Selection(s.start.translate(-1), s.end.translate(-1)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, editor.selection);
    const action = actions.find((a) => a.title === `Cancel ${matching.length - 1} Vault jobs…`);
    assert.ok(action?.command, actions.map((a) => a.title).join(' | '));
    const run = vscode.commands.executeCommand<CancelRunSummary>(action.command.command, ...(action.command.arguments as unknown[]));
    await answerDialog(new RegExp(`Cancel ${matching.length - 1} jobs on`), `Cancel ${matching.length - 1} Jobs`);
    const summary = await run;
    assert.strictEqual(summary.counts.accepted, matching.length - 1);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), matching.filter((id) => id !== dropped).sort());
  });

  it('Cancel Jobs Matching… selects every match when most titles hold CRLF, whose line breaks VS Code changes in the review document', async () => {
    // Two CRLF in each title of a CSV whose rows end in LF: the document holds one kind of line break
    // (the kind of the document the export is written into), so every offset after a title moves.
    const matching = sim.jobs.addMany(300, { status: 'QUEUED', title: '000 CRLF load\r\nline two\r\nline three' }).map((j) => j.job_id);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('vaultJobs.cancelJobsMatching', { title: '000 CRLF load', statuses: ['QUEUED'] });
    assert.ok(editor, 'the review document opened');
    const text = editor.document.getText();
    assert.ok(text.includes('line two') && !(text.includes('\r\n') && /[^\r]\n/.test(text)), 'VS Code made the line breaks of the document one kind');
    assert.deepStrictEqual(editor.selections.map((s) => Number(editor.document.getText(s))).sort(), [...matching].sort(), 'every match is selected, and only its ID');
    assert.deepStrictEqual(cancelledInRequests(sim), []);
  });

  it('Cancel Jobs Matching… says what is wrong with given criteria, and when nothing matches, and opens nothing', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.cancelJobsMatching', { createdAfter: '2026-02-30', title: '(a+', titleMode: 'regex' }), undefined);
    const error = await waitForNotification(/Cannot search for jobs/);
    assert.match(error, /"2026-02-30" is not a date/);
    assert.match(error, /Not a valid regular expression/);
    assert.strictEqual(await vscode.commands.executeCommand('vaultJobs.cancelJobsMatching', { title: 'No Such Title Anywhere 4f1c' }), undefined);
    await waitForNotification(/No active job of Test Sandbox matches \(\d+ read\)/);
    assert.strictEqual(vscode.window.activeTextEditor, undefined, 'no review document');
  });

  it('Cancel Jobs Matching… stops a regular expression that backtracks without end (it runs in a worker of the extension host) and says so', async function () {
    this.timeout(20000);
    sim.jobs.add({ status: 'QUEUED', title: `${'a'.repeat(40)}!` });
    const started = vscode.commands.executeCommand('vaultJobs.cancelJobsMatching', { title: '^(a+)+$', titleMode: 'regex' });
    assert.strictEqual(await started, undefined);
    const error = await waitForNotification(/Could not search the active jobs of Test Sandbox/);
    assert.match(error, /did not finish within 2 s/);
    assert.strictEqual(vscode.window.activeTextEditor, undefined, 'no review document');
  });

  it('the confirmation says which IDs Vault will accept, and can cancel only those', async () => {
    const queued = sim.jobs.addMany(3, { status: 'QUEUED', title: '000 Eligible' }).map((j) => j.job_id);
    const running = sim.jobs.addMany(2, { status: 'RUNNING', title: '000 Refused' }).map((j) => j.job_id);
    const unknown = 987654321;
    const document = await vscode.workspace.openTextDocument({ language: 'csv', content: `job_id\n${[...queued, ...running, unknown].join('\n')}\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), endOf(document));

    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    const dialog = await waitForWorkbenchText(quickInput, (t) => /Cancel 6 jobs on Test Sandbox/.test(t));
    assert.match(dialog, /3 are scheduled\/queued and will be cancelled\.\n[\s\S]*2 are running or finished and Vault will refuse them\.\n[\s\S]*1 is unknown to this Vault\./);
    assert.match(dialog, /Don't cancel any jobs[\s\S]*Cancel Only the 3 Eligible Jobs[\s\S]*Cancel 6 Jobs/, 'the safe choice first');
    await screenshot('cancel-confirmation-eligibility', quickInput);
    await click(`${quickInput} .monaco-list-row:has-text("Cancel Only the 3 Eligible Jobs")`);
    const summary = await run;
    assert.ok(summary);
    assert.deepStrictEqual(cancelledInRequests(sim).flat().sort(), [...queued].sort(), 'only the eligible IDs went out');
    assert.deepStrictEqual(summary.counts, { accepted: 3, notEligible: 0, invalidInput: 0, notSent: 3, unknown: 0, failed: 0 });
    const results = await waitFor('a result on every ID', () => {
      const found = shownResults(api, document);
      return found.length === 6 ? found : undefined;
    });
    assert.deepStrictEqual(results.map((r) => r.kind), ['accepted', 'accepted', 'accepted', 'notSent', 'notSent', 'notSent']);
    const on = (id: number) => results.find((r) => r.text === String(id))?.message ?? '';
    assert.match(on(running[0]), /left out at your choice: Vault showed it RUNNING/);
    assert.match(on(unknown), /this Vault has no such job/);
  });

  it('says the check was skipped above 5,000 IDs, and Escape cancels nothing', async () => {
    const ids = Array.from({ length: 5001 }, (_, i) => 800000000 + i);
    const document = await vscode.workspace.openTextDocument({ language: 'csv', content: `job_id\n${ids.join('\n')}\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), endOf(document));
    // The command reads the active editor, as the context menu does: the new document's, once the workbench says so.
    await waitFor('the new document in the active editor', () => vscode.window.activeTextEditor?.document === document || undefined);
    const run = vscode.commands.executeCommand<CancelRunSummary | undefined>('vaultJobs.cancelSelectedIds');
    const dialog = await waitForWorkbenchText(quickInput, (t) => /Cancel 5001 jobs on Test Sandbox/.test(t));
    assert.match(dialog, /Which of them Vault will accept was not checked: 5001 IDs are more than\s+the 5000 checked before a cancel\./);
    assert.doesNotMatch(dialog, /Eligible/);
    await pressKey('Escape');
    assert.strictEqual(await run, undefined);
    assert.deepStrictEqual(cancelledInRequests(sim), [], 'nothing sent');
    // An untitled document left dirty would hold the next case's editors behind a save question.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a 2,000-ID cancel from a CSV shows an outcome at every ID: the Cancel Results view lists all, diagnostics stay within what VS Code shows', async function () {
    this.timeout(120000);
    const accepted = sim.jobs.addMany(133, { status: 'QUEUED', title: '000 Bulk queued' }).map((j) => j.job_id);
    const refused = sim.jobs.addMany(1867, { status: 'RUNNING', title: '000 Bulk running' }).map((j) => j.job_id);
    // Interleaved, as an export would hold them: accepted IDs spread all through the file.
    const ids = refused.flatMap((id, i) => (i % 14 === 0 && accepted[i / 14] !== undefined ? [accepted[i / 14], id] : [id]));
    assert.strictEqual(ids.length, 2000);
    const document = await vscode.workspace.openTextDocument({ language: 'csv', content: `job_id\n${ids.join('\n')}\n` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), endOf(document));
    await waitFor('the new document in the active editor', () => vscode.window.activeTextEditor?.document === document || undefined);

    const run = vscode.commands.executeCommand<CancelRunSummary>('vaultJobs.cancelSelectedIds');
    // By keys: the last item, past the safe choice and "only the eligible".
    await waitForWorkbenchText(quickInput, (t) => /Cancel 2000 jobs on Test Sandbox/.test(t));
    await pressKey('ArrowDown');
    await pressKey('ArrowDown');
    await waitForWorkbenchText(`${quickInput} .monaco-list-row.focused`, (t) => t.includes('Cancel 2000 Jobs'));
    await pressKey('Enter');
    const summary = await run;
    assert.strictEqual(summary.counts.accepted, 133);
    assert.strictEqual(summary.counts.notEligible, 1867);

    // Every ID has exactly one result, each at its own line, in the view's rows (the view has no per-file limit).
    const results = await waitFor('a result at every ID', () => { const r = shownResults(api, document); return r.length === 2000 ? r : undefined; });
    assert.deepStrictEqual(results.map((r) => r.line), ids.map((_, i) => i + 1), 'one result per line, none left out');
    assert.deepStrictEqual(results.map((r) => Number(r.text)), ids);
    assert.deepStrictEqual(results.filter((r) => r.kind === 'accepted').map((r) => Number(r.text)).sort(), [...accepted].sort(), 'the accepted ones too');
    const groups = api.cancel.resultRows();
    assert.deepStrictEqual(groups.map((g) => { const item = api.cancel.resultItem(g); return [item.label, item.description]; }), [['Not eligible', '1867'], ['Accepted', '133']]);
    const notEligibleRows = api.cancel.resultRows(groups[0]);
    assert.strictEqual(notEligibleRows.length, 1001, 'a page of rows, then a row that shows more');
    assert.match(api.cancel.resultItem(notEligibleRows[1000]).label as string, /^Show the other 867$/);

    // Diagnostics: what needs action, within VS Code's 1,000, the top one saying how many more and opening the view.
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Vault Jobs');
    assert.strictEqual(diagnostics.length, 1000);
    const more = diagnostics.find((d) => d.code === 'MORE_RESULTS');
    assert.ok(more);
    assert.strictEqual(more.range.start.line, 0);
    assert.match(more.message, /^868 more cancel results that need action/);
    assert.ok(diagnostics.every((d) => d.code === 'MORE_RESULTS' || d.code === 'INVALID_DATA'), 'no diagnostic for accepted IDs');

    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, more.range);
    const show = fixes.find((f) => f.title === 'Show All Cancel Results');
    assert.ok(show?.command, fixes.map((f) => f.title).join(' | '));
    await vscode.commands.executeCommand(show.command.command, ...((show.command.arguments ?? []) as unknown[]));
    await waitFor('the Cancel Results view', () => api.cancel.resultsView.visible || undefined);
    assert.strictEqual(api.cancel.resultsView.description, '2000 results');
    // As the workbench draws it: each group with its count.
    const view = await waitForWorkbenchText(sidebar, (t) => /Not eligible\s*1867/.test(t) && /Accepted\s*133/.test(t));
    assert.match(view, /Cancel Results/i);
    await click(`${sidebar} .monaco-list-row:has-text("Accepted")`);
    const firstAccepted = await waitForWorkbenchText(sidebar, (t) => t.includes(String(accepted[0])));
    assert.match(firstAccepted, new RegExp(`${accepted[0]}\\s*Untitled-\\d+:2 — Job ${accepted[0]}: Cancelling`));
    await screenshot('cancel-results-view', '.monaco-workbench');

    // The filter narrows the view to one ID.
    await vscode.commands.executeCommand('vaultJobs.filterResults', String(accepted[5]));
    const filtered = api.cancel.resultRows();
    assert.deepStrictEqual(filtered.map((g) => (g.type === 'resultGroup' ? [g.kind, g.results.length] : [])), [['accepted', 1]]);
    assert.strictEqual(api.cancel.resultsView.description, `1 of 2000 · filter: ${accepted[5]}`);
    await vscode.commands.executeCommand('vaultJobs.clearResultsFilter');
    assert.strictEqual(api.cancel.resultRows().length, 2);
  });
});
