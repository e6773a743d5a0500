// The Active section's grouping is remembered across windows and restarts (in VS Code's global
// state), and mirrored in a context key from which the toolbar shows the button for the next mode.
import * as vscode from 'vscode';
import { toGroupingMode, type GroupingMode, type JobsModel } from '../../core/jobs';
import { builtInCommandIds, contextKeys, stateKeys } from '../names';

/** Restores the remembered mode into `model`, then keeps the memento and the context key in step with it. */
export function rememberGrouping(model: Pick<JobsModel, 'grouping' | 'setGrouping' | 'onDidChange'>, memento: vscode.Memento): vscode.Disposable {
  const setContext = (mode: GroupingMode) => void vscode.commands.executeCommand(builtInCommandIds.setContext, contextKeys.grouping, mode);
  model.setGrouping(toGroupingMode(memento.get(stateKeys.grouping)));
  setContext(model.grouping);
  return model.onDidChange((change) => {
    if (change !== 'grouping') return;
    setContext(model.grouping);
    void memento.update(stateKeys.grouping, model.grouping);
  });
}
