// IDs typed in the palette: separated by commas, semicolons, spaces or lines. Everything typed was
// meant as an ID, so every token that is not one is a problem (unlike plain text in a file, where
// words are just words).
import { classify, plainIdAt } from './jobId';
import { Collector } from './collector';
import type { Extraction } from './types';

/** Whitespace as `\s` knows it (the IDs box may hold text pasted from anywhere), a comma or a semicolon. */
function isSeparator(c: number): boolean {
  return c === 44 || c === 59 || c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function parseTypedIds(input: string): Extraction {
  const out = new Collector();
  // Scanned by hand: a regular expression's match objects cost more than the IDs on a long paste.
  for (let i = 0; i < input.length && !out.full; ) {
    while (i < input.length && isSeparator(input.charCodeAt(i))) i++;
    const start = i;
    while (i < input.length && !isSeparator(input.charCodeAt(i))) i++;
    if (i === start) continue;
    const id = plainIdAt(input, start, i);
    if (id > 0) out.addId(id, start, i);
    else out.add(classify(input, start, i));
  }
  return out.finish();
}
