// Job IDs in a selection, with exact ranges: the entry points the extension layer calls.
// Pure: no `vscode` here; offsets in, offsets out.
import { extractCsv } from './csvSelection';
import { extractJson } from './jsonSelection';
import { extractPlainText } from './plainText';
import type { Extraction, IdFormat, TextSpan } from './types';

export type { Extraction, IdFormat, IdOccurrence, TextSpan } from './types';
export { MOST_PROBLEMS_LISTED, MOST_VALUES_PER_SELECTION } from './collector';
export { idFormatFor } from './format';
export { JsonCursorIndex, type TextChange } from './jsonCursorIndex';
export { mayHoldContextChars, selectionMayHoldIds } from './mayHold';
export { parseTypedIds } from './typedIds';
export { shiftSpan } from './spanShift';

/** Selections are spans; an empty span (start === end) is a cursor, which means what select-all
 * would give for what it stands in: the cell (or the row, in an export with a job ID column), the
 * JSON value or job object, the token. The rules are in each extractor. */
export function extractJobIds(text: string, format: IdFormat, selections: readonly TextSpan[]): Extraction {
  switch (format) {
    case 'csv':
    case 'tsv':
      return extractCsv(text, format, selections);
    case 'json':
      return extractJson(text, true, selections);
    case 'jsonc':
      return extractJson(text, false, selections);
    case 'plaintext':
      return extractPlainText(text, selections);
  }
}
