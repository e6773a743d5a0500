// Vault's lists come a page at a time, each page linking to the next (next_page). A broken or hostile
// server can link pages forever or in a circle, so the walk over them is bounded here, once, for every
// list; where the pages come from (the endpoints over the transport) is the caller's to say.
import type { JobList, JobListKind, JobPage } from './types';

/** Where a paged reading stands, for `walkPages` callers that want to show it. */
export type PageNote = (note: string, complete: boolean) => void;

/** What the bounded walk needs of a page: Vault's count and its next_page link. */
export interface ListPage {
  total: number;
  nextPage?: string;
}

/** The pages of one list: its first page, the page a next_page link names, and how many rows a page holds. */
export interface PageSource<P extends ListPage = JobPage> {
  /** For notes: "Vault's job {kind} list". */
  readonly kind: JobListKind | 'tasks';
  first(): Promise<P>;
  follow(link: string): Promise<P>;
  rows(page: P): number;
}

/** Most pages one list reading follows by default: 100,000 jobs at 200 a page. */
export const defaultMaxListPages = 500;

/**
 * The pages of a list, following next_page within bounds: reading stops at a link already followed, at
 * an empty page that links on, at a link past Vault's own total, and after `maxPages` pages. A count that
 * disagrees with the rows (the 26.2 docs show total 3 beside two jobs and no next_page) is noted, never
 * an error: what came is shown. `onNote` hears each such note.
 */
export async function* walkPages<P extends ListPage>(source: PageSource<P>, maxPages: number, onNote: PageNote): AsyncGenerator<P, void, undefined> {
  const { kind } = source;
  const visited = new Set<string>();
  let page = await source.first();
  let rows = 0;
  for (let pages = 1; ; pages++) {
    yield page;
    const pageRows = source.rows(page);
    rows += pageRows;
    const link = page.nextPage;
    const cut = !link
      ? undefined
      : visited.has(link)
        ? `a page links back to one already read`
        : pageRows === 0
          ? `page ${pages} is empty yet links to another`
          : rows >= page.total
            ? `a page links past Vault's own total of ${page.total}`
            : pages >= maxPages
              ? `it has more than ${maxPages} pages`
              : undefined;
    if (cut) return onNote(`Vault's job ${kind} list was cut at ${rows} job(s) after ${pages} page(s): ${cut}.`, false);
    if (!link) {
      if (rows !== page.total) onNote(`Vault counts ${page.total} job ${kind} but its pages held ${rows}; showing the ${rows} it sent.`, true);
      return;
    }
    visited.add(link);
    page = await source.follow(link);
  }
}

/** Every job of a list, with whether it is complete and why not, for a view that shows it; `onNote` hears the notes too. */
export async function listAll(source: PageSource<JobPage>, maxPages: number, onNote?: PageNote): Promise<JobList> {
  const list: JobList = { jobs: [], complete: true };
  const notes: string[] = [];
  const note: PageNote = (text, complete) => {
    notes.push(text);
    list.complete &&= complete;
    onNote?.(text, complete);
  };
  for await (const page of walkPages(source, maxPages, note)) list.jobs.push(...page.jobs);
  return notes.length ? { ...list, note: notes.join(' ') } : list;
}
