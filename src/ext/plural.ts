/**
 * The singular or plural form for `count`. Both forms come already localised, each a literal passed
 * to `vscode.l10n.t` where it is written, so the l10n bundle finds them (a helper that built the
 * message from parts could not be translated).
 */
export function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}
