// What a command's argument must look like to be used. VS Code hands commands whatever their caller
// had: the selected tree item (view toolbars and item menus), a file's URI (explorer and editor
// menus), nothing (palette, keybindings), or an object from a link, another extension or a test.
// Each guard accepts only its own shape, checked field by field, so a foreign value is ignored
// (the command then asks, or does its default) instead of being half-read and crashing it.
// Pure: no `vscode` here; the guards that need VS Code types live beside the commands.

export type ArgumentGuard<T> = (value: unknown) => value is T;

/** An object literal (or JSON), not a class instance such as a tree item or a URI. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

export function isIdArray(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'number' && Number.isSafeInteger(id) && id > 0);
}

export function isSpanArray(value: unknown): value is readonly { start: number; end: number }[] {
  return Array.isArray(value) && value.every((span) => isPlainObject(span)
    && Number.isSafeInteger(span.start) && Number.isSafeInteger(span.end) && (span.start as number) >= 0 && (span.start as number) <= (span.end as number));
}

/** A plain object whose listed fields, where present, have the listed types; other fields are left alone. */
export function plainObjectOf<T>(fields: Record<string, 'string' | 'boolean' | 'string[]' | 'number[]'>): ArgumentGuard<T> {
  return (value: unknown): value is T => isPlainObject(value) && Object.entries(fields).every(([name, type]) => {
    const field = value[name];
    if (field === undefined) return true;
    switch (type) {
      case 'string[]': return Array.isArray(field) && field.every((item) => typeof item === 'string');
      case 'number[]': return isIdArray(field);
      default: return typeof field === type;
    }
  });
}

/** The arguments at each position that their guards accept; every other one becomes undefined. */
export function acceptedArguments(guards: readonly ArgumentGuard<unknown>[], args: readonly unknown[]): unknown[] {
  return guards.map((accepts, index) => (accepts(args[index]) ? args[index] : undefined));
}
