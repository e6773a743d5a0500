// What a cancel run asks and tells the user, behind one interface so the runner can be driven by
// other answers (tests give scripted ones). A destructive action asks first: a modal with the count
// and the Vault's name; a production Vault also asks the user to type its name, so a habit of
// clicking "OK" cannot cancel production jobs.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';
import { minimumCancelVersion } from '../../core/vault';
import { showWithSettingButton } from '../settings';
import { settingIds } from '../names';
import { plural } from '../plural';

const { l10n } = vscode;

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
  /** The selection holds more values than one run takes (`most`): nothing is sent. */
  tooManyValues(source: string, most: number): void;
  /** The Vault's API version predates Cancel Job. */
  apiTooOld(vault: VaultEntry, apiVersion: string): void;
  /** The run's summary, with its next steps. */
  summary(notice: RunSummaryNotice): Promise<NextStep>;
}

export const windowPrompts: CancelPrompts = {
  confirm: confirmCancel,

  nothingToCancel(source, problems) {
    void vscode.window.showWarningMessage(problems === 0 ? l10n.t('No job IDs to cancel in {0}.', source)
      : plural(problems, l10n.t('No job IDs to cancel in {0}; 1 selected value is not a job ID (see Problems).', source),
        l10n.t('No job IDs to cancel in {0}; {1} selected values are not job IDs (see Problems).', source, problems)));
  },

  tooManyValues(source, most) {
    void vscode.window.showErrorMessage(l10n.t('Nothing was sent: the selection in {0} holds more job IDs and other values than one run takes ({1}). Select fewer; Problems shows where the limit is passed.', source, most.toLocaleString()));
  },

  apiTooOld(vault, apiVersion) {
    void showWithSettingButton(vscode.window.showErrorMessage, l10n.t(
      'Cancelling jobs needs Vault API {0} or later, and {1} is set to {2} in the setting {3} ("apiVersion"). Remove it or set {0} or later.',
      minimumCancelVersion, vault.name, apiVersion, settingIds.vaults), settingIds.vaults);
  },

  async summary({ vault, text, warn, canRetry }) {
    const showOutput = l10n.t('Show Output');
    const retryFailed = l10n.t('Retry Failed');
    const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(l10n.t('{0}: {1}.', vault.name, text), showOutput, ...(canRetry ? [retryFailed] : []));
    return choice === showOutput ? 'showOutput' : choice === retryFailed ? 'retryFailed' : undefined;
  },
};

async function confirmCancel({ vault, distinct, duplicates, problems, source }: CancelConfirmation): Promise<boolean> {
  const details = [
    plural(distinct, l10n.t('1 distinct job ID from {0}.', source), l10n.t('{0} distinct job IDs from {1}.', distinct, source)),
    duplicates ? plural(duplicates, l10n.t('1 duplicate will be sent once.'), l10n.t('{0} duplicates will be sent once.', duplicates)) : '',
    problems ? plural(problems, l10n.t('1 selected value is not a job ID and will not be sent.'), l10n.t('{0} selected values are not job IDs and will not be sent.', problems)) : '',
    l10n.t('Scheduled, queued and queueing jobs move to CANCELLING. This cannot be undone.'),
  ].filter(Boolean).join('\n');
  const button = plural(distinct, l10n.t('Cancel 1 Job'), l10n.t('Cancel {0} Jobs', distinct));
  const title = vault.production
    ? plural(distinct, l10n.t('Cancel 1 job on PRODUCTION Vault {0} ({1})?', vault.name, vault.dns), l10n.t('Cancel {0} jobs on PRODUCTION Vault {1} ({2})?', distinct, vault.name, vault.dns))
    : plural(distinct, l10n.t('Cancel 1 job on {0} ({1})?', vault.name, vault.dns), l10n.t('Cancel {0} jobs on {1} ({2})?', distinct, vault.name, vault.dns));
  if (!await askToConfirm(title, details, button)) return false;
  if (!vault.production) return true;
  const typed = await vscode.window.showInputBox({
    title: l10n.t('{0} is a production Vault', vault.name),
    prompt: plural(distinct, l10n.t('Type the Vault\'s name, {0}, to cancel 1 job', vault.name), l10n.t('Type the Vault\'s name, {0}, to cancel {1} jobs', vault.name, distinct)),
    ignoreFocusOut: true,
    validateInput: (value) => (value === vault.name || value === '' ? undefined : l10n.t('Type {0} exactly', vault.name)),
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
      { label: l10n.t('Don\'t cancel any jobs') },
    ], { title, placeHolder: l10n.t('Confirm'), ignoreFocusOut: true });
    return picked?.label === button;
  }
}
