// What a cancel run asks and tells the user, behind one interface so the runner can be driven by
// other answers (tests give scripted ones). A destructive action asks first, with the count and the
// Vault's name, and the safe answer is the default: Enter or Escape cancels nothing. A production
// Vault also asks the user to type its name, so a habit of confirming cannot cancel production jobs.
import * as vscode from 'vscode';
import type { VaultEntry } from '../../core/settings';
import { minimumCancelVersion } from '../../core/vault';
import { showWithSettingButton } from '../settings';
import { settingIds } from '../names';
import { plural } from '../plural';
import { passesProductionGuard } from './productionGuard';
import type { EligibilityCheck } from '../../core/cancel';

const { l10n } = vscode;

export interface CancelConfirmation {
  readonly vault: VaultEntry;
  readonly distinct: number;
  readonly duplicates: number;
  readonly problems: number;
  readonly source: string;
  /** What the Active list says of the IDs, or why that was not checked. */
  readonly eligibility?: EligibilityCheck;
  /** The one job, when only one is to be cancelled, with its title when it is known. */
  readonly job?: { readonly id: number; readonly title?: string };
  /** Scheduled jobs sent only when the user chooses them too (a group's scheduled members). */
  readonly scheduled?: number;
}

/**
 * Send every distinct ID (true), only those the eligibility check found scheduled/queued, every ID
 * and the scheduled ones offered besides them, or nothing (false).
 */
export type ConfirmChoice = boolean | 'eligibleOnly' | 'withScheduled';

/** What the user chose from a run's summary. */
export type NextStep = 'showOutput' | 'retryFailed' | 'verify' | undefined;

export interface RunSummaryNotice {
  readonly vault: VaultEntry;
  /** "3 accepted, 1 failed". */
  readonly text: string;
  /** Some IDs failed or were not eligible: a warning rather than information. */
  readonly warn: boolean;
  /** Some IDs can be sent again (those of unknown fate once a check shows them still cancellable). */
  readonly canRetry: boolean;
  /** Some IDs are of unknown fate: a check of their status can settle them. */
  readonly canVerify: boolean;
}

export interface VerifiedNotice {
  readonly vault: VaultEntry;
  /** How many IDs were checked. */
  readonly checked: number;
  /** "2 accepted, 1 failed". */
  readonly text: string;
  /** Why some could not be checked, if so. */
  readonly checkError?: string;
}

export interface CancelPrompts {
  /** True (all) or 'eligibleOnly' when the user confirmed cancelling on this Vault; false when not. */
  confirm(confirmation: CancelConfirmation): Promise<ConfirmChoice>;
  /** Nothing in the request is a job ID. */
  nothingToCancel(source: string, problems: number): void;
  /** The selection holds more values than one run takes (`most`): nothing is sent. */
  tooManyValues(source: string, most: number): void;
  /** The Vault's API version predates Cancel Job. */
  apiTooOld(vault: VaultEntry, apiVersion: string): void;
  /** The run's summary, with its next steps. */
  summary(notice: RunSummaryNotice): Promise<NextStep>;
  /** What a check of IDs of unknown fate established. */
  verified(notice: VerifiedNotice): void;
  /** Verify found no ID of unknown fate sent to this Vault. */
  nothingToVerify(vault: VaultEntry): void;
}

export const windowPrompts: CancelPrompts = {
  confirm: confirmCancel,

  nothingToCancel(source, problems) {
    void vscode.window.showWarningMessage(problems === 0 ? l10n.t('No job IDs to cancel in {0}.', source)
      : plural(problems, {
        one: l10n.t('No job IDs to cancel in {0}; {1} selected value is not a job ID (see Problems).', source, problems),
        other: l10n.t('No job IDs to cancel in {0}; {1} selected values are not job IDs (see Problems).', source, problems),
      }));
  },

  tooManyValues(source, most) {
    void vscode.window.showErrorMessage(l10n.t('Nothing was sent: the selection in {0} holds more job IDs and other values than one run takes ({1}). Select fewer; Problems shows where the limit is passed.', source, most.toLocaleString()));
  },

  apiTooOld(vault, apiVersion) {
    void showWithSettingButton(vscode.window.showErrorMessage, l10n.t(
      'Cancelling jobs needs Vault API {0} or later, and {1} is set to {2} in the setting {3} ("apiVersion"). Remove it or set {0} or later.',
      minimumCancelVersion, vault.name, apiVersion, settingIds.vaults), settingIds.vaults);
  },

  async summary({ vault, text, warn, canRetry, canVerify }) {
    const showOutput = l10n.t('Show Output');
    const retryFailed = l10n.t('Retry Failed');
    const verify = l10n.t('Verify');
    const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(l10n.t({ message: '{0}: {1}.', args: [vault.name, text], comment: ['{0}: Vault name, {1}: e.g. "12 accepted, 3 not eligible"'] }), showOutput, ...(canVerify ? [verify] : []), ...(canRetry ? [retryFailed] : []));
    return choice === showOutput ? 'showOutput' : choice === retryFailed ? 'retryFailed' : choice === verify ? 'verify' : undefined;
  },

  verified({ vault, checked, text, checkError }) {
    const message = plural(checked, {
      one: l10n.t({ message: '{0}: checked {1} job of unknown fate: {2}.', args: [vault.name, checked, text], comment: ['{0}: Vault name, {1}: number of jobs, {2}: e.g. "3 accepted, 1 failed"'] }),
      other: l10n.t({ message: '{0}: checked {1} jobs of unknown fate: {2}.', args: [vault.name, checked, text], comment: ['{0}: Vault name, {1}: number of jobs, {2}: e.g. "3 accepted, 1 failed"'] }),
    });
    if (checkError) void vscode.window.showWarningMessage(l10n.t('{0} Some could not be checked: {1}', message, checkError));
    else void vscode.window.showInformationMessage(message);
  },

  nothingToVerify(vault) {
    void vscode.window.showInformationMessage(l10n.t('No job sent to {0} is of unknown fate.', vault.name));
  },
};

async function confirmCancel(confirmation: CancelConfirmation): Promise<ConfirmChoice> {
  const { vault, distinct, eligibility, scheduled = 0 } = confirmation;
  const all = scheduled > 0
    ? plural(distinct, { one: l10n.t('Cancel the {0} Queued Job', distinct), other: l10n.t('Cancel the {0} Queued Jobs', distinct) })
    : plural(distinct, { one: l10n.t('Cancel {0} Job', distinct), other: l10n.t('Cancel {0} Jobs', distinct) });
  // IDs the check could not confirm go with the eligible: the Active list gave no evidence against them.
  const eligible = eligibility?.kind === 'checked' ? eligibility.eligibility.eligible.length + eligibility.eligibility.unconfirmed.length : 0;
  // Offered only when it differs from "all": some IDs will be refused, and some will not.
  const onlyEligible = eligible > 0 && eligible < distinct
    ? plural(eligible, { one: l10n.t('Cancel Only the {0} Eligible Job', eligible), other: l10n.t('Cancel Only the {0} Eligible Jobs', eligible) }) : undefined;
  const withScheduled = scheduled > 0
    ? l10n.t({ message: 'Cancel the {0} Queued and the {1} Scheduled', args: [distinct, scheduled], comment: ['{0}, {1}: counts of jobs'] }) : undefined;
  const choices: ConfirmItem[] = [
    ...(onlyEligible ? [{ label: onlyEligible, choice: 'eligibleOnly' as const }] : []),
    { label: all, choice: true },
    ...(withScheduled ? [{ label: withScheduled, choice: 'withScheduled' as const }] : []),
  ];
  const title = vault.production
    ? plural(distinct, {
      one: l10n.t({ message: 'Cancel {0} job on PRODUCTION Vault {1}?', args: [distinct, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
      other: l10n.t({ message: 'Cancel {0} jobs on PRODUCTION Vault {1}?', args: [distinct, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
    })
    : plural(distinct, {
      one: l10n.t({ message: 'Cancel {0} job on {1}?', args: [distinct, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
      other: l10n.t({ message: 'Cancel {0} jobs on {1}?', args: [distinct, vault.name], comment: ['{0}: count, {1}: Vault name'] }),
    });
  const choice = await askToConfirm(title, confirmationFacts(confirmation), choices);
  if (!choice) return choice;
  const count = choice === 'eligibleOnly' ? eligible : choice === 'withScheduled' ? distinct + scheduled : distinct;
  const typedName = await passesProductionGuard(vault, plural(count, {
    one: l10n.t('Type the Vault\'s name, {0}, to cancel {1} job', vault.name, count),
    other: l10n.t('Type the Vault\'s name, {0}, to cancel {1} jobs', vault.name, count),
  }));
  return typedName ? choice : false;
}

/** One line of the confirmation: a short `text`, and `more` on a second line when one would be too long to read whole. */
export interface ConfirmationFact {
  readonly text: string;
  readonly more?: string;
}

/**
 * Characters a line of the quick pick shows whole at its narrowest usual width (600 px, VS Code's
 * largest, which it takes in any window of 970 px or more). The workbench test measures the rendered
 * rows, so a longer translation or a wider font shows up there.
 */
const lineLength = 72;

/** `sentence` as one fact: up to `lineLength` characters on the first line, the rest (from a word break) on the second. */
export function factOf(sentence: string): ConfirmationFact {
  if (sentence.length <= lineLength) return { text: sentence };
  const cut = sentence.lastIndexOf(' ', lineLength);
  const at = cut > lineLength / 2 ? cut : lineLength;
  return { text: sentence.slice(0, at).trimEnd(), more: sentence.slice(at).trimStart() };
}

/**
 * What the confirmation says, one fact a line, so each is read whole rather than cut off or shown
 * only on hover: the Vault, where the IDs came from (the job itself when there is one), what the
 * eligibility check found, what else is left out, and what cancelling does.
 */
export function confirmationFacts({ vault, distinct, duplicates, problems, source, eligibility, job, scheduled = 0 }: CancelConfirmation): ConfirmationFact[] {
  const sentences = [
    vault.production
      ? l10n.t({ message: 'Vault: {0} ({1}), a production Vault.', args: [vault.name, vault.dns], comment: ['{0}: Vault name, {1}: its host'] })
      : l10n.t({ message: 'Vault: {0} ({1}).', args: [vault.name, vault.dns], comment: ['{0}: Vault name, {1}: its host'] }),
    job
      ? (job.title
        ? l10n.t({ message: 'Job {0}: {1}, from {2}.', args: [job.id, job.title, source], comment: ['{0}: job ID, {1}: its title, {2}: a file name or "the Jobs view (1 selected)"'] })
        : l10n.t({ message: 'Job {0}, from {1}.', args: [job.id, source], comment: ['{0}: job ID, {1}: a file name or "the Jobs view (1 selected)"'] }))
      : plural(distinct, {
        one: l10n.t({ message: '{0} distinct job ID from {1}.', args: [distinct, source], comment: ['{1}: a file name or "the Jobs view (3 selected)"'] }),
        other: l10n.t({ message: '{0} distinct job IDs from {1}.', args: [distinct, source], comment: ['{1}: a file name or "the Jobs view (3 selected)"'] }),
      }),
    ...(eligibility ? describeEligibilityFacts(eligibility) : []),
    scheduled ? plural(scheduled, {
      one: l10n.t('{0} more is scheduled: it stays unless you choose to cancel it too, which stops that run of its schedule.', scheduled),
      other: l10n.t('{0} more are scheduled: they stay unless you choose to cancel them too, which stops those runs of their schedule.', scheduled),
    }) : '',
    duplicates ? plural(duplicates, { one: l10n.t('{0} duplicate will be sent once.', duplicates), other: l10n.t('{0} duplicates will be sent once.', duplicates) }) : '',
    problems ? plural(problems, {
      one: l10n.t('{0} selected value is not a job ID and will not be sent.', problems),
      other: l10n.t('{0} selected values are not job IDs and will not be sent.', problems),
    }) : '',
    l10n.t('Scheduled, queued and queueing jobs move to CANCELLING.'),
    l10n.t('This cannot be undone.'),
  ];
  return sentences.filter(Boolean).map(factOf);
}

/** "412 are scheduled/queued and will be cancelled; 88 are running or finished and Vault will refuse them; 3 are unknown to this Vault." */
export function describeEligibility(check: EligibilityCheck): string {
  if (check.kind === 'skipped') return l10n.t('Which of them Vault will accept was not checked: {0}.', check.message);
  return l10n.t('{0}.', eligibilityParts(check).join(l10n.t('; ')));
}

/** The same, one sentence a fact: "412 are scheduled/queued and will be cancelled." */
function describeEligibilityFacts(check: EligibilityCheck): string[] {
  if (check.kind === 'skipped') return [describeEligibility(check)];
  return eligibilityParts(check).map((part) => l10n.t('{0}.', part));
}

function eligibilityParts(check: Extract<EligibilityCheck, { kind: 'checked' }>): string[] {
  const { eligible, refused, notActive, unconfirmed, unknown } = check.eligibility;
  return [
    plural(eligible.length, {
      one: l10n.t('{0} is scheduled/queued and will be cancelled', eligible.length),
      other: l10n.t('{0} are scheduled/queued and will be cancelled', eligible.length),
    }),
    !unconfirmed.length ? '' : check.listNotWhole === 'cut'
      ? plural(unconfirmed.length, {
        one: l10n.t('{0} could not be checked because the Active list could not be read to its end; it is sent and Vault answers for it', unconfirmed.length),
        other: l10n.t('{0} could not be checked because the Active list could not be read to its end; they are sent and Vault answers for each', unconfirmed.length),
      })
      : plural(unconfirmed.length, {
        one: l10n.t('{0} could not be checked because the Active list changed while it was read; it is sent and Vault answers for it', unconfirmed.length),
        other: l10n.t('{0} could not be checked because the Active list changed while it was read; they are sent and Vault answers for each', unconfirmed.length),
      }),
    refused.length ? plural(refused.length, {
      one: l10n.t('{0} is running or finished and Vault will refuse it', refused.length),
      other: l10n.t('{0} are running or finished and Vault will refuse them', refused.length),
    }) : '',
    notActive.length ? plural(notActive.length, {
      one: l10n.t('{0} is not active (finished, or unknown to this Vault) and Vault will refuse it', notActive.length),
      other: l10n.t('{0} are not active (finished, or unknown to this Vault) and Vault will refuse them', notActive.length),
    }) : '',
    unknown.length ? plural(unknown.length, { one: l10n.t('{0} is unknown to this Vault', unknown.length), other: l10n.t('{0} are unknown to this Vault', unknown.length) }) : '',
  ].filter(Boolean);
}

interface ConfirmItem { readonly label: string; readonly choice: ConfirmChoice }

/**
 * A quick pick whose first, highlighted item keeps the jobs: cancelling takes a move to another item
 * (or a click on it). Not a modal dialog: VS Code's dialogs focus the first button that is not the
 * close affordance, so a modal could only default to a destructive button, or show the safe choice
 * twice ("Keep Jobs" and VS Code's own "Cancel", beside "Cancel 3 Jobs"). One prompt also behaves
 * the same in desktop and browser VS Code, where modals are often refused. The facts follow the
 * choices, each on its own rows (a quick pick cuts a long line and shows an item's detail in full
 * only on hover); choosing one of them does nothing. Resolves to the chosen item's choice, false for none.
 */
async function askToConfirm(title: string, facts: readonly ConfirmationFact[], items: readonly ConfirmItem[]): Promise<ConfirmChoice> {
  type Row = vscode.QuickPickItem & { readonly choice?: ConfirmChoice };
  const keep: Row = { label: `$(circle-slash) ${l10n.t('Don\'t cancel any jobs')}`, choice: false };
  const rows: Row[] = [
    keep,
    ...items.map((item): Row => ({ label: `$(warning) ${item.label}`, choice: item.choice })),
    // No label: a separator's label shares the next row's line and would cut its fact.
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...facts.map((fact): Row => ({ label: `$(info) ${fact.text}`, ...(fact.more ? { detail: fact.more } : {}) })),
  ];
  const pick = vscode.window.createQuickPick<Row>();
  pick.title = title;
  pick.ignoreFocusOut = true;
  pick.placeholder = items.length === 1 ? l10n.t('Nothing is cancelled unless you choose "{0}"', items[0].label) : l10n.t('Nothing is cancelled unless you choose one of the cancel items');
  pick.items = rows;
  pick.activeItems = [keep];
  try {
    return await new Promise<ConfirmChoice>((resolve) => {
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems;
        if (chosen?.choice === undefined) return; // a fact: the question stays open
        resolve(chosen.choice);
      });
      pick.onDidHide(() => resolve(false));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}
