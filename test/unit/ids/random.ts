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

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Pieces a damaged or hand-edited JSON text is made of, each chosen to reach a branch of either reading. */
const VALUES = [
  '1', '1046892', '0', '-0', '-1', '12.5', '1e5', '1E+5', '2e-3', '1.', '1e', '1e+', '1.e5', '-', '--1', '007', '-007', '0123',
  '12a34', '1046892abc', '1-1-1', '-0-0', '1\u200b2', '1\u00a02', '1\ufeff',
  '"5"', '"abc"', '""', '"\\x"', '"\\u12"', '"\\u0041"', '"\\n\\t\\"\\\\\\/"', '"a\u0001b"', '"\\', '"cut\n', '"\\u"', '"\u00e9🚀"',
  'true', 'false', 'null', 'tru', 'nullx', 'abc', '*', '/', '#',
];
const SEPARATORS = [',', ',', ',', ' ', '', ',,', ' , ', '\r\n', '\t', ', ', '\u00a0', '\ufeff'];
const INSERTS = ['/* c */', '// c\n', '/*/', '/*', '[', ']', '{', '}', ':', '"id": ', '"job_id": ', '"ids": [', '"x": [', '{"id": [', '*/'];

/** A JSON or JSONC text in pieces of every kind the reader meets, with long runs of one entry and
 * often cut: damaged or hand-edited text. */
export function randomDamagedJson(r: Random): string {
  let text = r() < 0.1 ? '\ufeff' : '';
  text += pick(r, ['[', '[', '{"ids": [', '{"data": [', '{"x": [', '', '{"job_id": ', '[[']);
  const parts = 1 + Math.floor(r() * 30);
  for (let p = 0; p < parts; p++) {
    const roll = r();
    if (roll < 0.12) text += pick(r, INSERTS);
    else if (roll < 0.2) {
      // A long run of one entry: past the problems listed.
      const unit = pick(r, VALUES) + pick(r, SEPARATORS);
      text += unit.repeat(200 + Math.floor(r() * 1200));
    } else text += pick(r, VALUES) + pick(r, SEPARATORS);
  }
  if (r() < 0.5) text += pick(r, [']', ']}', ']]', '}', ' ]', ',]']);
  // A comment never closed: where the scanner stops depends on how the text ends.
  if (r() < 0.15) text += pick(r, ['/*', '/*\r\n', '/* x\r', ' /*/', '// x\r\n']);
  return r() < 0.3 ? text.slice(0, Math.floor(r() * (text.length + 1))) : text;
}
