// Keeps a span on the same text while the document is edited elsewhere: the edits of one change
// event shift it; an edit that touches it means the text it described is gone.
import type { TextSpan } from './types';

/** One replacement, in offsets of the text before the event (as VS Code reports them). */
export interface TextEdit {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  /** Length of the inserted text. */
  readonly insertedLength: number;
}

/**
 * Where `span` stands after `edits` (which do not overlap each other and all refer to the text before
 * them), or undefined when one of them changes text inside the span. An insertion exactly at the
 * span's start moves it; one exactly at its end leaves it in place.
 */
export function shiftSpan(span: TextSpan, edits: readonly TextEdit[]): TextSpan | undefined {
  let shift = 0;
  for (const edit of edits) {
    const editEnd = edit.rangeOffset + edit.rangeLength;
    if (editEnd <= span.start) shift += edit.insertedLength - edit.rangeLength;
    else if (edit.rangeOffset < span.end) return undefined;
  }
  return { start: span.start + shift, end: span.end + shift };
}
