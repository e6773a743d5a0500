import type { Redactor } from '../core/log';

/** One line for a notification: the error's message, with every known secret removed. */
export function describeError(error: unknown, redactor: Redactor): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactor.redact(message);
}
