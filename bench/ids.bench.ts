// Job ID extraction: speed and memory on generated exports, side by side with the parsers alone.
// Each case runs in its own child process (the same file with the case as argument), so that its
// peak RSS is its own; every child generates the same text the same way, so peaks compare fairly.
// Prints a table and one JSON line per measurement. Asserts nothing: figures, not tests.
import { spawnSync } from 'child_process';
import { parse as parseCsvStream } from 'csv-parse';
import { visit } from 'jsonc-parser';
import { extractJobIds, JsonCursorIndex, parseTypedIds, selectionMayHoldIds, type IdFormat, type TextSpan } from '../src/core/ids';
import { CsvTokenizer } from '../src/core/ids/csvTokenizer';
import { recordStartAt } from '../src/core/ids/recordStart';

const MB = 1024 * 1024;
const STATUSES = ['SCHEDULED', 'QUEUED', 'RUNNING', 'SUCCESS', 'ERRORS_ENCOUNTERED', 'CANCELLED'];
const TITLES = ['Nightly export, EU', 'Load "Sites" batch', 'Refresh renditions', 'Audit trail – Q3', 'Study sync für Zürich'];

/** A Vault job instance export of about `mb` MB (UTF-16 code units), CRLF, quoted titles. */
function exportCsv(mb: number): { text: string; rows: number; rowStarts: (row: number) => number } {
  const chunks: string[] = ['job_id,job_name,title,status,created_by,created_date\r\n'];
  let size = chunks[0].length;
  let rows = 0;
  let block: string[] = [];
  while (size < mb * MB) {
    const t = TITLES[rows % TITLES.length];
    const line = `${140000000 + rows},vault_loader_${rows % 97}__c,"${t.replace(/"/g, '""')}",${STATUSES[rows % 6]},${61600 + (rows % 500)},2025-06-${String(1 + (rows % 28)).padStart(2, '0')}T02:00:00.000Z\r\n`;
    block.push(line);
    size += line.length;
    rows++;
    if (block.length === 10000) {
      chunks.push(block.join(''));
      block = [];
    }
  }
  chunks.push(block.join(''));
  const text = chunks.join('');
  // Rows all have the same length pattern only per title; find a row's start by scanning back.
  const rowStarts = (row: number) => {
    const needle = `\r\n${140000000 + row},`;
    return text.indexOf(needle) + 2;
  };
  return { text, rows, rowStarts };
}

function monitorsJson(mb: number): { text: string; jobs: number } {
  const parts: string[] = [];
  let size = 0;
  let jobs = 0;
  while (size < mb * MB) {
    const job = `    {"job_id": ${150000000 + jobs}, "title": "${TITLES[jobs % TITLES.length].replace(/"/g, '\\"')}", "status": "${STATUSES[jobs % 6]}", "run_start_date": "2025-06-01T02:00:00.000Z", "created_by": ${61600 + (jobs % 500)}, "created_date": "2025-05-30T10:00:00.000Z", "modified_by": 61610, "job_name": "nightly_export__c", "job_type": "scheduled_action"}`;
    parts.push(job);
    size += job.length + 3;
    jobs++;
  }
  const text = `{\r\n  "responseStatus": "SUCCESS",\r\n  "responseDetails": {"total": ${jobs}, "offset": 0, "limit": ${jobs}},\r\n  "data": [\r\n${parts.join(',\r\n')}\r\n  ]\r\n}\r\n`;
  return { text, jobs };
}

/** One-line inputs built to hit the worst case of a scanner or a pattern: what a damaged file or a
 * paste into the IDs box can hold. Each about `mb` MB. */
function pathological(kind: string, mb: number): string {
  const n = mb * MB;
  switch (kind) {
    case 'digit-comma':
      return '1,'.repeat(n / 2);
    case 'quotes':
      return '"'.repeat(n);
    case 'digit-space':
      return '1 '.repeat(n / 2);
    case 'digits-then-letter':
      return `${'1'.repeat(n - 1)}x`;
    case 'one-cell':
      return `job_id,title\n1,"${'a 1,'.repeat(n / 4)}"\n`;
    // JSON whose every few characters are a value that is not a job ID or a syntax error.
    case 'json-1-space':
      return `[${'1 '.repeat(n / 2 - 1)}]`;
    case 'json-1-minus':
      return `[${'1-'.repeat(n / 2 - 1)}]`;
    case 'json-minus-0':
      return `[${'-0'.repeat(n / 2 - 1)}]`;
    case 'json-bad-escape':
      return `[${'"\\x",'.repeat(n / 5)}]`;
    case 'jsonc-comment-starts':
      return '/*'.repeat(n / 2);
  }
  throw new Error(`unknown input ${kind}`);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(runs: number, f: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = f(); // warm-up, also the kept result
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = process.hrtime.bigint();
    result = f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(times), result };
}

/** Two functions timed in turn, run after run: their medians, and the second one's last result. */
function alternate<A, B>(runs: number, first: () => A, second: () => B): [{ ms: number }, { ms: number; result: B }] {
  first();
  let result = second();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    let t0 = process.hrtime.bigint();
    first();
    a.push(Number(process.hrtime.bigint() - t0) / 1e6);
    gc();
    t0 = process.hrtime.bigint();
    result = second();
    b.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [{ ms: median(a) }, { ms: median(b), result }];
}

async function csvParseMs(text: string): Promise<number> {
  // csv-parse as a stream with records dropped on arrival: the parser's own cost, without keeping
  // a million records in memory (which would only make it slower).
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const parser = parseCsvStream({ bom: true, relax_quotes: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] });
    parser.on('readable', () => {
      while (parser.read() !== null) {
        // drop
      }
    });
    parser.on('end', resolve);
    parser.on('error', reject);
    for (let i = 0; i < text.length; i += MB) parser.write(text.slice(i, i + MB));
    parser.end();
  });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

interface Result {
  bench: string;
  [k: string]: string | number;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const peakRssMb = () => round((process.resourceUsage().maxRSS * 1024) / MB);

/** One case, run in a child process: prints its result as one JSON line. */
async function runCase(name: string): Promise<Result> {
  const [kind, mbText, what] = name.split(':');
  const mb = Number(mbText);
  if (kind === 'csv') {
    const { text, rows, rowStarts } = exportCsv(mb);
    const runs = mb >= 100 ? 3 : 15;
    const sel: TextSpan[] = what === 'all' || what === 'parser' ? [{ start: 0, end: text.length }] : [{ start: rowStarts(rows - 1000), end: text.length }];
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    if (what === 'parser') {
      const times: number[] = [];
      await csvParseMs(text);
      for (let i = 0; i < runs; i++) {
        gc();
        times.push(await csvParseMs(text));
      }
      return { bench: 'csv-parse', mb, selection: 'all', ms: round(median(times)), peakRssMB: peakRssMb(), rssBeforeMB: round(rssBefore / MB) };
    }
    const { ms, result } = time(runs, () => extractJobIds(text, 'csv', sel));
    gc();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    // The IDs are kept compact; the extension reads them as objects once, which costs this much more.
    const t0 = process.hrtime.bigint();
    const objects = result.occurrences.length;
    const occurrencesMs = Number(process.hrtime.bigint() - t0) / 1e6;
    return {
      bench: 'ids-csv', mb, selection: what === 'all' ? 'all' : '1000 rows', rows, ids: objects, problems: result.problems.length,
      ms: round(ms), occurrencesMs: round(occurrencesMs), idsPerSecond: Math.round(result.idCount / (ms / 1000)),
      peakRssMB: peakRssMb(), rssBeforeMB: round(rssBefore / MB), retainedHeapMB: round(retained / MB),
    };
  }
  if (kind === 'skip') {
    // Where a 1,000-row selection at the end of the file starts: the quote-jumping finder against
    // tokenizing every field up to there (what the extraction would do without it).
    const { text, rows, rowStarts } = exportCsv(mb);
    const target = rowStarts(rows - 1000);
    const finder = time(5, () => recordStartAt(text, ',', 0, target));
    const tokenizer = time(5, () => {
      const t = new CsvTokenizer(text, ',');
      while (t.next() && t.fieldStart < target) {
        // walk
      }
      return t.fieldStart;
    });
    return { bench: 'ids-csv-record-start', mb, ms: round(finder.ms, 2), tokenizeMs: round(tokenizer.ms, 2), ratio: round(finder.ms / tokenizer.ms, 3) };
  }
  if (kind === 'json') {
    const { text, jobs } = monitorsJson(mb);
    const all = [{ start: 0, end: text.length }];
    const visitOnly = () => {
      let literals = 0;
      visit(text, { onLiteralValue: () => literals++ });
      return literals;
    };
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    // Alternated run by run, so that a shared machine's load drifts over both alike.
    const [base, { ms, result }] = alternate(9, visitOnly, () => extractJobIds(text, 'json', all));
    gc();
    return {
      bench: 'ids-json', mb, selection: 'all', jobs, ids: result.idCount, ms: round(ms), baselineMs: round(base.ms), ratio: round(ms / base.ms, 2),
      idsPerSecond: Math.round(result.idCount / (ms / 1000)), retainedHeapMB: round((process.memoryUsage().heapUsed - heapBefore) / MB), peakRssMB: peakRssMb(),
    };
  }
  if (kind === 'patho') {
    // `what` is the input's kind, `name.split(':')[3]` the reader: a format, or the IDs box.
    const reader = name.split(':')[3];
    const text = pathological(what, mb);
    const all = [{ start: 0, end: text.length }];
    const read = () => (reader === 'typed' ? parseTypedIds(text) : extractJobIds(text, reader as IdFormat, all));
    // Memory first, before the normal export is made: how far the peak RSS rises over what the
    // process holds with the text made (the text is one byte per character here).
    gc();
    const rssBefore = process.memoryUsage().rss;
    read();
    const growthMB = round(Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore) / MB);
    // The normal case it is compared with, a select-all of a 10 MB export, is timed in turn with it.
    const normal = exportCsv(mb).text;
    const normalAll = [{ start: 0, end: normal.length }];
    const [base, { ms, result }] = alternate(3, () => extractJobIds(normal, 'csv', normalAll), read);
    return {
      bench: 'ids-pathological', mb, input: what, reader, ms: round(ms), baselineMs: round(base.ms), ratio: round(ms / base.ms, 2),
      ids: result.idCount, problems: result.problemCount, overLimit: result.tooManyValues ? 'yes' : 'no', peakRssMB: peakRssMb(),
      textMB: round(text.length / MB), rssGrowthMB: growthMB,
    };
  }
  if (kind === 'cursor') {
    // What a cursor costs without an index: the ID under a cursor in the middle of an export, CSV
    // against JSON (which parses the file from its start: what the JSON cursor index saves).
    const text = what === 'json' ? monitorsJson(mb).text : exportCsv(mb).text;
    const middle = text.indexOf(what === 'json' ? '"job_id": ' : '\r\n', text.length >> 1) + (what === 'json' ? 11 : 4);
    const { ms, result } = time(15, () => extractJobIds(text, what === 'json' ? 'json' : 'csv', [{ start: middle, end: middle }]));
    return { bench: 'ids-cursor', mb, selection: `cursor ${what}`, ms: round(ms, 2), ids: result.occurrences.length };
  }
  if (kind === 'index') {
    // The light bulb at a cursor in JSON, from the document's cursor index: built once per version,
    // asked on every cursor move, moved along by typing inside a title.
    const { text, jobs } = monitorsJson(mb);
    const build = time(mb >= 20 ? 3 : 9, () => JsonCursorIndex.build(text, true));
    const index = build.result;
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const queries = 2000;
    const at = Array.from({ length: queries }, () => Math.floor(random() * text.length));
    let found = 0;
    let worstQuery = 0;
    let t0 = process.hrtime.bigint();
    for (const offset of at) {
      const q0 = process.hrtime.bigint();
      found += index.idsAt([offset]).length;
      worstQuery = Math.max(worstQuery, Number(process.hrtime.bigint() - q0) / 1e6);
    }
    const queryMs = Number(process.hrtime.bigint() - t0) / 1e6 / queries;
    // Typing one character at a time into a title in the middle of the file.
    let typeAt = text.indexOf('"title": "', text.length >> 1) + 11;
    const edits = 200;
    t0 = process.hrtime.bigint();
    let followed = 0;
    for (let i = 0; i < edits; i++) if (index.applyEdits([{ rangeOffset: typeAt++, rangeLength: 0, text: 'x' }])) followed++;
    const editMs = Number(process.hrtime.bigint() - t0) / 1e6 / edits;
    return {
      bench: 'ids-cursor-index', mb, jobs, buildMs: round(build.ms), queryMs: round(queryMs, 4), worstQueryMs: round(worstQuery, 3),
      cursorsOnAJob: round(found / queries, 2), editMs: round(editMs, 3), editsFollowed: followed, peakRssMB: peakRssMb(),
    };
  }
  if (kind === 'mayhold') {
    const { text, rows, rowStarts } = exportCsv(mb);
    const selections: Record<string, TextSpan[]> = {
      'cursor': [{ start: rowStarts(rows >> 1) + 3, end: rowStarts(rows >> 1) + 3 }],
      '3 rows': [{ start: rowStarts(rows >> 1), end: rowStarts((rows >> 1) + 3) }],
      'all': [{ start: 0, end: text.length }],
    };
    const sel = selections[what];
    const n = 20000;
    let yes = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (selectionMayHoldIds(text, 'csv', sel)) yes++;
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
    return { bench: 'ids-may-hold', mb, selection: what, us: round(us, 3), answer: yes === n ? 'true' : 'false' };
  }
  throw new Error(`unknown case ${name}`);
}

const CASES = [
  'csv:10:all', 'csv:10:parser', 'csv:10:rows', 'csv:100:all', 'csv:100:parser', 'csv:100:rows',
  'skip:100', 'json:10', 'cursor:0.25:csv', 'cursor:0.25:json', 'cursor:2:csv', 'cursor:2:json', 'index:0.25', 'index:2', 'index:20', 'mayhold:10:cursor', 'mayhold:10:3 rows', 'mayhold:10:all',
  ...['digit-comma', 'quotes', 'digit-space', 'digits-then-letter', 'one-cell'].flatMap((input) =>
    ['csv', 'plaintext', 'json', 'typed'].map((reader) => `patho:10:${input}:${reader}`)),
  ...['json-1-space', 'json-1-minus', 'json-minus-0', 'json-bad-escape'].map((input) => `patho:10:${input}:json`),
  'patho:10:jsonc-comment-starts:jsonc',
];

function main(): void {
  const results: Result[] = [];
  for (const c of CASES) {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, c], { encoding: 'utf8', maxBuffer: 16 * MB });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) throw new Error(`case ${c} failed: ${child.stderr}`);
    results.push(JSON.parse(line) as Result);
  }
  const parser = (mb: number) => results.find((r) => r.bench === 'csv-parse' && r.mb === mb);
  for (const r of results) {
    if (r.bench === 'ids-csv') {
      const p = parser(r.mb as number);
      if (p) Object.assign(r, { baselineMs: p.ms, ratio: round((r.ms as number) / (p.ms as number), 3), baselinePeakRssMB: p.peakRssMB });
    }
  }
  const all10 = results.find((r) => r.bench === 'ids-csv' && r.mb === 10 && r.selection === 'all');
  const all100 = results.find((r) => r.bench === 'ids-csv' && r.mb === 100 && r.selection === 'all');
  if (all10 && all100) results.push({ bench: 'ids-csv-scaling', selection: 'all', ms10: all10.ms, ms100: all100.ms, ratio: round((all100.ms as number) / (all10.ms as number), 2) });

  console.log('bench                 MB  selection   ms        baseline ms  ratio  IDs/s        peak RSS MB (parser)  retained heap MB');
  for (const r of results) {
    const cell = (k: string, w: number) => String(r[k] ?? '').padEnd(w);
    if (r.bench === 'ids-may-hold') console.log(`${cell('bench', 22)}${cell('mb', 4)}${cell('selection', 12)}${String(r.us)} µs per call (answer ${r.answer})`);
    else if (r.bench === 'ids-csv-scaling') console.log(`${cell('bench', 22)}    all         100 MB ${r.ms100} ms / 10 MB ${r.ms10} ms = ${r.ratio}`);
    else if (r.bench === 'ids-pathological') console.log(`${cell('bench', 22)}${cell('mb', 4)}${`${r.input} as ${r.reader}`.padEnd(34)}${cell('ms', 10)}${String(r.ratio)}× the 10 MB CSV select-all timed with it (${r.baselineMs} ms; ${r.overLimit === 'yes' ? 'over the limit of IDs: 1 problem, nothing to cancel' : `${r.ids} IDs, ${r.problems} problems`}); peak RSS +${r.rssGrowthMB} MB over the ${r.textMB} MB text`);
    else if (r.bench === 'ids-cursor-index') console.log(`${cell('bench', 22)}${cell('mb', 5)}built in ${r.buildMs} ms; a cursor ${r.queryMs} ms (worst ${r.worstQueryMs} ms); typing in a title ${r.editMs} ms per character (${r.editsFollowed} of 200 followed)`);
    else if (r.bench === 'ids-cursor') console.log(`${cell('bench', 22)}${cell('mb', 5)}${cell('selection', 12)}${String(r.ms)} ms, ${String(r.ids)} ID found`);
    else if (r.bench === 'ids-csv-record-start') console.log(`${cell('bench', 22)}${cell('mb', 4)}to row -1000 ${r.ms} ms finder vs ${r.tokenizeMs} ms tokenizing (${r.ratio})`);
    else console.log(`${cell('bench', 22)}${cell('mb', 4)}${cell('selection', 12)}${cell('ms', 10)}${cell('baselineMs', 13)}${cell('ratio', 7)}${cell('idsPerSecond', 13)}${String(r.peakRssMB ?? '')}${r.baselinePeakRssMB !== undefined ? ` (${r.baselinePeakRssMB})` : ''}`.padEnd(125) + String(r.retainedHeapMB ?? '') + (r.occurrencesMs !== undefined ? `   (+${r.occurrencesMs} ms to read the IDs as objects)` : ''));
  }
  for (const r of results) console.log(JSON.stringify(r));
}

if (process.argv[2] !== undefined) {
  runCase(process.argv[2]).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main();
}
