// Grouping, criteria matching, export and cancel-run journals at crisis sizes (50,000 active jobs,
// runs of 5,000 IDs), side by side with a baseline in the same run. Prints a table and one JSON line
// per measurement. Asserts nothing: figures, not tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extractJobIds } from '../src/core/ids';
import { matchJobs, parseJobCriteria, type JobCriteriaInput } from '../src/core/jobs/criteria';
import { exportJobs } from '../src/core/jobs/export';
import { groupJobs } from '../src/core/jobs/grouping';
import { Redactor } from '../src/core/log';
import { RunStore } from '../src/core/runs/store';
import type { Job } from '../src/core/vault';

const TITLES = ['Nightly export, EU', 'Load "Sites" batch', 'Refresh renditions', 'Audit trail – Q3', 'Study sync für Zürich', 'SDK: Sync CRM Accounts'];
const STATUSES = ['SCHEDULED', 'QUEUED', 'QUEUEING', 'RUNNING'];

function jobs(n: number): Job[] {
  return Array.from({ length: n }, (_, i) => ({
    job_id: 140_000_000 + i, title: `${TITLES[i % TITLES.length]}${i % 7 === 0 ? ` #${i % 300}` : ''}`, status: STATUSES[i % 4], created_by: 61600 + (i % 50),
    created_date: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), run_start_date: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
  }));
}

async function time<T>(runs: number, f: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = await f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const rows: { what: string; ms: number; note: string }[] = [];
function report(what: string, ms: number, note = ''): void {
  rows.push({ what, ms, note });
  console.log(JSON.stringify({ bench: 'features', what, ms: Number(ms.toFixed(2)), note }));
}

async function main(): Promise<void> {
  const active = jobs(50_000);

  for (const mode of ['title', 'status'] as const) {
    const { ms, result } = await time(5, () => groupJobs(active, mode, 'active'));
    report(`group 50,000 jobs by ${mode}`, ms, `${result.length} groups`);
  }

  const criteria = (input: JobCriteriaInput) => {
    const parsed = parseJobCriteria(input);
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    return parsed.criteria;
  };
  const contains = await time(5, () => matchJobs(active, criteria({ title: 'crm', statuses: ['QUEUED', 'SCHEDULED'] })));
  report('match 50,000 jobs: title contains', contains.ms, `${contains.result.length} match`);
  const regex = await time(5, () => matchJobs(active, criteria({ title: '^sdk: .*crm', titleMode: 'regex', statuses: ['QUEUED', 'SCHEDULED'] })));
  report('match 50,000 jobs: title regex (worker)', regex.ms, `${regex.result.length} match; ×${(regex.ms / contains.ms).toFixed(1)} of contains`);

  for (const format of ['csv', 'json'] as const) {
    const made = await time(5, () => exportJobs(active, format));
    report(`export 50,000 jobs as ${format}`, made.ms, `${(made.result.text.length / 1024 / 1024).toFixed(1)} M chars`);
    const extracted = await time(3, () => extractJobIds(made.result.text, format, made.result.idRanges));
    report(`  extract its ${made.result.idRanges.length} job_id selections`, extracted.ms, `×${(extracted.ms / made.ms).toFixed(1)} of the export`);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-runs-bench-'));
  try {
    const store = new RunStore(dir, new Redactor());
    const ids = active.slice(0, 5000).map((j) => j.job_id);
    const journalled = await time(5, () => {
      const journal = store.begin({ vault: { dns: 'bench.veevavault.example' }, user: { id: 1 }, source: 'file', ids });
      const observer = journal.observer();
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500);
        observer.beforeSend(batch).answered(batch.map((jobId) => ({ jobId, status: 'success' as const })));
      }
      journal.finish({ stopped: false, requestsSent: 10, outcomes: new Map(ids.map((id) => [id, { kind: 'accepted', state: 'CANCELLING', verified: false }])) });
      journal.close();
      return journal.file;
    });
    const bytes = fs.statSync(journalled.result).size;
    const raw = await time(5, () => {
      const file = path.join(dir, `raw-${Math.random()}`);
      fs.writeFileSync(file, fs.readFileSync(journalled.result));
      fs.rmSync(file);
    });
    const lines = fs.readFileSync(journalled.result, 'utf8').trimEnd().split('\n').length;
    report(`journal a 5,000-ID run (${lines} fsync'd lines)`, journalled.ms, `${(bytes / 1024).toFixed(0)} kB; one unsynced write of it: ${raw.ms.toFixed(2)} ms`);
    for (let i = (await store.list()).length; i < 50; i++) {
      const journal = store.begin({ vault: { dns: 'bench.veevavault.example' }, user: { id: 1 }, source: 'file', ids });
      journal.finish({ stopped: false, requestsSent: 10, outcomes: new Map(ids.map((id) => [id, { kind: 'accepted', state: 'CANCELLING', verified: false }])) });
      journal.close();
    }
    const listed = await time(3, () => store.list());
    report('list 50 kept runs of 5,000 IDs', listed.ms, `${listed.result.length} runs`);
    const stopped = await time(3, () => store.stoppedRuns());
    report('find stopped runs among them (start-up)', stopped.ms, `${stopped.result.length} stopped`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log('');
  for (const row of rows) console.log(`${row.what.padEnd(48)} ${row.ms.toFixed(2).padStart(9)} ms  ${row.note}`);
}

void main();
