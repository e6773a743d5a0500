import * as assert from 'assert';
import { extractJobIds, idFormatFor, parseTypedIds, selectionMayHoldIds, type IdFormat } from '../../../src/core/ids';
import { all, marked, readable } from './helpers';

function run(source: string, format: IdFormat) {
  const { text, selections } = marked(source);
  return readable(text, extractJobIds(text, format, selections));
}
const ids = (source: string, format: IdFormat) => run(source, format).ids.map(([id]) => id);

describe('job IDs in CSV selections', () => {
  it('takes only the ID column when whole rows of an export are selected', () => {
    const r = run('job_id,name,created_by\r\n«101,"Nightly, export",61603\r\n"102",x,5\r\n»', 'csv');
    assert.deepStrictEqual(r, { ids: [[101, '101'], [102, '102']], problems: [] });
  });

  it('takes the job of every row a selection touches, whichever column it is in', () => {
    // A column box selection of user IDs means those rows' jobs, never the users.
    assert.deepStrictEqual(ids('job_id,created_by\n101,«61603»\n102,«61604»\n', 'csv'), [101, 102]);
    assert.deepStrictEqual(ids('job_id,created_by\n101,«61603\n102,61604»\n', 'csv'), [101, 102]);
    assert.deepStrictEqual(run('job_id,name\n101,«Nightly»\n', 'csv'), { ids: [[101, '101']], problems: [] });
    assert.deepStrictEqual(run('job_id,name\nabc,«Nightly»\n', 'csv').problems, [['abc', '"abc" is not a job ID: job IDs are written with digits only']]);
  });

  it('counts every integer cell and reports other cells without an ID header', () => {
    const r = run('«101,abc\n,102\n12.5,-3»\n', 'csv');
    assert.deepStrictEqual(r.ids, [[101, '101'], [102, '102']]);
    assert.deepStrictEqual(r.problems.map(([t]) => t), ['abc', '12.5', '-3']);
  });

  it('takes the cell under a cursor, and never the header', () => {
    assert.deepStrictEqual(ids('id,name\n101,a\n10¦2,b\n', 'csv'), [102]);
    assert.deepStrictEqual(run('i¦d,name\n101,a\n', 'csv'), { ids: [], problems: [] });
  });

  it('does not take a cell the selection only reaches the start of', () => {
    assert.deepStrictEqual(ids('«101\n»102\n', 'csv'), [101]);
  });

  it('detects semicolons and reads a BOM', () => {
    assert.deepStrictEqual(run('\ufeffJob ID;amount\n«101;1,5»\n', 'csv').ids, [[101, '101']]);
  });

  it('reports an unterminated quote at the quote', () => {
    const r = run('«a,b\n1,"open\n2,3\n»', 'csv');
    assert.deepStrictEqual(r.ids, [[1, '1']]);
    assert.deepStrictEqual(r.problems.map(([t]) => t), ['"']);
  });
});

describe('job IDs in JSON selections', () => {
  const monitors = '{"responseStatus":"SUCCESS","responseDetails":{"total":2,"limit":50},"data":[{"job_id":101,"created_by":61603,"status":"RUN¦NING"},{"job_id":"102","title":"x"}]}';

  it('yields exactly the jobs of a monitors response selected whole', () => {
    const { text } = marked(monitors);
    assert.deepStrictEqual(readable(text, extractJobIds(text, 'json', all(text))).ids, [[101, '101'], [102, '102']]);
  });

  it('takes the job whose object the cursor is in', () => {
    assert.deepStrictEqual(ids(monitors, 'json'), [101]);
  });

  it('takes arrays of IDs and reports what is not one', () => {
    const r = run('«{"ids":[1,2,"3",4.5], "total": 7, /* c */ }»', 'jsonc');
    assert.deepStrictEqual(r.ids.map(([id]) => id), [1, 2, 3]);
    assert.deepStrictEqual(r.problems.map(([t]) => t), ['4.5']);
  });

  it('reports syntax errors of truncated JSON, keeps what parses and never takes a number the end may have cut', () => {
    const r = run('«{"data":[{"job_id":5},{"job_id":6»', 'json');
    assert.deepStrictEqual(r.ids.map(([id]) => id), [5]);
    assert.deepStrictEqual(r.problems, [
      ['{', 'JSON syntax error: this brace is never closed'],
      ['6', '"6" is cut off by the end of the text, so it is not taken as a job ID'],
    ]);
  });
});

describe('job IDs in plain text and typed input', () => {
  it('counts integer tokens and reports only number-like ones', () => {
    const r = run('«Cancel jobs 123, 456 and 7.5 on 2024-05-01 at 12:30; v2 -3 #99.»', 'plaintext');
    assert.deepStrictEqual(r.ids.map(([id]) => id), [123, 456, 99]);
    assert.deepStrictEqual(r.problems.map(([t]) => t), ['7.5', '-3']);
  });

  it('parses typed IDs separated by commas, semicolons, spaces and lines', () => {
    const r = parseTypedIds('1, 2;3\n4 x 5.5');
    assert.deepStrictEqual(r.occurrences.map((o) => o.id), [1, 2, 3, 4]);
    assert.deepStrictEqual(r.problems.map((p) => p.message), [
      '"x" is not a job ID: job IDs are written with digits only',
      '"5.5" is not a job ID: job IDs are whole numbers',
    ]);
  });
});

describe('format and cheap check', () => {
  it('maps language IDs and file names', () => {
    assert.strictEqual(idFormatFor('csv', 'a.csv'), 'csv');
    assert.strictEqual(idFormatFor('csv (semicolon)', 'a.csv'), 'csv');
    assert.strictEqual(idFormatFor('tsv', 'a.tsv'), 'tsv');
    assert.strictEqual(idFormatFor('jsonc', 'a.json'), 'jsonc');
    assert.strictEqual(idFormatFor('plaintext', 'export.CSV'), 'csv');
    assert.strictEqual(idFormatFor('markdown', 'notes.md'), 'plaintext');
    assert.strictEqual(idFormatFor('jsonl', 'a.jsonl'), 'plaintext');
  });

  it('says whether a selection may hold an ID', () => {
    const { text, selections } = marked('name,job_id\n«Nightly»,101\n');
    assert.strictEqual(selectionMayHoldIds(text, 'csv', selections), true);
    assert.strictEqual(selectionMayHoldIds('name\nabc\n', 'csv', [{ start: 6, end: 8 }]), false);
  });
});
