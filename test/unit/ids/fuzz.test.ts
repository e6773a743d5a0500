// Property test of extraction on seeded random documents and selections (the project's one seeded
// generator, so a failing seed replays): for CSV, TSV, JSON, JSONC and plain text, whole or cut
// anywhere, nothing throws; every ID's range is exactly its digits; every ID comes from where the
// rules say (a row, job object or token a selection touches, never a created_by or owner id); every
// problem range is non-empty, inside the text and in order; nothing that could mean more than one
// thing is an ID (a cut-off `id`, a number written in groups of digits, digits joined by an
// invisible or grouping character, a leading zero). Then time stays linear: doubling the input three
// times must not multiply the time by much more than eight.
import * as assert from 'assert';
import { extractJobIds, parseTypedIds, type Extraction, type IdFormat, type TextSpan } from '../../../src/core/ids';
import { CsvTokenizer } from '../../../src/core/ids/csvTokenizer';
import { detectDelimiter } from '../../../src/core/ids/delimiter';
import { seededRandom } from '../../simulator/seededRandom';
import { assertWellFormed } from './helpers';
import { randomCsv } from './random';

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Selections may run backwards (the user dragged upwards). */
function touchesAny(sels: readonly TextSpan[], start: number, end: number): boolean {
  return sels.some((sel) => {
    const [a, b] = sel.start <= sel.end ? [sel.start, sel.end] : [sel.end, sel.start];
    return a === b ? start <= a && a <= end : start < b && a < end;
  });
}

function randomSelections(r: Random, length: number): TextSpan[] {
  if (r() < 0.15) return [{ start: 0, end: length }];
  return Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
    const a = Math.floor(r() * (length + 1));
    return { start: a, end: r() < 0.35 ? a : Math.floor(r() * (length + 1)) };
  });
}

/** A monitors-like response; records where each allowed ID is and the object that carries it. */
function randomJson(r: Random): { text: string; allowed: { start: number; end: number; scopeStart: number; scopeEnd: number }[] } {
  type Allowed = { start: number; end: number; scopeStart: number; scopeEnd: number; key: string };
  let allowed: Allowed[] = [];
  const runnersUp: Allowed[] = [];
  let text = r() < 0.2 ? '\ufeff' : '';
  const ws = () => pick(r, ['', ' ', '\n  ', '\r\n', '\t']);
  const idValue = () => pick(r, [String(1 + Math.floor(r() * 1e6)), `"${1 + Math.floor(r() * 1e6)}"`, '12.5', '"abc"', 'null', '-3', '"🚀1"', '0']);
  const title = () => `"${pick(r, ['Nightly', 'é\\"x', '🚀', '\\u0041', '1046892', ''])}"`;
  const job = () => {
    const objectStart = text.length;
    text += '{';
    const keys = pick(r, [['job_id'], ['id'], ['jobId', 'id'], ['id', 'job_id'], ['title']]);
    // job_id wins over id; a job-level object has one job ID at most.
    const winner = keys.find((k) => k === 'job_id' || k === 'jobId') ?? keys.find((k) => k === 'id');
    const members: (() => void)[] = keys.map((k) => () => {
      text += `"${k}":${ws()}`;
      const start = text.length;
      text += idValue();
      if (k !== 'title') (k === winner ? allowed : runnersUp).push({ start, end: text.length, scopeStart: objectStart, scopeEnd: -1, key: k });
    });
    members.push(() => (text += `"created_by": ${60000 + Math.floor(r() * 1000)}`));
    members.push(() => (text += `"owner": {"id": ${61000 + Math.floor(r() * 1000)}, "name": ${title()}}`));
    members.push(() => (text += `"title": ${title()}`));
    members.sort(() => r() - 0.5);
    members.forEach((m, i) => {
      if (i > 0) text += `,${ws()}`;
      m();
    });
    text += '}';
    for (const a of [...allowed, ...runnersUp]) if (a.scopeEnd < 0) a.scopeEnd = text.length;
  };
  text += `{"responseStatus": "SUCCESS",${ws()}"responseDetails": {"total": 3, "id": 77},${ws()}"data": [`;
  const jobs = Math.floor(r() * 6);
  for (let i = 0; i < jobs; i++) {
    if (i > 0) text += `,${ws()}`;
    job();
  }
  text += ']';
  if (r() < 0.5) {
    text += `, "ids": [`;
    for (let i = 0; i < 3; i++) {
      if (i > 0) text += ', ';
      const start = text.length;
      text += idValue();
      allowed.push({ start, end: text.length, scopeStart: start, scopeEnd: text.length, key: '' });
    }
    text += ']';
  }
  text += `${ws()}}`;
  if (r() < 0.3) {
    // Cut anywhere: what was allowed stays allowed where it is whole; its object now runs to the end.
    // An `id` never counts then, whether its job's job_id was cut or not: the root object is never
    // closed, and a job ID key after the cut would outrank it (runners-up stay out for that reason).
    text = text.slice(0, Math.floor(r() * text.length)) + pick(r, ['', '\n', ' ', '\r\n', '\t', '/* c */']);
    allowed = allowed.filter((a) => a.key !== 'id');
    for (const a of allowed) a.scopeEnd = Math.min(a.scopeEnd, text.length);
  }
  return { text, allowed };
}

const TOKEN_CHAR = /[\p{L}\p{N}_.:/+-]/u;

/** The plain-text token around [start, end), by code points (a slow, obvious reading). */
function tokenAround(text: string, start: number, end: number): TextSpan {
  const chars = Array.from(text);
  let offset = 0;
  const spans: { at: number; char: string }[] = chars.map((char) => {
    const at = offset;
    offset += char.length;
    return { at, char };
  });
  let i = spans.findIndex((s) => s.at === start);
  let j = spans.findIndex((s) => s.at === end - 1);
  while (i > 0 && TOKEN_CHAR.test(spans[i - 1].char)) i--;
  while (j + 1 < spans.length && TOKEN_CHAR.test(spans[j + 1].char)) j++;
  return { start: spans[i].at, end: spans[j].at + spans[j].char.length };
}

function randomPlain(r: Random): string {
  const pieces = ['123', ' ', '𝐀', '🚀', 'job', '12.5', '-3', '\n', '.', ':', ',', '1e6', '0x1F', 'é', '\ufeff', '99999999999999999999', '\t', '/', '"',
    '046', '1', '1046892', '\u200b', '\u00ad', '\u00a0', '\u202f', "'", ', '];
  return Array.from({ length: Math.floor(r() * 30) }, () => pick(r, pieces)).join('');
}

const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const GROUPS_ONLY = /['’\u00a0\u2007-\u200a\u202f]/;
const GROUPED = /^[1-9]\d{0,2}(?:[, '’\u00a0\u2007-\u200a\u202f]\d{3})+$/;

/** What goes on a word, in plain text and in the IDs box (all but separators and edge characters). */
const WORD_CHAR = { plain: /[\p{L}\p{N}_.:/+-]/u, typed: /[^,; \t\n\v\f\r\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u00a0\p{Cf}\p{Default_Ignorable_Code_Point}]/u };

/** Why the ID at [start, end) of plain text or typed text could mean something else, or undefined:
 * the rules of digitGroups.ts read the slow, obvious way, by regular expressions. */
function ambiguity(text: string, start: number, end: number, word: RegExp): string | undefined {
  if (text[start] === '0') return 'a leading zero';
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (/[\p{Cf}\p{Default_Ignorable_Code_Point}]+$/u.test(before) && /[\p{L}\p{N}_.:/+-]$/u.test(before.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]+$/u, ''))) return 'an invisible character before it';
  if (/^[\p{Cf}\p{Default_Ignorable_Code_Point}]+/u.test(after) && /^[\p{L}\p{N}_.:/+-]/u.test(after.replace(/^[\p{Cf}\p{Default_Ignorable_Code_Point}]+/u, ''))) return 'an invisible character after it';
  if (GROUPS_ONLY.test(before.slice(-1)) && /\d$/.test(before.slice(0, -1))) return 'a grouping character before it';
  if (GROUPS_ONLY.test(after.slice(0, 1)) && /^\d/.test(after.slice(1))) return 'a grouping character after it';
  for (const chain of text.matchAll(/\d+(?:[, '’\u00a0\u2007-\u200a\u202f]\d+)*/g)) {
    const [from, to] = [chain.index, chain.index + chain[0].length];
    const bounded = !new RegExp(`${word.source}$`, 'u').test(text.slice(0, from)) && !new RegExp(`^${word.source}`, 'u').test(text.slice(to).replace(/^[.:]+/, ''));
    if (from <= start && end <= to && bounded && GROUPED.test(chain[0])) return `a part of ${JSON.stringify(chain[0])}`;
  }
  return HIDDEN.test(text.slice(start, end)) ? 'an invisible character in it' : undefined;
}

function checkCsv(text: string, format: IdFormat, sels: TextSpan[], out: Extraction, label: string): void {
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const t = new CsvTokenizer(text, format === 'tsv' ? '\t' : detectDelimiter(text, bodyStart), bodyStart);
  const records: TextSpan[] = [];
  const fields: { start: number; end: number; record: number }[] = [];
  while (t.next()) {
    if (t.column === 0) records.push({ start: t.fieldStart, end: t.fieldEnd });
    records[records.length - 1].end = t.fieldEnd;
    fields.push({ start: t.fieldStart, end: t.fieldEnd, record: records.length - 1 });
  }
  for (const o of out.occurrences) {
    const field = fields.find((f) => f.start <= o.range.start && o.range.end <= f.end);
    assert.ok(field, `${label}: ID ${o.id} outside every field`);
    // Touched either itself or through any cell of its row (a row of an export means its job).
    const row = records[field.record];
    const cells = fields.filter((f) => f.record === field.record);
    assert.ok(touchesAny(sels, row.start, row.end) || cells.some((c) => touchesAny(sels, c.start, c.end)), `${label}: ID ${o.id} in a row no selection touches`);
  }
}

describe('job ID extraction, randomized (seeded)', function () {
  this.timeout(60000);

  it('CSV and TSV: exact digits, IDs only from touched rows, valid problem ranges', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const { text: body } = randomCsv(seed, seed % 2 === 0);
      const r = seededRandom(seed * 31);
      const text = r() < 0.4 ? `${pick(r, ['job_id,title,created_by', 'id,name', 'a,b'])}\n${body}` : body;
      const sels = randomSelections(r, text.length);
      for (const format of ['csv', 'tsv'] as const) {
        const label = `seed ${seed} ${format}`;
        const out = extractJobIds(text, format, sels);
        assertWellFormed(text, out, label);
        checkCsv(text, format, sels, out, label);
      }
    }
  });

  it('JSON and JSONC, whole or cut anywhere: only job-level IDs of touched objects and ID lists', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const r = seededRandom(seed);
      const { text, allowed } = randomJson(r);
      const sels = randomSelections(r, text.length);
      for (const format of ['json', 'jsonc'] as const) {
        const label = `seed ${seed} ${format}`;
        const out = extractJobIds(text, format, sels);
        assertWellFormed(text, out, label);
        for (const o of out.occurrences) {
          const a = allowed.find((x) => x.start <= o.range.start && o.range.end <= x.end && x.end <= text.length);
          assert.ok(a, `${label}: ${o.id} is not a job ID of the document`);
          assert.ok(touchesAny(sels, a.scopeStart, a.scopeEnd), `${label}: ${o.id} outside every selected object`);
        }
      }
    }
  });

  it('plain text and typed IDs: IDs only from touched tokens, a cursor never warns', () => {
    for (let seed = 1; seed <= 800; seed++) {
      const r = seededRandom(seed * 17);
      const text = randomPlain(r);
      const sels = randomSelections(r, text.length);
      const label = `seed ${seed}`;
      const out = extractJobIds(text, 'plaintext', sels);
      assertWellFormed(text, out, label);
      for (const o of out.occurrences) {
        const token = tokenAround(text, o.range.start, o.range.end);
        assert.ok(touchesAny(sels, token.start, token.end), `${label}: ${o.id} in an untouched token`);
        const why = ambiguity(text, o.range.start, o.range.end, WORD_CHAR.plain);
        assert.strictEqual(why, undefined, `${label}: ${o.id} in ${JSON.stringify(text)} has ${why}`);
      }
      if (sels.every((s) => s.start === s.end)) assert.deepStrictEqual(out.problems, [], label);
      const typed = parseTypedIds(text);
      assertWellFormed(text, typed, `${label} typed`);
      for (const o of typed.occurrences) {
        const why = ambiguity(text, o.range.start, o.range.end, WORD_CHAR.typed);
        assert.strictEqual(why, undefined, `${label} typed: ${o.id} in ${JSON.stringify(text)} has ${why}`);
      }
    }
  });

  it('time grows linearly with the input, for normal and pathological inputs', () => {
    const inputs: [string, IdFormat | 'typed', (n: number) => string][] = [
      ['digits then a letter', 'csv', (n) => `job_id\n${'1'.repeat(n)}x`],
      ['digits then a letter', 'plaintext', (n) => `${'1'.repeat(n)}.5e`],
      ['digits then a letter', 'typed', (n) => `${'1'.repeat(n)}x`],
      ['1,', 'csv', (n) => '1,'.repeat(n / 2)],
      ['quotes', 'csv', (n) => '"'.repeat(n)],
      ['[', 'json', (n) => '['.repeat(n)],
      ['{"id": [', 'jsonc', (n) => '{"id":['.repeat(n / 7)],
      ['a job list', 'json', (n) => `[${'{"job_id": 12345, "owner": {"id": 5}},'.repeat(n / 40)}]`],
    ];
    // The fastest of five runs: a busy machine only ever slows a run down, so the minimum is the
    // figure least moved by load, and the check stays a test of growth, not of speed.
    const fastest = (f: () => void) => {
      f(); // warm-up: the first run also compiles
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = process.hrtime.bigint();
        f();
        best = Math.min(best, Number(process.hrtime.bigint() - t0));
      }
      return best;
    };
    for (const [name, reader, make] of inputs) {
      const [small, large] = [1 << 16, 1 << 19].map((n) => {
        const text = make(n);
        const cursors = Array.from({ length: 200 }, (_, i) => ({ start: Math.floor((i * text.length) / 200), end: Math.floor((i * text.length) / 200) }));
        return fastest(() => (reader === 'typed' ? parseTypedIds(text) : extractJobIds(text, reader, [{ start: 0, end: text.length }, ...cursors])));
      });
      // 8 times the input: linear work takes about 8 times as long, quadratic 64 times.
      assert.ok(large < small * 32 + 50e6, `${name} as ${reader}: ${small} ns for 64 K, ${large} ns for 512 K`);
    }
  });
});
