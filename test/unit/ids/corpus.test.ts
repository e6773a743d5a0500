// Every file of test/fixtures/ids against its hand-written expectation (format: its README.md).
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { extractJobIds, type Extraction, type IdFormat, type TextSpan } from '../../../src/core/ids';

export const CORPUS_DIR = path.resolve(__dirname, '../../../../test/fixtures/ids');

type Locator = string;
type SelectionSpec =
  | { text: Locator }
  | { cursor: Locator; offset: number }
  | { from: Locator | [number, number]; to?: Locator | [number, number]; until?: Locator };

interface Expected {
  format: IdFormat;
  select: 'all' | SelectionSpec[];
  ids: string[];
  problems: [string, string][];
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => !f.endsWith('.expected.json') && f !== 'README.md').sort();
}

export function readCorpusFile(name: string): string {
  return readFileSync(path.join(CORPUS_DIR, name), 'utf8');
}

/** `text@n`: the n-th appearance in the file; plain `text`: the first at or after `from`. */
function locate(text: string, locator: Locator, from: number, wholeNumber = false): TextSpan {
  const at = /^(.*)@(\d+)$/s.exec(locator);
  const needle = at ? at[1] : locator;
  let nth = at ? Number(at[2]) : 1;
  let i = at ? -1 : from - 1;
  for (;;) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `locator ${JSON.stringify(locator)} not found`);
    const whole = !wholeNumber || (!/\d/.test(text[i - 1] ?? '') && !/\d/.test(text[i + needle.length] ?? ''));
    if (whole && --nth === 0) return { start: i, end: i + needle.length };
  }
}

function lineColumn(text: string, [line, column]: [number, number]): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const m = /\r\n|\n|\r/g;
    m.lastIndex = offset;
    const found = m.exec(text);
    assert.ok(found, `line ${line} not in file`);
    offset = found.index + found[0].length;
  }
  return offset + column;
}

function selection(text: string, spec: SelectionSpec): TextSpan {
  if ('text' in spec) return locate(text, spec.text, 0);
  if ('cursor' in spec) {
    const at = locate(text, spec.cursor, 0).start + spec.offset;
    return { start: at, end: at };
  }
  if (Array.isArray(spec.from)) return { start: lineColumn(text, spec.from), end: lineColumn(text, spec.to as [number, number]) };
  const from = locate(text, spec.from, 0);
  if (spec.until !== undefined) return { start: from.start, end: locate(text, spec.until, from.end).start };
  return { start: from.start, end: locate(text, String(spec.to), from.end).end };
}

/** The expectation with its locators resolved to offsets. */
export function expectedExtraction(text: string, expected: Expected): Extraction {
  let cursor = 0;
  const occurrences = expected.ids.map((digits) => {
    const range = locate(text, digits, cursor, true);
    cursor = range.end;
    return { id: Number(digits.replace(/@\d+$/, '')), range };
  });
  cursor = 0;
  const problems = expected.problems.map(([locator, message]) => {
    const range = locate(text, locator, cursor);
    cursor = range.end;
    return { range, message };
  });
  return { occurrences, idCount: occurrences.length, problems, problemCount: problems.length };
}

export function expectedSelections(text: string, expected: Expected): TextSpan[] {
  return expected.select === 'all' ? [{ start: 0, end: text.length }] : expected.select.map((s) => selection(text, s));
}

export function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(path.join(CORPUS_DIR, `${name}.expected.json`), 'utf8')) as Expected;
}

describe('job ID corpus (test/fixtures/ids)', () => {
  const files = corpusFiles();

  it('has at least 60 documents, each with an expectation', () => {
    assert.ok(files.length >= 60, `${files.length} files`);
    for (const f of files) assert.doesNotThrow(() => readExpected(f), f);
  });

  for (const file of files) {
    it(file, () => {
      const text = readCorpusFile(file);
      const expected = readExpected(file);
      const actual = extractJobIds(text, expected.format, expectedSelections(text, expected));
      assert.deepStrictEqual(actual, expectedExtraction(text, expected));
      for (const o of actual.occurrences) assert.strictEqual(Number(text.slice(o.range.start, o.range.end)), o.id);
    });
  }

  it('a CSV with a 1 MB line (generated): the ID before and after it, the long cell a problem', () => {
    const long = 'x'.repeat(1024 * 1024);
    const head = `job_id,title\n5001,"${long}"\n`;
    const text = `${head}${long}\n5002,b\n`;
    const r = extractJobIds(text, 'csv', [{ start: 0, end: text.length }]);
    assert.deepStrictEqual(r.occurrences.map((o) => [o.id, text.slice(o.range.start, o.range.end)]), [[5001, '5001'], [5002, '5002']]);
    assert.deepStrictEqual(r.problems.map((p) => [p.range.start, p.range.end - p.range.start, p.message]), [
      [head.length, long.length, `"${'x'.repeat(37)}…" is not a job ID: job IDs are written with digits only`],
    ]);
  });
});
