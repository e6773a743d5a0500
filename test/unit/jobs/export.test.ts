import * as assert from 'assert';
import { csvField, exportJobs, jobsToCsv } from '../../../src/core/jobs/export';
import { extractJobIds } from '../../../src/core/ids';
import type { Job } from '../../../src/core/vault';
import { job } from './helpers';

const hostileTitles = ['plain', 'with, comma', 'with "quotes"', 'line\nbreak', 'cr\r\nlf', ' leading space', 'trailing\t', '=HYPERLINK("x")',
  '123456', '', 'ünïcødé 😀 title', '{"job_id": 999}', ';|\t', '"'];

function hostileJobs(): Job[] {
  return hostileTitles.map((title, i) => job(1000 + i, title, i % 2 ? 'QUEUED' : 'SCHEDULED', { run_start_date: i % 3 ? undefined : '2026-11-29T11:00:00.000Z', created_by: 9_000_000 + i }));
}

describe('job export', () => {
  it('quotes a CSV field only when it must', () => {
    assert.deepStrictEqual(['a', 'a,b', 'a"b', 'a\nb', ' a', 'a ', '', undefined, 7].map(csvField), ['a', '"a,b"', '"a""b"', '"a\nb"', '" a"', '"a "', '', '', '7']);
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

  it('json: every field survives a parse, missing ones as null', () => {
    const jobs = hostileJobs();
    const parsed = JSON.parse(exportJobs(jobs, 'json').text) as { jobs: Record<string, unknown>[] };
    assert.deepStrictEqual(parsed.jobs.map((j) => j.title), hostileTitles);
    assert.strictEqual(parsed.jobs[1].run_start_date, null);
  });
});
