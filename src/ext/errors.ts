import type { Redactor } from '../core/log';
import { errorMessage } from '../core/errorMessage';

/** One line for a notification or a tree message: the error's message, with every known secret removed. */
export function describeError(error: unknown, redactor: Redactor): string {
  return redactor.redact(errorMessage(error));
}
