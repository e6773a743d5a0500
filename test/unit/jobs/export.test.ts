import * as assert from 'assert';
import { csvField, exportJobs, jobsToCsv, linePositions } from '../../../src/core/jobs/export';
import { parse } from 'csv-parse/sync';
import { extractJobIds } from '../../../src/core/ids';
import type { Job } from '../../../src/core/vault';
import { job } from './helpers';

const formulaTitles = ['=HYPERLINK("x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=1046892'];
const hostileTitles = ['plain', 'with, comma', 'with "quotes"', 'line\nbreak', 'cr\r\nlf', ' leading space', 'trailing\t', ...formulaTitles,
  '123456', '', 'ünïcødé 😀 title', '{"job_id": 999}', ';|\t', '"', 'a=b', 'x-1'];

function hostileJobs(): Job[] {
  return hostileTitles.map((title, i) => job(1000 + i, title, i % 2 ? 'QUEUED' : 'SCHEDULED', { run_start_date: i % 3 ? undefined : '2026-11-29T11:00:00.000Z', created_by: 9_000_000 + i }));
}

describe('job export', () => {
  it('quotes a CSV field only when it must', () => {
    assert.deepStrictEqual(['a', 'a,b', 'a"b', 'a\nb', ' a', 'a ', '', undefined, 7].map(csvField), ['a', '"a,b"', '"a""b"', '"a\nb"', '" a"', '"a "', '', '', '7']);
  });

  it('neutralises text a spreadsheet would run as a formula: a single quote before it, and the cell quoted (OWASP)', () => {
    assert.deepStrictEqual(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '="a"'].map(csvField), ['"\'=1+1"', '"\'+1"', '"\'-1"', '"\'@A1"', '"\'\t=1"', '"\'\r=1"', '"\'=""a"""']);
    // Only the start makes a formula; numbers are numbers.
    assert.deepStrictEqual(['a=b', 'x-1', ' =1'].map(csvField), ['a=b', 'x-1', '" =1"']);
    assert.strictEqual(csvField(-5), '-5');
  });

  it('csv: a spreadsheet reading the export sees no cell that starts a formula, and each title is the original after its quote', () => {
    const jobs = hostileJobs();
    const records: string[][] = parse(jobsToCsv(jobs).text);
    assert.strictEqual(records.length, jobs.length + 1);
    for (const cell of records.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
    assert.deepStrictEqual(records.slice(1).map((record) => record[1]), hostileTitles.map((title) => (formulaTitles.includes(title) ? `'${title}` : title)));
  });

  it('writes the header in Vault field names and one row per job', () => {
    const { text } = jobsToCsv([job(12, 'Bulk Export', 'QUEUED', { run_start_date: '2026-11-29T11:00:00.000Z' })]);
    assert.strictEqual(text, 'job_id,title,status,created_by,created_date,run_start_date\n12,Bulk Export,QUEUED,61234,2026-11-29T10:00:00.000Z,2026-11-29T11:00:00.000Z\n');
  });

  for (const format of ['csv', 'json'] as const) {
    it(`${format}: the job_id ranges cover exactly each ID, and extraction of them gives back exactly those IDs`, () => {
      const jobs = hostileJobs();
      const { text, idRanges } = exportJobs(jobs, format);
      assert.deepStrictEqual(idRanges.map((r) => text.slice(r.start, r.end)), jobs.map((j) => String(j.job_id)));
      const selected = extractJobIds(text, format, idRanges);
      assert.deepStrictEqual(selected.problems, []);
      assert.deepStrictEqual(selected.occurrences.map((o) => o.id), jobs.map((j) => j.job_id));
      assert.deepStrictEqual(selected.occurrences.map((o) => o.range), idRanges);
    });

    it(`${format}: selecting the whole document yields exactly the job IDs, not user IDs or numeric titles`, () => {
      const jobs = hostileJobs();
      const { text } = exportJobs(jobs, format);
      const all = extractJobIds(text, format, [{ start: 0, end: text.length }]);
      assert.deepStrictEqual(all.occurrences.map((o) => o.id), jobs.map((j) => j.job_id));
    });

    it(`${format}: an empty list is a valid document with no IDs`, () => {
      const { text, idRanges } = exportJobs([], format);
      assert.deepStrictEqual(idRanges, []);
      assert.deepStrictEqual(extractJobIds(text, format, [{ start: 0, end: text.length }]).occurrences, []);
    });
  }

  describe('the job IDs\' lines and characters, which hold when an editor changes the line breaks', () => {
    /** What VS Code does to a text it opens: every line break becomes the one most of them are. */
    const asVsCodeHoldsIt = (text: string) => {
      const crlf = (text.match(/\r\n/g) ?? []).length;
      const all = (text.match(/\r\n|\r|\n/g) ?? []).length;
      const cr = all - crlf - (text.match(/(?<!\r)\n/g) ?? []).length;
      return text.replace(/\r\n|\r|\n/g, crlf + cr > all / 2 ? '\r\n' : '\n');
    };
    const offsetIn = (text: string, { line, character }: { line: number; character: number }) => {
      let start = 0;
      for (let i = 0; i < line; i++) {
        const lineBreak = /\r\n|\r|\n/g;
        lineBreak.lastIndex = start;
        const found = lineBreak.exec(text)!;
        start = found.index + found[0].length;
      }
      return start + character;
    };

    for (const [name, titleOf] of [
      ['most titles hold \\r\\n', (i: number) => (i % 60 === 0 ? 'Nightly export' : `Bulk load\r\nfrom ${i}`)],
      ['a few titles hold \\r\\n', (i: number) => (i % 60 === 0 ? 'Bulk load\r\nagain' : 'Nightly export')],
      ['titles hold \\r alone, and several breaks', (i: number) => (i % 3 === 0 ? 'a\rb\r\nc\n\nd' : 'plain')],
    ] as const) {
      it(`selects every job ID of a CSV export when ${name}`, () => {
        const jobs = Array.from({ length: 300 }, (_, i) => job(2_000_000 + i, titleOf(i), 'QUEUED'));
        const { text, idRanges } = jobsToCsv(jobs);
        const held = asVsCodeHoldsIt(text);
        const positions = linePositions(text, idRanges.flatMap((r) => [r.start, r.end]));
        const selected = idRanges.map((_, i) => held.slice(offsetIn(held, positions[2 * i]), offsetIn(held, positions[2 * i + 1])));
        assert.deepStrictEqual(selected, jobs.map((j) => String(j.job_id)));
      });
    }

    it('offsets into the text as written miss IDs once the editor changed its line breaks', () => {
      const jobs = Array.from({ length: 300 }, (_, i) => job(2_000_000 + i, i % 60 === 0 ? 'Nightly export' : `Bulk load\r\nfrom ${i}`, 'QUEUED'));
      const { text, idRanges } = jobsToCsv(jobs);
      const held = asVsCodeHoldsIt(text);
      assert.notStrictEqual(held, text, 'VS Code would change this text');
      const missed = idRanges.filter((r, i) => held.slice(r.start, r.end) !== String(jobs[i].job_id));
      assert.ok(missed.length > 0);
    });
  });

  it('json: every field survives a parse, missing ones as null', () => {
    const jobs = hostileJobs();
    const parsed = JSON.parse(exportJobs(jobs, 'json').text) as { jobs: Record<string, unknown>[] };
    assert.deepStrictEqual(parsed.jobs.map((j) => j.title), hostileTitles);
    assert.strictEqual(parsed.jobs[1].run_start_date, null);
  });
});
