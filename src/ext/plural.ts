import * as vscode from 'vscode';
import { pluralForm, type PluralForms } from '../core/plural';

/**
 * The form of a message for `count` in VS Code's display language. Each form is a literal passed to
 * `vscode.l10n.t` where it is written, with the count among its arguments (a language's `one` may
 * cover 21 or 0, so no form spells the number), and the bundle holds each one to translate.
 */
export function plural(count: number, forms: PluralForms): string {
  return pluralForm(vscode.env.language, count, forms);
}
