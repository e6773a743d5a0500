// What a cancel run asks and tells the user, behind one interface so the runner can be driven by
// other answers (tests give scripted ones). A destructive action asks first: a modal with the count
// and the Vault's name; a production Vault also asks the user to type its name, so a habit of
// clicking "OK" cannot cancel production jobs.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';
import { minimumCancelVersion } from '../../core/vault';
import { showWithSettingButton } from '../settings';
import { settingIds } from '../names';

export interface CancelConfirmation {
  readonly vault: VaultEntry;
  readonly distinct: number;
  readonly duplicates: number;
  readonly problems: number;
  readonly source: string;
}

/** What the user chose from a run's summary. */
export type NextStep = 'showOutput' | 'retryFailed' | undefined;

export interface RunSummaryNotice {
  readonly vault: VaultEntry;
  /** "3 accepted, 1 failed". */
  readonly text: string;
  /** Some IDs failed or were not eligible: a warning rather than information. */
  readonly warn: boolean;
  /** Some IDs can be sent again. */
  readonly canRetry: boolean;
}

export interface CancelPrompts {
  /** True when the user confirmed cancelling on this Vault. */
  confirm(confirmation: CancelConfirmation): Promise<boolean>;
  /** Nothing in the request is a job ID. */
  nothingToCancel(source: string, problems: number): void;
  /** The Vault's API version predates Cancel Job. */
  apiTooOld(vault: VaultEntry, apiVersion: string): void;
  /** The run's summary, with its next steps. */
  summary(notice: RunSummaryNotice): Promise<NextStep>;
}

export const windowPrompts: CancelPrompts = {
  confirm: confirmCancel,

  nothingToCancel(source, problems) {
    const why = problems ? `; ${problems} selected value(s) are not job IDs (see Problems)` : '';
    void vscode.window.showWarningMessage(`No job IDs to cancel in ${source}${why}.`);
  },

  apiTooOld(vault, apiVersion) {
    void showWithSettingButton(vscode.window.showErrorMessage, `Cancelling jobs needs Vault API ${minimumCancelVersion} or later, and ${vault.name} is set to ` +
      `${apiVersion} in the setting ${settingIds.vaults} ("apiVersion"). Remove it or set ${minimumCancelVersion} or later.`, settingIds.vaults);
  },

  async summary({ vault, text, warn, canRetry }) {
    const showOutput = 'Show Output';
    const retryFailed = 'Retry Failed';
    const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(`${vault.name}: ${text}.`, showOutput, ...(canRetry ? [retryFailed] : []));
    return choice === showOutput ? 'showOutput' : choice === retryFailed ? 'retryFailed' : undefined;
  },
};

async function confirmCancel({ vault, distinct, duplicates, problems, source }: CancelConfirmation): Promise<boolean> {
  const details = [
    `${distinct} distinct job ID${distinct === 1 ? '' : 's'} from ${source}.`,
    duplicates ? `${duplicates} duplicate${duplicates === 1 ? '' : 's'} will be sent once.` : '',
    problems ? `${problems} selected value${problems === 1 ? ' is not a job ID' : 's are not job IDs'} and will not be sent.` : '',
    'Scheduled, queued and queueing jobs move to CANCELLING. This cannot be undone.',
  ].filter(Boolean).join('\n');
  const button = `Cancel ${distinct} Job${distinct === 1 ? '' : 's'}`;
  const title = `Cancel ${distinct} job${distinct === 1 ? '' : 's'} on ${vault.production ? 'PRODUCTION Vault ' : ''}${vault.name} (${vault.dns})?`;
  if (!await askToConfirm(title, details, button)) return false;
  if (!vault.production) return true;
  const typed = await vscode.window.showInputBox({
    title: `${vault.name} is a production Vault`,
    prompt: `Type the Vault's name, ${vault.name}, to cancel ${distinct} job${distinct === 1 ? '' : 's'}`,
    ignoreFocusOut: true,
    validateInput: (value) => (value === vault.name || value === '' ? undefined : `Type ${vault.name} exactly`),
  });
  return typed === vault.name;
}

/** A modal dialog; where the workbench refuses modal dialogs (as VS Code does in extension test runs), a quick pick that never defaults to yes. */
async function askToConfirm(title: string, detail: string, button: string): Promise<boolean> {
  try {
    return await vscode.window.showWarningMessage(title, { modal: true, detail }, button) === button;
  } catch {
    const picked = await vscode.window.showQuickPick([
      { label: button, detail: detail.replace(/\n/g, ' ') },
      { label: 'Don\'t cancel any jobs' },
    ], { title, placeHolder: 'Confirm', ignoreFocusOut: true });
    return picked?.label === button;
  }
}
