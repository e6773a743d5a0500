// Seeded random CSV for property tests: the same seed gives the same text, so a failure is
// reproducible from the seed in its test name.
import { seededRandom } from '../../simulator/seededRandom';

const PIECES = ['123', '4567', '0', ' 89 ', 'abc', 'é', '🚀', '12.5', '-3', ',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', 'x'];

export interface RandomCsv {
  text: string;
  delimiter: ',' | ';' | '\t' | '|';
}

/** Fields of random pieces, each quoted per RFC 4180 when needed (or at random), rows ended by random
 * line endings; with `hostile`, stray quotes and text after closing quotes too. */
export function randomCsv(seed: number, hostile: boolean): RandomCsv {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const delimiter = pick([',', ';', '\t', '|'] as const);
  const eols = ['\n', '\r\n', '\r'];
  const rows = 1 + Math.floor(r() * 12);
  const columns = 1 + Math.floor(r() * 5);
  let text = r() < 0.2 ? '\ufeff' : '';
  for (let i = 0; i < rows; i++) {
    const n = hostile && r() < 0.3 ? 1 + Math.floor(r() * 7) : columns;
    const fields: string[] = [];
    for (let j = 0; j < n; j++) {
      let v = '';
      const len = Math.floor(r() * 4);
      for (let k = 0; k < len; k++) v += pick(PIECES);
      if (r() < 0.02) v += '\u0000'; // rare: see CSV_PARSE_NUL_QUIRK
      const needs = /["\r\n]/.test(v) || v.includes(delimiter);
      if (needs || r() < 0.2) v = `"${v.replace(/"/g, '""')}"`;
      if (hostile && r() < 0.05) v += pick(['x', '1', ' ']); // text after a closing quote (or none)
      if (hostile && r() < 0.05 && !v.startsWith('"')) v = `${v}"x`; // a stray quote in a plain field
      fields.push(v);
    }
    text += fields.join(delimiter);
    if (i < rows - 1 || r() < 0.5) text += pick(eols);
  }
  return { text, delimiter };
}
