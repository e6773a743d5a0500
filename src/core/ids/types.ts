// Plain data shared by every extractor. Offsets are UTF-16 code unit offsets into the document's
// text (what VS Code's `document.positionAt` takes), so the extension layer maps them without care.

export type IdFormat = 'csv' | 'tsv' | 'json' | 'jsonc' | 'plaintext';

/** UTF-16 offsets, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface IdOccurrence {
  id: number;
  /** Covers exactly the ID's digits (never the quotes or spaces around them). */
  range: TextSpan;
}

export interface IdProblem {
  range: TextSpan;
  message: string;
}

/** Both lists in document order, each range at most once. */
export interface Extraction {
  /** Built on first read: `idCount` tells how many without building them. */
  readonly occurrences: IdOccurrence[];
  readonly idCount: number;
  /** At most MOST_PROBLEMS_LISTED (collector.ts), then one that says how many more there were. */
  readonly problems: IdProblem[];
  /** How many problems there are, listed or not. */
  readonly problemCount: number;
  /** The selection holds more job IDs than one run takes (see collector.ts): then `occurrences` is
   * empty and `problems` is the one problem saying so, where the limit is passed. */
  readonly tooManyValues?: true;
}
