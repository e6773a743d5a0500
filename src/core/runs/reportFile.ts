// A run's CSV report on disk, beside the journals: owner-only like them (it names the Vault, the user
// and every job), and written so that nothing already in the folder decides where the text goes. It
// is written under a fresh name (created exclusively, never through a link) and then renamed over
// the report's name: a symbolic link planted there is replaced, never followed.
import * as fs from 'fs';
import * as path from 'path';
import type { Redactor } from '../log';
import { replaceFile } from '../privateFile';
import type { RunAnalysis } from './analysis';
import type { RunFinals } from './finals';
import { reportFileName, runReportCsv } from './report';
import { keepRuns } from './store';

const reportSuffix = '.csv';

/** Writes the run's report into `directory` and returns its path; as many reports are kept as runs. */
export function writeRunReport(directory: string, run: RunAnalysis, redactor: Redactor, finals?: RunFinals): string {
  const file = path.join(directory, reportFileName(run));
  replaceFile(file, runReportCsv(run, redactor, finals));
  pruneReports(directory);
  return file;
}

/** Names start with the run's start time, so the oldest sort first. */
function pruneReports(directory: string): void {
  const names = fs.readdirSync(directory, { withFileTypes: true })
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(reportSuffix)).map((entry) => entry.name).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keepRuns))) fs.rmSync(path.join(directory, name), { force: true });
}
