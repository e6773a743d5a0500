// Text that could mean more than one thing is a problem at its place with a message that says why,
// never an ID (README: "Which values count"): a JSON text cut anywhere, whatever space or comment
// follows the cut; numbers written wrong; invisible and grouping characters among digits; numbers
// written in groups of digits; leading zeros. And the problems of damaged text are listed up to a
// limit, then counted, each range inside the text.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { extractJobIds, MOST_PROBLEMS_LISTED, parseTypedIds, type Extraction, type IdFormat } from '../../../src/core/ids';
import { all, assertWellFormed, marked, readable } from './helpers';

const RESPONSES = path.resolve(__dirname, '../../../../test/fixtures/vault-responses');

function select(text: string, format: IdFormat | 'typed'): Extraction {
  return format === 'typed' ? parseTypedIds(text) : extractJobIds(text, format, all(text));
}

describe('ambiguous text: a JSON text cut anywhere', function () {
  this.timeout(60000);
  const files = ['docs', 'live'].flatMap((dir) => readdirSync(path.join(RESPONSES, dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)));
  // What may follow the cut: JSON's whitespace, a comment, and a no-break space, which JSON does not
  // count as whitespace.
  const tails = ['\n', ' ', '\r\n', '\t', '/* c */', '\u00a0'];

  it('holds the recorded Vault responses, with job IDs in them', () => {
    assert.ok(files.length >= 15, files.join());
    const withIds = files.filter((f) => extractJobIds(readFileSync(path.join(RESPONSES, f), 'utf8'), 'json', [{ start: 0, end: 1e9 }]).idCount > 0);
    assert.ok(withIds.length >= 8, withIds.join());
  });

  it('every response cut at every character, then each tail: no ID but the whole ones of the response, where they are', () => {
    let cuts = 0;
    let idsKept = 0;
    for (const file of files) {
      const whole = readFileSync(path.join(RESPONSES, file), 'utf8');
      // JSONC differs from JSON only in comments: it is cut with the comment tail alone.
      for (const format of ['json', 'jsonc'] as const) {
        const expected = new Map(select(whole, format).occurrences.map((o) => [o.range.start, o]));
        for (let at = 0; at <= whole.length; at++) {
          for (const tail of format === 'json' ? tails : ['/* c */']) {
            const text = whole.slice(0, at) + tail;
            const r = select(text, format);
            cuts++;
            assertWellFormed(text, r, `${file} cut at ${at} + ${JSON.stringify(tail)}`);
            for (const o of r.occurrences) {
              const e = expected.get(o.range.start);
              assert.ok(e !== undefined && e.id === o.id && e.range.end === o.range.end,
                `${file} (${format}) cut at ${at} + ${JSON.stringify(tail)}: job ${o.id} at ${o.range.start} is not one of the response's`);
              idsKept++;
            }
          }
        }
        // Whatever follows a complete response, it keeps all its IDs.
        for (const tail of tails) assert.strictEqual(select(whole + tail, format).idCount, expected.size, `${file} + ${JSON.stringify(tail)}`);
      }
    }
    assert.ok(cuts > 50000, String(cuts));
    // The IDs before a cut still count where a comma or a closing bracket shows them whole.
    assert.ok(idsKept > 5000, String(idsKept));
  });

  for (const tail of tails) {
    it(`a job_id number cut by the end of the text, then ${JSON.stringify(tail)}, is a problem`, () => {
      const text = `{"data": [{"job_id": 1046892}, {"job_id": 10468${tail}`;
      const r = readable(text, select(text, tail.startsWith('/') ? 'jsonc' : 'json'));
      assert.deepStrictEqual(r.ids, [[1046892, '1046892']]);
      assert.ok(r.problems.some(([t, m]) => t.startsWith('10468') && t.trim() !== '1046892' && / (cut off|not a job ID|contains)/.test(m)), JSON.stringify(r.problems));
    });
  }

  it('an "id" in an object the cut leaves open is a problem: a job_id after the cut would outrank it', () => {
    const r = readable('[{"id": 5}, {"id": 6, "title": "x"', select('[{"id": 5}, {"id": 6, "title": "x"', 'json'));
    assert.deepStrictEqual(r.ids, [[5, '5']]);
    assert.ok(r.problems.some(([t, m]) => t === '6' && /cut off before its object closes/.test(m)), JSON.stringify(r.problems));
    // Inside a root object the cut leaves open, the same: a job_id of the root would make them owners.
    const inRoot = '{"data": [{"id": 5}, {"id": 6}], "total": 2';
    assert.deepStrictEqual(readable(inRoot, select(inRoot, 'json')).ids, []);
    // A job ID key is never outranked: it counts once whole.
    const jobId = '{"data": [{"job_id": 5, "title": "x"';
    assert.deepStrictEqual(readable(jobId, select(jobId, 'json')).ids, [[5, '5']]);
  });
});

describe('ambiguous text: numbers written wrong', () => {
  const cases: [string, string, RegExp][] = [
    ['{"job_id": 1046892abc}', '1046892abc', /digits only/],
    ['[12a34]', '12a34', /digits only/],
    ['[-01046892]', '-01046892', /positive/],
    ['[-007]', '-007', /positive/],
    ['[01046892]', '01046892', /do not start with 0/],
    ['[1.5.5]', '1.5.5', /not a job ID/],
    ['{"job_id": 0x1F}', '0x1F', /hexadecimal/],
    ['[104\u200b6892]', '104\u200b6892', /invisible character \(U\+200B\) between digits/],
    ['[104\u00a06892]', '104\u00a06892', /no-break space \(U\+00A0\) between digits/],
  ];
  for (const [text, value, why] of cases) {
    it(`JSON ${JSON.stringify(text)}: one problem at ${JSON.stringify(value)} that says why, no ID`, () => {
      for (const format of ['json', 'jsonc'] as const) {
        const r = readable(text, select(text, format));
        assert.deepStrictEqual(r.ids, []);
        assert.strictEqual(r.problems.length, 1, JSON.stringify(r.problems));
        assert.strictEqual(r.problems[0][0], value);
        assert.match(r.problems[0][1], why);
      }
    });
  }

  it('JSON: a number followed by another value, or without a comma before it, is a problem', () => {
    const r = readable('[1046 892, 5]', select('[1046 892, 5]', 'json'));
    assert.deepStrictEqual(r.ids, [[5, '5']]);
    assert.deepStrictEqual(r.problems.map(([t]) => t), ['1046', '892']);
    assert.match(r.problems[0][1], /followed by more than a comma/);
    assert.match(r.problems[1][1], /no comma before it/);
    const inObject = readable('{"job_id": 1046 892}', select('{"job_id": 1046 892}', 'json'));
    assert.deepStrictEqual(inObject.ids, []);
  });

  it('a value followed by a comment or JSON\'s whitespace, then its comma, still counts', () => {
    const text = '[1046892 /* a */ , 1046893\r\n\t]';
    assert.deepStrictEqual(readable(text, select(text, 'jsonc')), { ids: [[1046892, '1046892'], [1046893, '1046893']], problems: [] });
  });
});

describe('ambiguous text: invisible and grouping characters among digits', () => {
  const characters = {
    'ZERO WIDTH SPACE': '\u200b', 'BOM': '\ufeff', 'WORD JOINER': '\u2060', 'SOFT HYPHEN': '\u00ad', 'LRM': '\u200e', 'RLM': '\u200f',
    'ZWNJ': '\u200c', 'ZWJ': '\u200d', 'NARROW NO-BREAK SPACE': '\u202f', 'NO-BREAK SPACE': '\u00a0', 'THIN SPACE': '\u2009', 'LANGUAGE TAG': '\u{e0001}',
  };
  for (const [name, ch] of Object.entries(characters)) {
    for (const format of ['plaintext', 'typed', 'csv'] as const) {
      it(`${format}: 104 + ${name} + 6892 is one problem, never jobs 104 and 6892`, () => {
        const text = `job 104${ch}6892 and 7`;
        const input = format === 'csv' ? `job_id\n104${ch}6892\n7\n` : format === 'typed' ? `104${ch}6892, 7` : text;
        const r = readable(input, select(input, format));
        assert.deepStrictEqual(r.ids, [[7, '7']]);
        assert.deepStrictEqual(r.problems.map(([t]) => t), [`104${ch}6892`]);
        assert.match(r.problems[0][1], /between digits, so it could be one number or two/);
        // The message shows an invisible character by its code, not as nothing.
        if (/\p{Cf}/u.test(ch)) assert.ok(!r.problems[0][1].includes(ch), r.problems[0][1]);
      });
    }
  }

  it('plain text: a cursor on either part gives no ID; a BOM or zero width space at a token\'s edge is no part of it', () => {
    const text = 'job 104\u200b6892';
    for (let at = 4; at <= text.length; at++) assert.deepStrictEqual(extractJobIds(text, 'plaintext', [{ start: at, end: at }]).occurrences, [], String(at));
    assert.deepStrictEqual(readable('\ufeff1046892 \u200b1046893\u200b', select('\ufeff1046892 \u200b1046893\u200b', 'plaintext')).ids, [[1046892, '1046892'], [1046893, '1046893']]);
    assert.deepStrictEqual(readable('\ufeff1046892, 1046893\u00a0', select('\ufeff1046892, 1046893\u00a0', 'typed')).ids, [[1046892, '1046892'], [1046893, '1046893']]);
  });
});

describe('ambiguous text: numbers written in groups of digits', () => {
  const grouped = ['1,046,892', '1 046 892', "1'046'892", '1\u2019046\u2019892', '1.046.892', '1\u00a0046\u00a0892', '1\u2009046\u2009892', '1\u202f046\u202f892', '101,102,103', '12,345.5'];
  for (const value of grouped) {
    for (const format of ['plaintext', 'typed'] as const) {
      it(`${format}: ${JSON.stringify(value)} is one problem, never several IDs`, () => {
        const text = format === 'typed' ? value : `Job ${value} failed.`;
        const r = readable(text, select(text, format));
        assert.deepStrictEqual(r.ids, []);
        assert.deepStrictEqual(r.problems.map(([t]) => t), [value]);
        assert.match(r.problems[0][1], /could be one number written in groups of digits or several job IDs/);
      });
    }
  }

  const lists: [string, number[]][] = [
    ['1046892, 1046893, 1046894', [1046892, 1046893, 1046894]],
    ['1046892,1046893', [1046892, 1046893]],
    ['1046892 1046893 1046894', [1046892, 1046893, 1046894]],
    ['1046892\n1046893\r\n1046894', [1046892, 1046893, 1046894]],
    ['101, 102, 103', [101, 102, 103]],
    ['1,2,3', [1, 2, 3]],
    ['72505,100,200', [72505, 100, 200]],
    ['1,046,892,1234', [1, 892, 1234]],
  ];
  for (const [text, ids] of lists) {
    for (const format of ['plaintext', 'typed'] as const) {
      it(`${format}: the list ${JSON.stringify(text)} is IDs`, () => {
        assert.deepStrictEqual(select(text, format).occurrences.map((o) => o.id), ids);
      });
    }
  }

  it('a part with a leading zero is never a job ID', () => {
    for (const format of ['plaintext', 'typed'] as const) {
      const r = readable('046 1046892', select('046 1046892', format));
      assert.deepStrictEqual(r.ids, [[1046892, '1046892']]);
      assert.deepStrictEqual(r.problems, [['046', '"046" is not a job ID: job IDs do not start with 0']]);
      // In a list that is not a number written in groups, it is the part that is a problem.
      assert.deepStrictEqual(readable('1,046,892,1234', select('1,046,892,1234', format)).problems.map(([t]) => t), ['046']);
    }
  });

  it('plain text: a selection touching part of a grouped number sees all of it; a cursor never warns', () => {
    const { text, selections } = marked('Job 1,04«6,8»92 and 7');
    assert.deepStrictEqual(readable(text, extractJobIds(text, 'plaintext', selections)), { ids: [], problems: [] });
    const cursor = marked('Job 1,046,8¦92 and 7');
    assert.deepStrictEqual(readable(cursor.text, extractJobIds(cursor.text, 'plaintext', cursor.selections)), { ids: [], problems: [] });
    const whole = marked('Job «1,046,892» and 7');
    assert.deepStrictEqual(readable(whole.text, extractJobIds(whole.text, 'plaintext', whole.selections)).problems.map(([t]) => t), ['1,046,892']);
  });
});

describe('damaged text: problems listed up to a limit, then counted; ranges inside the text', function () {
  this.timeout(20000);

  const shapes: [string, IdFormat | 'typed', string][] = [
    ['/*', 'jsonc', '/*'.repeat(5000)],
    ['[1 1 1', 'json', `[${'1 '.repeat(5000)}`],
    ['["\\x",', 'json', `[${'"\\x",'.repeat(5000)}`],
    ['abc cells', 'csv', `job_id\n${'abc\n'.repeat(5000)}`],
    ['words', 'typed', 'x '.repeat(5000)],
    ['0.5 tokens', 'plaintext', '0.5 '.repeat(5000)],
  ];
  for (const [name, format, text] of shapes) {
    it(`${name} (${format}): ${MOST_PROBLEMS_LISTED} problems and one that says how many more`, () => {
      const r = select(text, format);
      assertWellFormed(text, r, name);
      assert.ok(r.problemCount > MOST_PROBLEMS_LISTED, String(r.problemCount));
      assert.strictEqual(r.problems.length, MOST_PROBLEMS_LISTED + 1);
      const summary = r.problems[MOST_PROBLEMS_LISTED];
      assert.strictEqual(summary.message.split(' ')[0], (r.problemCount - MOST_PROBLEMS_LISTED).toLocaleString('en-US'), summary.message);
      assert.match(summary.message, /more problems from here on/);
      assert.ok(summary.range.start > r.problems[MOST_PROBLEMS_LISTED - 1].range.start);
    });
  }

  it('the count is the number of problems there are: each [1 1 1 entry is one', () => {
    const text = `[${'1 '.repeat(5000)}]`;
    assert.strictEqual(select(text, 'json').problemCount, 5000);
  });

  it('a JSONC text ending inside a comment: every problem ends inside the text', () => {
    for (const text of ['/*', '[1, /*', '{"job_id": 5 /*', '/* a', '// x', '[1]/*']) {
      for (const format of ['json', 'jsonc'] as const) {
        for (const sels of [all(text), [{ start: text.length, end: text.length }]]) {
          const r = extractJobIds(text, format, sels);
          assertWellFormed(text, r, JSON.stringify(text));
          for (const p of r.problems) assert.ok(p.range.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(p)}`);
        }
      }
    }
  });
});
