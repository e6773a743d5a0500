// Vault pages its lists by offset. A job that leaves the Active list (it finished, or was cancelled)
// after page 1 was read moves every later job one place forward, so the page read next starts one job
// too late and that job is never seen; a job added in front moves them back and one is seen twice. A
// reading that moved cannot show that a job is absent, so callers that conclude from absence ("not
// active", "no match") read through here and learn whether the list held still.
//
// Signs of movement, at no extra call: Vault's total changing between pages, a job listed twice. At one
// extra call, for a list of more than one page: the first page read again at the end, which catches
// what the total hides when as many jobs finished at the front (running jobs are the oldest) as were
// queued at the end. Not caught: as many jobs leaving as arriving between two page reads with none of
// them on the first page; reading everything twice would catch that too, at twice the calls.
import type { VaultClient } from './client';
import type { Job, JobFilter, JobList, JobListKind, JobPage } from './types';

/** Watches one reading of a list, page by page, for signs that the list moved under it. */
export class ListMovement {
  private first: { total: number; ids: ReadonlySet<number> } | undefined;
  private readonly seen = new Set<number>();
  private pages = 0;
  private why: string | undefined;

  /** Why the reading is known to have moved; undefined while nothing shows it. */
  get moved(): string | undefined {
    return this.why;
  }

  observe(page: JobPage): void {
    this.pages++;
    if (!this.first) this.first = { total: page.total, ids: new Set(page.jobs.map((job) => job.job_id)) };
    else if (page.total !== this.first.total) this.why ??= `Vault counted ${this.first.total} jobs at the first page and ${page.total} at page ${this.pages}`;
    for (const job of page.jobs) {
      if (this.seen.has(job.job_id)) this.why ??= `job ${job.job_id} was listed twice`;
      this.seen.add(job.job_id);
    }
  }

  /** A single page cannot move while it is read; a reading already known to have moved needs no proof. */
  get worthRechecking(): boolean {
    return this.pages > 1 && this.why === undefined;
  }

  /** Compares the first page, read again after the last one, with its first reading. */
  recheck(again: JobPage): void {
    const first = this.first;
    if (!first) return;
    if (again.total !== first.total) this.why ??= `Vault counted ${first.total} jobs at the start and ${again.total} at the end`;
    else if (again.jobs.length !== first.ids.size || again.jobs.some((job) => !first.ids.has(job.job_id))) this.why ??= 'its first page changed meanwhile';
  }
}

export interface SettledList extends JobList {
  /** Why the list was seen to move in every reading; absent when one reading held still. */
  moved?: string;
  /** List calls made, the re-reads included. */
  calls: number;
}

export interface SettledReadingOptions<Stop> {
  signal?: AbortSignal;
  /** Readings at most, the first included (default 2). */
  readings?: number;
  /** Asked after each page: a value ends the reading at once, and is returned instead of a list. */
  checkPage?: (page: JobPage, at: { page: number; reading: number; calls: number }) => Stop | undefined;
  /** Asked before a list that moved is read again, with the calls that will take at least. */
  mayReadAgain?: (calls: number) => boolean;
}

/**
 * Reads a whole list, and reads it again while it moved (within `readings`). A reading that held still
 * is the answer alone. When none did, the jobs of all readings are kept, each once with its latest
 * status, since a job one reading skipped may be in another; the list is then marked incomplete and
 * `moved` says why. Rejects when a page fails, or on abort.
 */
export async function readSettledList<Stop = never>(client: VaultClient, kind: JobListKind, filter: JobFilter, options: SettledReadingOptions<Stop> = {}): Promise<SettledList | Stop> {
  const readings = options.readings ?? 2;
  const seen = new Map<number, Job>();
  let calls = 0;
  for (let reading = 1; ; reading++) {
    const movement = new ListMovement();
    const jobs: Job[] = [];
    const notes: string[] = [];
    let complete = true;
    let page = 0;
    const onNote = (note: string, whole: boolean) => {
      notes.push(note);
      complete &&= whole;
    };
    for await (const read of client.walkPages(kind, filter, options.signal, { onNote })) {
      calls++;
      page++;
      movement.observe(read);
      jobs.push(...read.jobs);
      const stop = options.checkPage?.(read, { page, reading, calls });
      if (stop !== undefined) return stop;
    }
    if (movement.worthRechecking) {
      movement.recheck(kind === 'monitors' ? await client.listMonitors(filter, options.signal) : await client.listHistories(filter, options.signal));
      calls++;
    }
    const moved = movement.moved;
    if (!moved) return { jobs, complete, calls, ...(notes.length ? { note: notes.join(' ') } : {}) };
    for (const job of jobs) seen.set(job.job_id, job); // a Map keeps each job at its first place, with its latest value
    if (reading >= readings || options.mayReadAgain?.(page + 1) === false) {
      const note = [...notes, `The list changed while it was read (${moved}), so it may be incomplete.`].join(' ');
      return { jobs: [...seen.values()], complete: false, moved, note, calls };
    }
  }
}
