// The cursor index of a JSON document answers as a full extraction does at the same cursors: on
// every JSON file of the fixtures, on generated job lists and on damaged text, at random cursors,
// and after random edits, whether it followed them (typing inside a plain string) or was rebuilt.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extractJobIds } from '../../../src/core/ids';
import type { IdOccurrence } from '../../../src/core/ids/types';
import { JsonCursorIndex, type TextChange } from '../../../src/core/ids/jsonCursorIndex';
import { seededRandom } from '../../simulator/seededRandom';
import { randomDamagedJson } from './random';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

function jsonFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return jsonFixtures(file);
    return e.name.endsWith('.json') && !e.name.endsWith('.expected.json') ? [file] : [];
  });
}

/** A monitors-like answer: jobs with titles, owners, ID lists, nested objects. */
function jobList(r: () => number): string {
  const jobs = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => {
    const id = 1000 + Math.floor(r() * 1e6);
    const idText = r() < 0.3 ? `"${id}"` : String(id);
    const key = r() < 0.7 ? 'job_id' : 'id';
    return `    {"title": "Export ${i}", "${key}": ${idText}, "owner": {"id": 61603, "name": "Ann"}, "status": "QUEUED"${r() < 0.3 ? `, "ids": [${id + 1}, ${id + 2}]` : ''}}`;
  });
  return `{\n  "responseStatus": "SUCCESS",\n  "data": [\n${jobs.join(',\n')}\n  ]${r() < 0.3 ? ',\n  "job_ids": [5, "6", 7]' : ''}\n}\n`;
}

function expected(text: string, strict: boolean, offsets: number[]): IdOccurrence[] {
  return extractJobIds(text, strict ? 'json' : 'jsonc', offsets.map((o) => ({ start: o, end: o }))).occurrences;
}

function cursors(r: () => number, length: number): number[] {
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * (length + 1)));
}

/** A few changes that do not overlap, in offsets of `text`: typing, deleting, pasting. */
function randomChanges(r: () => number, text: string): TextChange[] {
  const pieces = ['a', 'x y', 'é', '1', '42', '"', '\\', '{', '}', ',', ' ', '\n', '', '🚀', ']', ':'];
  const changes: TextChange[] = [];
  let from = 0;
  for (let k = 0; k < 1 + Math.floor(r() * 3) && from <= text.length; k++) {
    // Most edits inside a title, where the index follows them; the rest anywhere.
    const title = text.indexOf('"Export ', from);
    const offset = title >= 0 && r() < 0.7 ? title + 1 + Math.floor(r() * 8) : from + Math.floor(r() * (text.length - from + 1));
    if (offset > text.length) break;
    const rangeLength = Math.min(text.length - offset, r() < 0.6 ? 0 : Math.floor(r() * 3));
    changes.push({ rangeOffset: offset, rangeLength, text: pieces[Math.floor(r() * pieces.length)] });
    from = offset + rangeLength + 1;
  }
  return changes;
}

function applied(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  return out;
}

describe('cursor index of a JSON document', function () {
  this.timeout(60000);

  it('answers as a full extraction at random cursors in every JSON fixture', () => {
    const files = jsonFixtures(FIXTURES);
    assert.ok(files.length > 40, String(files.length));
    const r = seededRandom(7);
    let ids = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const strict of [true, false]) {
        const index = JsonCursorIndex.build(text, strict);
        for (let k = 0; k < 40; k++) {
          const at = cursors(r, text.length);
          const want = expected(text, strict, at);
          ids += want.length;
          assert.deepStrictEqual(index.idsAt(at), want, `${path.relative(FIXTURES, file)} ${strict ? 'json' : 'jsonc'} at ${at.join(', ')}`);
        }
      }
    }
    assert.ok(ids > 1000, `the cursors met job IDs (${ids})`);
  });

  it('answers as a full extraction on generated job lists and damaged text, and after random edits', () => {
    let followed = 0;
    let rebuilt = 0;
    for (let seed = 1; seed <= 800; seed++) {
      const r = seededRandom(seed);
      let text = seed % 2 === 0 ? jobList(r) : randomDamagedJson(r);
      const strict = r() < 0.5;
      let index = JsonCursorIndex.build(text, strict);
      for (let step = 0; step < 6; step++) {
        for (let k = 0; k < 5; k++) {
          const at = cursors(r, text.length);
          assert.deepStrictEqual(index.idsAt(at), expected(text, strict, at), `seed ${seed} step ${step} ${JSON.stringify(text.slice(0, 300))} at ${at.join(', ')}`);
        }
        const changes = randomChanges(r, text);
        text = applied(text, changes);
        if (index.applyEdits(changes)) followed++;
        else {
          rebuilt++;
          index = JsonCursorIndex.build(text, strict);
        }
      }
    }
    // Both ways are taken often.
    assert.ok(followed > 500 && rebuilt > 500, `followed ${followed}, rebuilt ${rebuilt}`);
  });

  it('follows typing inside a title, and refuses an edit that touches a job ID, a key or a quote', () => {
    const text = '{"data": [{"title": "Nightly", "job_id": 1046892}]}';
    const title = text.indexOf('Nightly');
    const index = JsonCursorIndex.build(text, true);
    assert.strictEqual(index.applyEdits([{ rangeOffset: title + 7, rangeLength: 0, text: ' export, EU' }]), true);
    const typed = text.replace('Nightly', 'Nightly export, EU');
    const at = typed.indexOf('1046892');
    assert.deepStrictEqual(index.idsAt([at]), [{ id: 1046892, range: { start: at, end: at + 7 } }]);
    for (const change of [
      { rangeOffset: typed.indexOf('1046892') + 3, rangeLength: 0, text: '5' },
      { rangeOffset: typed.indexOf('job_id') + 1, rangeLength: 0, text: 'x' },
      { rangeOffset: typed.indexOf('Nightly'), rangeLength: 0, text: 'a"' },
      { rangeOffset: typed.indexOf('Nightly') - 1, rangeLength: 1, text: '' },
    ]) assert.strictEqual(index.applyEdits([change]), false, JSON.stringify(change));
  });
});
