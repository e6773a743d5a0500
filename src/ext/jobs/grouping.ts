// The Active section's grouping is remembered across windows and restarts (in VS Code's global
// state), and mirrored in a context key from which the toolbar shows the button for the next mode.
import * as vscode from 'vscode';
import { toGroupingMode, type GroupingMode } from '../../core/jobs/grouping';
import { builtInCommandIds, contextKeys, stateKeys } from '../names';
import type { JobsTreeProvider } from './jobsTreeProvider';

/** Restores the remembered mode into `tree`, then keeps the memento and the context key in step with it. */
export function rememberGrouping(tree: Pick<JobsTreeProvider, 'grouping' | 'setGrouping' | 'onDidChangeGrouping'>, memento: vscode.Memento): vscode.Disposable {
  const setContext = (mode: GroupingMode) => void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.grouping, mode);
  tree.setGrouping(toGroupingMode(memento.get(stateKeys.grouping)));
  setContext(tree.grouping);
  return tree.onDidChangeGrouping((mode) => {
    setContext(mode);
    void memento.update(stateKeys.grouping, mode);
  });
}
