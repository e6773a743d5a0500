// The one final outcome each distinct job ID gets from a cancel run, and how it maps back to every
// place the ID was given (a file can name the same ID many times).

export type CancelOutcome =
  /** verified: established by a status or list check after a request whose answer did not settle it. */
  | { kind: 'accepted'; state: 'CANCELLING' | 'CANCELLED'; verified: boolean }
  /** cancelledBefore: a check after the run showed it cancelled before the run started. */
  | { kind: 'notEligible'; errorType: string; message: string; cancelledBefore?: boolean }
  | { kind: 'invalidInput'; message: string }
  /**
   * Never sent: the run was stopped (the ID can be submitted again as is), or `leftOut`: the user chose
   * at the confirmation to send only the jobs Vault would accept, so a retry does not offer it again.
   */
  | { kind: 'notSent'; reason: string; leftOut?: true }
  /**
   * Sent, with no usable answer (lost, or not saying what became of this ID), and Vault's job status
   * could not be read to settle it: it may have been cancelled. Never sent again before a check.
   */
  | { kind: 'unknown'; reason: string }
  /** Established as not cancelled: Vault refused the request, it never left, or Vault shows the job not cancelled. */
  | { kind: 'failed'; reason: string; errorType?: string };

export type CancelOutcomeKind = CancelOutcome['kind'];

export const outcomeKinds: readonly CancelOutcomeKind[] = ['accepted', 'notEligible', 'invalidInput', 'notSent', 'unknown', 'failed'];

export interface CancelProgress {
  requestsDone: number;
  requestsTotal: number;
  idsDone: number;
  idsTotal: number;
  counts: Record<CancelOutcomeKind, number>;
  /** During the optional follow-up: accepted IDs not yet seen CANCELLED. */
  followUpRemaining?: number;
}

export interface CancelRunResult {
  outcomes: Map<number, CancelOutcome>;
  /** Cancel requests that left this process (including retries). */
  requestsSent: number;
  stopped: boolean;
}

/** Vault job IDs are positive integers; anything else would be refused or, worse, mean another job. */
export function invalidJobIdReason(id: number): string | undefined {
  if (typeof id !== 'number' || Number.isNaN(id)) return 'not a number';
  if (!Number.isInteger(id)) return `${id} is not a whole number`;
  if (id <= 0) return `${id} is not a positive job ID`;
  if (!Number.isSafeInteger(id)) return `${id} is too large to be a job ID`;
  return undefined;
}

export function countOutcomes(outcomes: Iterable<CancelOutcome>): Record<CancelOutcomeKind, number> {
  const counts = Object.fromEntries(outcomeKinds.map((kind) => [kind, 0])) as Record<CancelOutcomeKind, number>;
  for (const outcome of outcomes) counts[outcome.kind]++;
  return counts;
}

/** Joins clauses of one reason with "; ", dropping the full stop that ends all but the last (Vault's messages end with one). */
export function joinReasons(...clauses: string[]): string {
  return clauses.map((clause, i) => (i < clauses.length - 1 ? withoutFinalStop(clause) : clause)).join('; ');
}

/**
 * `text` without its trailing full stops and white space. A backward scan, linear whatever the text:
 * the regular expression /[.\s]+$/ retried from every dot of a long run of ". ", which a server can send.
 */
function withoutFinalStop(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || /\s/.test(text[end - 1]))) end--;
  return text.slice(0, end);
}

/**
 * One plain line for the output channel and for diagnostics. Vault's error type ends the line unless
 * `withErrorType` is false: a diagnostic shows it as its code already, after the message.
 */
export function describeOutcome(outcome: CancelOutcome, { withErrorType = true } = {}): string {
  const errorType = (type: string | undefined) => (withErrorType && type ? ` (${type})` : '');
  switch (outcome.kind) {
    case 'accepted':
      return `${outcome.state === 'CANCELLED' ? 'Cancelled' : 'Cancelling'}${outcome.verified ? ' (confirmed by a status check)' : ''}`;
    case 'notEligible':
      return `Not eligible for cancellation: ${outcome.message || outcome.errorType}${errorType(outcome.errorType)}`;
    case 'invalidInput':
      return `Not a valid job ID: ${outcome.message}`;
    case 'notSent':
      return `Not sent: ${outcome.reason}`;
    case 'unknown':
      return `Unknown: sent, but whether Vault cancelled it is not known: ${outcome.reason}`;
    case 'failed':
      return `Failed: ${failedReason(outcome.reason, outcome.errorType, withErrorType)}`;
  }
}

/**
 * A failed request's reason often quotes Vault's error already ("The Cancel Job request failed:
 * OPERATION_NOT_ALLOWED: …"): the type is named once, and not at all where it is shown apart (a
 * diagnostic's code).
 */
function failedReason(reason: string, errorType: string | undefined, withErrorType: boolean): string {
  if (!errorType) return reason;
  const quoted = `${errorType}: `;
  if (!reason.includes(quoted) && !reason.endsWith(errorType)) return withErrorType ? `${reason} (${errorType})` : reason;
  return withErrorType ? reason : reason.replace(quoted, '');
}

/**
 * Every occurrence with its ID's outcome; later occurrences of an ID point to the first one, so a
 * file can show "same as line 3" instead of repeating a cancel that was sent once.
 */
export function outcomesForOccurrences<T extends { id: number }>(
  occurrences: readonly T[],
  result: CancelRunResult,
): { occurrence: T; outcome: CancelOutcome; duplicateOf?: T }[] {
  const first = new Map<number, T>();
  return occurrences.map((occurrence) => {
    const outcome = result.outcomes.get(occurrence.id) ?? { kind: 'failed', reason: 'this ID was not part of the cancel run' };
    const original = first.get(occurrence.id);
    if (original === undefined) {
      first.set(occurrence.id, occurrence);
      return { occurrence, outcome };
    }
    return { occurrence, outcome, duplicateOf: original };
  });
}
