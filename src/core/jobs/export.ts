// Job lists as CSV or JSON text: "Export Jobs" and the review document of "Cancel Jobs Matching…".
// The shape is the one the cancel-from-file flow reads (a job_id column, or job_id keys), so an
// export can be edited and cancelled from as is; the ranges of the job_id values come with the text
// so the editor can select exactly them. Written here rather than with csv-stringify because the
// ranges fall out of building the text, and the quoting rule is four lines.
import type { TextSpan } from '../ids';
import type { Job } from '../vault';

/** Vault's field names, in this order (the cancel flow finds the job_id column by its header). */
export const exportColumns = ['job_id', 'title', 'status', 'created_by', 'created_date', 'run_start_date'] as const;

export type ExportFormat = 'csv' | 'json';

export interface JobsExport {
  text: string;
  /** One per job, in order: the UTF-16 span of its job_id digits. */
  idRanges: TextSpan[];
}

export function exportJobs(jobs: readonly Job[], format: ExportFormat): JobsExport {
  return format === 'csv' ? jobsToCsv(jobs) : jobsToJson(jobs);
}

/** RFC 4180, with '\n' line ends (an untitled editor normalises them anyway). */
export function jobsToCsv(jobs: readonly Job[]): JobsExport {
  let text = `${exportColumns.join(',')}\n`;
  const idRanges: TextSpan[] = [];
  for (const job of jobs) {
    const id = String(job.job_id);
    idRanges.push({ start: text.length, end: text.length + id.length });
    text += [id, ...exportColumns.slice(1).map((column) => csvField(job[column]))].join(',') + '\n';
  }
  return { text, idRanges };
}

/**
 * Quotes a field only when it must be: a delimiter, quote or line break, or spaces a reader might trim.
 * Text that a spreadsheet would run as a formula (a title such as `=HYPERLINK(…)`, or starting with
 * `+`, `-`, `@`, a tab or a carriage return) is neutralised as OWASP recommends against CSV injection:
 * a single quote before it, and the cell quoted. Numbers are written as they are; job IDs never start
 * with such a character, so the cancel-from-file flow still reads an export's IDs exactly.
 */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && formulaStart.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first characters with which a spreadsheet cell becomes a formula (OWASP, CSV Injection). */
const formulaStart = /^[=+\-@\t\r]/;

export interface TextPosition {
  line: number;
  character: number;
}

/**
 * Where each of `offsets` (ascending) is in `text`, as a line and a character in it. An editor may
 * change the line breaks of a text it opens: VS Code makes them all \n or all \r\n, whichever most of
 * them are, so a title holding \r\n in an export joined by \n moves every later offset. The line and
 * the character stay, since \r\n, \r and \n are one line break each either way.
 */
export function linePositions(text: string, offsets: readonly number[]): TextPosition[] {
  const positions: TextPosition[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let line = 0;
  let lineStart = 0;
  for (const offset of offsets) {
    lineBreak.lastIndex = lineStart;
    for (let found = lineBreak.exec(text); found && found.index < offset; found = lineBreak.exec(text)) {
      line++;
      lineStart = found.index + found[0].length;
    }
    positions.push({ line, character: offset - lineStart });
  }
  return positions;
}

/** `{ "jobs": [ { "job_id": …, … } ] }`, like a saved monitors answer. */
export function jobsToJson(jobs: readonly Job[]): JobsExport {
  // Pieces joined once: appending 50,000 jobs field by field to one string is several times slower.
  const pieces = ['{\n  "jobs": ['];
  let length = pieces[0].length;
  const idRanges: TextSpan[] = [];
  jobs.forEach((job, index) => {
    const id = String(job.job_id);
    const head = `${index === 0 ? '' : ','}\n    {\n      "job_id": `;
    const fields = exportColumns.slice(1).map((column) => `,\n      "${column}": ${JSON.stringify(job[column] ?? null)}`).join('');
    const piece = `${head}${id}${fields}\n    }`;
    idRanges.push({ start: length + head.length, end: length + head.length + id.length });
    pieces.push(piece);
    length += piece.length;
  });
  pieces.push(`${jobs.length === 0 ? '' : '\n  '}]\n}\n`);
  return { text: pieces.join(''), idRanges };
}
