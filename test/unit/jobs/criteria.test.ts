import * as assert from 'assert';
import { matchJobs, maxPatternLength, parseJobCriteria, RegexDeadlineError, type JobCriteria, type JobCriteriaInput } from '../../../src/core/jobs/criteria';
import { job } from './helpers';

function criteria(input: JobCriteriaInput): JobCriteria {
  const parsed = parseJobCriteria(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.criteria;
}

function problems(input: JobCriteriaInput): string[] {
  const parsed = parseJobCriteria(input);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.field}: ${p.message}`);
}

describe('job criteria', () => {
  const jobs = [
    job(1, 'Bulk Export', 'SCHEDULED', { created_date: '2026-11-01T08:00:00.000Z' }),
    job(2, 'SDK: Sync CRM Accounts', 'QUEUED', { created_by: 1, created_date: '2026-11-02T00:00:00.000Z' }),
    job(3, 'Binder Export', 'RUNNING', { created_date: '2026-11-03T12:00:00.000Z' }),
    job(4, 'Bulk Export', 'QUEUEING', { created_date: 'not a date' }),
  ];
  const ids = async (input: JobCriteriaInput) => (await matchJobs(jobs, criteria(input))).map((j) => j.job_id);

  it('no criteria match every job', async () => {
    assert.deepStrictEqual(await ids({}), [1, 2, 3, 4]);
  });

  it('statuses in any case, title contains without regard to case, created by', async () => {
    assert.deepStrictEqual(await ids({ statuses: ['scheduled', ' Queueing '] }), [1, 4]);
    assert.deepStrictEqual(await ids({ title: ' EXPORT ' }), [1, 3, 4]);
    assert.deepStrictEqual(await ids({ title: '(a+)+', titleMode: 'contains' }), []);
    assert.deepStrictEqual(await ids({ createdBy: '1' }), [2]);
  });

  it('created after is inclusive, before exclusive; a job whose date cannot be read does not match a range', async () => {
    assert.deepStrictEqual(await ids({ createdAfter: '2026-11-02' }), [2, 3]);
    assert.deepStrictEqual(await ids({ createdBefore: '2026-11-02T00:00:00Z' }), [1]);
    assert.deepStrictEqual(await ids({ createdAfter: '2026-11-01T09:00:00+01:00', createdBefore: '2026-11-03' }), [1, 2]);
  });

  it('a regular expression, case-insensitive, combined with the other criteria', async () => {
    assert.deepStrictEqual(await ids({ title: '^(bulk|binder) export$', titleMode: 'regex' }), [1, 3, 4]);
    assert.deepStrictEqual(await ids({ title: '^sdk:', titleMode: 'regex', statuses: ['QUEUED'] }), [2]);
  });

  it('says what is wrong with each bad field', () => {
    assert.deepStrictEqual(problems({ statuses: ['QUEUED', 'PAUSED'] }).length, 1);
    assert.match(problems({ statuses: ['PAUSED'] })[0], /^statuses: Unknown status PAUSED; Vault's statuses are SCHEDULED/);
    assert.match(problems({ title: 'Export(', titleMode: 'regex' })[0], /^title: Not a valid regular expression: \/Export\(\/iu: Unterminated group/);
    assert.match(problems({ title: 'x'.repeat(maxPatternLength + 1), titleMode: 'regex' })[0], /^title: .*at most 500/);
    assert.match(problems({ createdAfter: '11/02/2026' })[0], /^createdAfter: "11\/02\/2026" is not a date/);
    assert.match(problems({ createdBefore: '2026-02-30' })[0], /^createdBefore: .*not a date: February 2026 has 28 days/);
    assert.match(problems({ createdAfter: '2026-11-03', createdBefore: '2026-11-02' })[0], /^createdBefore: .*must be later/);
    assert.match(problems({ createdBy: 'admin' })[0], /^createdBy: "admin" is not a Vault user ID/);
    assert.match(problems({ createdBy: '0' })[0], /^createdBy:/);
    assert.strictEqual(problems({ statuses: ['X'], createdBy: 'y', createdAfter: 'z' }).length, 3);
  });

  it('stops a catastrophically backtracking pattern at the deadline instead of freezing the caller', async function () {
    this.timeout(10_000);
    const evil = [job(9, `${'a'.repeat(40)}!`, 'QUEUED')];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      await assert.rejects(matchJobs(evil, criteria({ title: '^(a+)+$', titleMode: 'regex' }), { deadlineMs: 300 }), RegexDeadlineError);
    } finally {
      clearInterval(ticker);
    }
    // The event loop kept running while the pattern ran: the work happened elsewhere.
    assert.ok(ticks > 5, `the event loop ran ${ticks} time(s)`);
  });

  it('ends the regular expression worker when the caller aborts', async () => {
    const controller = new AbortController();
    const matching = matchJobs([job(9, `${'a'.repeat(40)}!`, 'QUEUED')], criteria({ title: '(a|aa)+$', titleMode: 'regex' }), { signal: controller.signal, deadlineMs: 60_000 });
    setTimeout(() => controller.abort(new Error('stopped by the user')), 50);
    await assert.rejects(matching, /stopped by the user/);
  });

  it('refuses impossible dates and times in both forms instead of rolling them over to the next month or day', () => {
    for (const [text, why] of [
      ['2026-02-30', /February 2026 has 28 days/], ['2026-02-30T00:00:00Z', /February 2026 has 28 days/], ['2026-04-31T10:00+02:00', /April 2026 has 30 days/],
      ['2026-13-01', /no month 13/], ['2026-00-10', /no month 00/], ['2026-01-00', /January 2026 has 31 days/],
      ['2026-02-28T24:00:00Z', /not a time of day/], ['2026-02-28T23:60Z', /not a time of day/], ['2026-02-28T10:00+24:00', /not a time of day/],
    ] as const) {
      const found = problems({ createdAfter: text });
      assert.strictEqual(found.length, 1, text);
      assert.match(found[0], why, text);
    }
    assert.deepStrictEqual(criteria({ createdAfter: '2028-02-29' }).createdAfter, new Date('2028-02-29T00:00:00Z'));
    assert.deepStrictEqual(criteria({ createdAfter: '2000-02-29T23:59:59.5-01:00' }).createdAfter, new Date('2000-03-01T00:59:59.500Z'));
    assert.match(problems({ createdAfter: '1900-02-29' })[0], /February 1900 has 28 days/);
  });

  it('tests each distinct title once and whole, however long', async () => {
    const long = job(10, `${'x'.repeat(1000)}TAIL`, 'QUEUED');
    assert.deepStrictEqual((await matchJobs([long], criteria({ title: 'TAIL', titleMode: 'regex' }))).length, 1);
    assert.deepStrictEqual((await matchJobs([long], criteria({ title: 'TAIL' }))).length, 1);
    // A pattern anchored at the end sees the end: the words past the first 1000 characters keep this job out.
    const guarded = job(11, `${'a '.repeat(600)}DO NOT CANCEL`, 'QUEUED');
    assert.deepStrictEqual((await matchJobs([guarded, job(12, 'a a a', 'QUEUED')], criteria({ title: '^[a ]*$', titleMode: 'regex' }))).map((j) => j.job_id), [12]);
    const many = Array.from({ length: 5000 }, (_, i) => job(i + 1, i % 2 ? 'Bulk Export' : 'Other', 'QUEUED'));
    assert.strictEqual((await matchJobs(many, criteria({ title: 'bulk', titleMode: 'regex' }))).length, 2500);
  });
});
