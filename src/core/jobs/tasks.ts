// An SDK job's tasks as the Jobs view shows them under the job's row: read on demand, a page at a
// time ("Load more tasks…", like History's "Load more…"), within the client's bounded walk over
// next_page links, so a server that links pages in a circle or past its own count ends the list
// with a note instead of repeating tasks.
import type { JobTask, JobTaskPage, PageNote } from '../vault';

export interface JobTasksClient {
  taskPages(id: number, signal?: AbortSignal, onNote?: PageNote): AsyncIterator<JobTaskPage, void, undefined>;
}

export class JobTaskPages {
  private readonly loadedTasks: JobTask[] = [];
  private pages: AsyncIterator<JobTaskPage, void, undefined> | undefined;
  private last: JobTaskPage | undefined;
  private ended = false;
  private cutNote: string | undefined;
  private reading: Promise<void> | undefined;

  constructor(readonly jobId: number, private readonly client: JobTasksClient) {}

  /** The tasks read so far, in Vault's order. */
  get tasks(): readonly JobTask[] {
    return this.loadedTasks;
  }

  /** Vault's count of the job's tasks, once a page has been read. */
  get total(): number | undefined {
    return this.last?.total;
  }

  /** Whether a page has been read. */
  get started(): boolean {
    return this.last !== undefined;
  }

  /** Vault links to another page and the reading was not cut. */
  get hasMore(): boolean {
    return !this.ended && this.last?.nextPage !== undefined;
  }

  /** Why the list ends before Vault's last page, or how it disagrees with Vault's count. */
  get note(): string | undefined {
    return this.cutNote;
  }

  /**
   * Reads the first page, or the next one; nothing after the last. Concurrent calls share one read, so
   * two clicks on "Load more tasks…" read one page, not two.
   */
  loadMore(signal?: AbortSignal): Promise<void> {
    this.reading ??= this.readPage(signal).finally(() => { this.reading = undefined; });
    return this.reading;
  }

  private async readPage(signal?: AbortSignal): Promise<void> {
    if (this.ended || (this.last && !this.last.nextPage)) return;
    this.pages ??= this.client.taskPages(this.jobId, signal, (note) => { this.cutNote = note; });
    const step = await this.pages.next();
    if (step.done) {
      this.ended = true;
      return;
    }
    this.last = step.value;
    this.loadedTasks.push(...step.value.tasks);
  }
}
