// How each kind of result looks, alike in the editor's decorations and the Cancel Results view: its
// name, its colour (a theme colour, so it follows the user's theme), its gutter icon (light and dark).
import * as vscode from 'vscode';
import type { ResultKind } from '../../core/cancel';
import type { ResultEntry } from './cancelResults';

const { l10n } = vscode;

interface KindLook {
  readonly color: string;
  /** Base name of the gutter icons in media/results (`<name>-light.svg`, `<name>-dark.svg`). */
  readonly icon: string;
  /** The product icon of the view's rows. */
  readonly codicon: string;
}

const looks: Record<ResultKind, KindLook> = {
  accepted: { color: 'testing.iconPassed', icon: 'accepted', codicon: 'pass' },
  failed: { color: 'editorError.foreground', icon: 'failed', codicon: 'error' },
  unknown: { color: 'editorWarning.foreground', icon: 'unknown', codicon: 'question' },
  notSent: { color: 'editorWarning.foreground', icon: 'notSent', codicon: 'debug-pause' },
  notEligible: { color: 'descriptionForeground', icon: 'notEligible', codicon: 'circle-slash' },
  invalidInput: { color: 'descriptionForeground', icon: 'invalid', codicon: 'warning' },
  problem: { color: 'descriptionForeground', icon: 'invalid', codicon: 'warning' },
};

export function kindColor(kind: ResultKind): vscode.ThemeColor {
  return new vscode.ThemeColor(looks[kind].color);
}

export function kindIcon(kind: ResultKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(looks[kind].codicon, kindColor(kind));
}

export function kindGutterIcons(extensionUri: vscode.Uri, kind: ResultKind): { light: vscode.Uri; dark: vscode.Uri } {
  const icon = (theme: string) => vscode.Uri.joinPath(extensionUri, 'media', 'results', `${looks[kind].icon}-${theme}.svg`);
  return { light: icon('light'), dark: icon('dark') };
}

/** The group's name in the view. */
export function kindName(kind: ResultKind): string {
  switch (kind) {
    case 'accepted': return l10n.t('Accepted');
    case 'failed': return l10n.t('Failed');
    case 'unknown': return l10n.t('Unknown fate');
    case 'notSent': return l10n.t('Not sent');
    case 'notEligible': return l10n.t('Not eligible');
    case 'invalidInput': return l10n.t('Not a valid job ID');
    case 'problem': return l10n.t('Not a job ID');
  }
}

/** The few words after an occurrence in the editor; the hover has the whole outcome. */
export function shortOutcome(entry: Pick<ResultEntry, 'kind' | 'diagnostic'>): string {
  switch (entry.kind) {
    // An accepted result's code is its state, CANCELLING until its Vault lists it CANCELLED.
    case 'accepted': return entry.diagnostic.code === 'CANCELLED' ? l10n.t('cancelled') : l10n.t('cancelling');
    case 'failed': return l10n.t('failed');
    case 'unknown': return l10n.t('unknown — verify');
    case 'notSent': return l10n.t('not sent');
    case 'notEligible': return l10n.t('not eligible');
    case 'invalidInput':
    case 'problem': return l10n.t('not a job ID');
  }
}
