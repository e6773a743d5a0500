// IDs typed in the palette: separated by commas, semicolons, spaces or lines. Everything typed was
// meant as an ID, so every token that is not one is a problem (unlike plain text in a file, where
// words are just words).
import { classify } from './jobId';
import { Collector } from './spans';
import type { Extraction } from './types';

export function parseTypedIds(input: string): Extraction {
  const out = new Collector();
  for (const m of input.matchAll(/[^\s,;]+/g)) out.add(classify(input, m.index, m.index + m[0].length));
  return out.finish();
}
