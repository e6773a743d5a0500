// The first file a person opens in a fresh window is a saved monitors response (JSON), and nothing
// else has started the extension: opening it does, and the light bulb on a job ID is there at once.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, waitFor } from '../suite/harness';
import { pressKey, waitForWorkbenchText, workbenchUiUrl } from '../suite/workbench';
import { firstFileJobId, firstFileName } from './scenario';

describe('a fresh window', () => {
  it('starts the extension on the first JSON file, and offers the light bulb on a job ID in it', async function () {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is loaded`);
    // Newer VS Code versions sometimes open a JSON document of their own as the window starts, which
    // starts the extension before the test's file can: then this window cannot show what the file
    // does, and the case is counted as skipped rather than passed.
    if (extension.isActive) this.skip();
    const [folder] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folder, 'the window has the folder with the file');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, firstFileName));
    assert.strictEqual(document.languageId, 'json');
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('the extension to start', () => extension.isActive || undefined);

    // The cursor in the job ID's value, nothing selected.
    const cursor = document.positionAt(document.getText().indexOf(String(firstFileJobId)) + 3);
    editor.selection = new vscode.Selection(cursor, cursor);
    const title = `Cancel Vault job ${firstFileJobId}…`;
    await waitFor('the code action at the cursor', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(cursor, cursor));
      return actions.some((action) => action.title === title) || undefined;
    });
    if (workbenchUiUrl) {
      // In the workbench: the light bulb's menu (Ctrl+.) at the cursor offers the cancel first.
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await pressKey('Control+.');
      await waitForWorkbenchText('.action-widget .monaco-list-row.focused', (text) => text.includes(title));
      await pressKey('Escape');
    }
  });
});
