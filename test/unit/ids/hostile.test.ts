// Hostile and broken input: what a damaged export, a pasted blob or a keystroke in the IDs box can
// hold. Each case would hang, throw or name a wrong job before the extractors were made linear,
// iterative and strict about incomplete values; the short timeouts make a hang fail instead of
// stalling the run (they bound time, they do not measure it).
import * as assert from 'assert';
import { extractJobIds, parseTypedIds, type IdFormat, type TextSpan } from '../../../src/core/ids';
import { all, assertWellFormed, marked, readable } from './helpers';

function run(source: string, format: IdFormat) {
  const { text, selections } = marked(source);
  return readable(text, extractJobIds(text, format, selections));
}

describe('hostile input: linear time', function () {
  this.timeout(5000);
  const digitsThenLetter = '1'.repeat(100000) + 'x';

  for (const format of ['csv', 'tsv', 'plaintext'] as const) {
    it(`${format}: a 100,000-digit run followed by a letter is one problem, found at once`, () => {
      const text = `job_id\n${digitsThenLetter}\n`;
      const r = extractJobIds(text, format, all(text));
      assert.deepStrictEqual(r.occurrences, []);
      if (format !== 'plaintext') assert.deepStrictEqual(r.problems.map((p) => p.range), [{ start: 7, end: 7 + digitsThenLetter.length }]);
      assertWellFormed(text, r, format);
    });
  }

  it('plain text: a 100,000-digit run with an exponent-like tail is reported, found at once', () => {
    const text = `${'1'.repeat(100000)}.5e`;
    assertWellFormed(text, extractJobIds(text, 'plaintext', all(text)));
  });

  it('json: the same run as a job_id string is a problem', () => {
    const text = `{"job_id": "${digitsThenLetter}"}`;
    const r = extractJobIds(text, 'json', all(text));
    assert.deepStrictEqual(r.occurrences, []);
    assert.strictEqual(r.problems.length, 1);
    assertWellFormed(text, r);
  });

  it('typed IDs: the same run in the IDs box is a problem', () => {
    const r = parseTypedIds(`5 ${digitsThenLetter}`);
    assert.deepStrictEqual(r.occurrences.map((o) => o.id), [5]);
    assert.strictEqual(r.problems.length, 1);
  });

  it('plain text: 20,000 cursors inside one 1 MB token', () => {
    const text = 'a'.repeat(1 << 20);
    const cursors = Array.from({ length: 20000 }, (_, i) => ({ start: i * 50, end: i * 50 }));
    assert.deepStrictEqual(extractJobIds(text, 'plaintext', cursors), { occurrences: [], idCount: 0, problems: [], problemCount: 0 });
  });

  it('json: 50,000 cursors over 50,000 syntax errors', () => {
    const text = `[${Array.from({ length: 50000 }, (_, i) => String(i + 1)).join(' ')}]`;
    const cursors = Array.from({ length: 50000 }, (_, i) => ({ start: 1 + i * 3, end: 1 + i * 3 }));
    const r = extractJobIds(text, 'json', cursors);
    assert.ok(r.problems.length > 1000);
    assertWellFormed(text, r);
  });

  it('json: 50,000 selections covering the same 50,000 objects', () => {
    const text = `[${Array.from({ length: 50000 }, (_, i) => `{"id":${i + 1}}`).join(',')}]`;
    const sels = Array.from({ length: 50000 }, (_, i) => ({ start: i, end: text.length }));
    assert.strictEqual(extractJobIds(text, 'json', sels).occurrences.length, 50000);
  });
});

describe('hostile input: never a truncated or wrong ID', () => {
  it('an unterminated string at the end of the document is a problem, not job 104689', () => {
    const r = run('{"job_id": "104689¦2', 'json');
    assert.deepStrictEqual(r.ids, []);
    assert.deepStrictEqual(r.problems, [
      ['{', 'JSON syntax error: this brace is never closed'],
      ['1046892', '"1046892" has no closing quote, so it is not taken as a job ID'],
    ]);
  });

  it('an unterminated string at the end of a line is a problem', () => {
    const r = run('«[{"job_id": "1046892\n}, {"job_id": 7}]»', 'jsonc');
    assert.deepStrictEqual(r.ids, [[7, '7']]);
    assert.ok(r.problems.some(([t]) => t === '1046892'), JSON.stringify(r.problems));
  });

  it('a number cut off by the end of a truncated document is a problem', () => {
    const r = run('«{"data": [{"job_id": 101}, {"job_id": 150»', 'json');
    assert.deepStrictEqual(r.ids, [[101, '101']]);
    assert.ok(r.problems.some(([t, m]) => t === '150' && /cut off/.test(m)), JSON.stringify(r.problems));
  });

  it('a broken escape in a job_id string is a problem', () => {
    const r = run('«{"job_id": "12\\q3"}»', 'json');
    assert.deepStrictEqual(r.ids, []);
    assert.ok(r.problems.length > 0);
  });
});

describe('hostile input: only job IDs', () => {
  const doc = '{"responseDetails": {"id": 9}, "data": [{"job_id": 101, "owner": {"id": 61603}, "vault": {"id": 4410}}, {"id": 102, "owner": {"id": 61604, "name": "A¦nn"}}]}';

  it('select-all of a response: nested owner and vault ids are not jobs', () => {
    const { text } = marked(doc);
    assert.deepStrictEqual(readable(text, extractJobIds(text, 'json', all(text))).ids, [[101, '101'], [102, '102']]);
  });

  it('a cursor in a nested object means the job around it, as select-all does', () => {
    assert.deepStrictEqual(run(doc, 'json').ids, [[102, '102']]);
  });

  it('an id at the root or in a list counts; job_id counts at any depth', () => {
    assert.deepStrictEqual(run('«{"id": 5}»', 'json').ids, [[5, '5']]);
    assert.deepStrictEqual(run('«{"run": {"job_id": 6}, "owner": {"id": 1}}»', 'json').ids, [[6, '6']]);
  });

  it('CSV: an empty job_id column never falls back to created_by', () => {
    const source = 'job_id,title,created_by\n,«abc,61603»\n,def,6¦1604\n«,ghi,61605\n»';
    assert.deepStrictEqual(run(source, 'csv'), { ids: [], problems: [] });
  });

  it('CSV: any selection in a row of an export means that row\'s job, as in JSON', () => {
    assert.deepStrictEqual(run('job_id,created_by\n101,«61603»\n102,6160¦4\n', 'csv').ids, [[101, '101'], [102, '102']]);
  });
});

describe('hostile input: partial selections of text', () => {
  it('CSV: dragging across words of a title gives the row\'s job, no warning', () => {
    assert.deepStrictEqual(run('job_id,title\n101,"Nightly «export» EU"\n', 'csv'), { ids: [[101, '101']], problems: [] });
  });

  it('CSV without an ID column: part of a word cell is not a warning, the whole cell is', () => {
    assert.deepStrictEqual(run('«101»,Night«ly ex»port\n', 'csv'), { ids: [[101, '101']], problems: [] });
    assert.deepStrictEqual(run('101,«Nightly»\n', 'csv').problems.map(([t]) => t), ['Nightly']);
    assert.deepStrictEqual(run('101,Nig¦htly\n', 'csv'), { ids: [], problems: [] });
    assert.deepStrictEqual(run('101,1¦02\n', 'csv').ids, [[102, '102']]);
  });

  it('plain text: part of a number-like token is not a warning, the whole token is', () => {
    assert.deepStrictEqual(run('see «12».5 and 9', 'plaintext'), { ids: [], problems: [] });
    assert.deepStrictEqual(run('see «12.5» and 9', 'plaintext').problems.map(([t]) => t), ['12.5']);
  });
});

describe('hostile input: no crash, valid ranges', function () {
  this.timeout(10000);

  for (const [name, text] of [
    ['1e6 [', '['.repeat(1e6)],
    ['1e6 {', '{'.repeat(1e6)],
    ['200,000 nested objects', '{"a":'.repeat(200000)],
    ['1e6 [ then ]', `${'['.repeat(1e6)}1${']'.repeat(1e6)}`],
  ] as const) {
    for (const format of ['json', 'jsonc'] as const) {
      it(`${format}: ${name} does not throw, and every range is valid`, () => {
        const r = extractJobIds(text, format, [...all(text), { start: 5000, end: 5000 }]);
        assertWellFormed(text, r, name);
      });
    }
  }

  it('a syntax error at the end of a truncated document has a non-empty range', () => {
    for (const text of ['{"data": [', '{"job_id":', '{"a" ', '[1,', ' ', '\ufeff']) {
      for (const format of ['json', 'jsonc'] as const) {
        assertWellFormed(text, extractJobIds(text, format, all(text)), JSON.stringify(text));
        assertWellFormed(text, extractJobIds(text, format, [{ start: text.length, end: text.length }]), JSON.stringify(text));
      }
    }
  });

  it('a BOM before a bare number: the same ID in every format, for a cursor and select-all', () => {
    const text = '\ufeff123';
    for (const format of ['json', 'jsonc', 'csv', 'tsv', 'plaintext'] as const) {
      for (const sels of [all(text), [{ start: 2, end: 2 }], [{ start: 1, end: 1 }]] as TextSpan[][]) {
        assert.deepStrictEqual(extractJobIds(text, format, sels), { occurrences: [{ id: 123, range: { start: 1, end: 4 } }], idCount: 1, problems: [], problemCount: 0 }, `${format} ${JSON.stringify(sels)}`);
      }
    }
  });

  it('astral letters next to digits: a cursor says what select-all says', () => {
    for (const text of ['𝐀123 x', '123𝐀 x', 'x 𝐀𝐀123', '🚀123 x', '123🚀']) {
      const whole = extractJobIds(text, 'plaintext', all(text)).occurrences;
      for (let at = 0; at <= text.length; at++) {
        const cursor = extractJobIds(text, 'plaintext', [{ start: at, end: at }]).occurrences;
        for (const o of cursor) assert.ok(whole.some((w) => w.id === o.id && w.range.start === o.range.start), `${text} at ${at}`);
      }
      const inside = whole.map((w) => extractJobIds(text, 'plaintext', [{ start: w.range.start + 1, end: w.range.start + 1 }]).occurrences);
      assert.deepStrictEqual(inside, whole.map((w) => [w]), text);
    }
  });
});
