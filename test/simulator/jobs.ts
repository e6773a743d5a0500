// The job store and its state machine. State moves on the simulator's clock: every read first
// applies the transitions that have come due (`settle`), so a ManualClock.advance moves jobs.
import { isoTime, type SimulatorClock } from './clock';
import { isTerminal, type JobStatus, type SimJob } from './jobModel';
import { Timeline } from './timeline';

export interface JobRules {
  cancellableStates: readonly string[];
  cancelDelayMs: number;
  startNowQueueingMs: number;
  startNowQueueMs: number;
  startNowRunMs: number;
  /** created_by/modified_by of jobs added without one. */
  defaultUserId: number;
}

export type CancelResult = 'cancelling' | 'notEligible';
export type StartResult = 'started' | 'notFound' | 'notScheduled';

export class JobStore {
  private readonly byId = new Map<number, SimJob>();
  private readonly generations = new Map<number, number>();
  private readonly timeline = new Timeline();
  private nextId = 1_000_000;
  /** Bumped on every change; the sorted listings are rebuilt only when it moved. */
  private revision = 0;
  private sorted?: { revision: number; active: SimJob[]; terminal: SimJob[] };

  constructor(
    private readonly clock: SimulatorClock,
    private readonly rules: JobRules,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: number): Readonly<SimJob> | undefined {
    this.settle();
    return this.byId.get(id);
  }

  all(): Readonly<SimJob>[] {
    this.settle();
    return [...this.byId.values()];
  }

  /** Adds one job; fields left out get plausible values ("now", the next free ID, QUEUED). */
  add(partial: Partial<SimJob> = {}): Readonly<SimJob> {
    const now = isoTime(this.clock.now());
    const status = partial.status ?? 'QUEUED';
    const user = partial.created_by ?? this.rules.defaultUserId;
    const created = canonical(partial.created_date) ?? now;
    const job: SimJob = {
      job_id: partial.job_id ?? this.nextId,
      title: partial.title ?? 'Bulk Export',
      status,
      created_by: user,
      created_date: created,
      modified_by: partial.modified_by ?? user,
      modified_date: canonical(partial.modified_date) ?? created,
      run_start_date: canonical(partial.run_start_date) ?? created,
      method: partial.method ?? 'POST',
      task_count: partial.task_count ?? 0,
    };
    const end = canonical(partial.run_end_date) ?? (isTerminal(status) ? job.modified_date : undefined);
    if (end !== undefined) job.run_end_date = end;
    if (this.byId.has(job.job_id)) throw new Error(`job ${job.job_id} already exists`);
    this.byId.set(job.job_id, job);
    this.nextId = Math.max(this.nextId, job.job_id + 1);
    this.revision++;
    if (status === 'CANCELLING') this.schedule(job.job_id, this.clock.now() + this.rules.cancelDelayMs, 'CANCELLED');
    return job;
  }

  /** `count` jobs with consecutive IDs from the next free one: cheap enough for 50,000. */
  addMany(count: number, template: Partial<Omit<SimJob, 'job_id'>> = {}): Readonly<SimJob>[] {
    return Array.from({ length: count }, () => this.add(template));
  }

  /** Forces a status now, dropping any pending transition; CANCELLING still ends in CANCELLED. */
  setStatus(id: number, status: JobStatus): void {
    const job = this.byId.get(id);
    if (!job) throw new Error(`no job ${id}`);
    this.generations.set(id, this.generation(id) + 1);
    this.apply(job, status, this.clock.now());
    if (status === 'CANCELLING') this.schedule(id, this.clock.now() + this.rules.cancelDelayMs, 'CANCELLED');
  }

  /** Drops the job's pending transitions: it stays in its state until set otherwise (a cancel Vault never finishes). */
  hold(id: number): void {
    if (!this.byId.has(id)) throw new Error(`no job ${id}`);
    this.generations.set(id, this.generation(id) + 1);
  }

  /** Cancel Job for one ID: eligible jobs go CANCELLING now and CANCELLED after the delay. */
  cancel(id: number): CancelResult {
    const job = this.get(id);
    if (!job || !this.rules.cancellableStates.includes(job.status)) return 'notEligible';
    this.setStatus(id, 'CANCELLING');
    return 'cancelling';
  }

  /** Start Now: a SCHEDULED job is QUEUEING at once (as a live Vault shows it), then QUEUED, runs and succeeds on the clock. */
  startNow(id: number): StartResult {
    const job = this.get(id);
    if (!job) return 'notFound';
    if (job.status !== 'SCHEDULED') return 'notScheduled';
    const { startNowQueueingMs: queueing, startNowQueueMs: queued, startNowRunMs: running } = this.rules;
    const now = this.clock.now();
    this.setStatus(id, 'QUEUEING');
    this.schedule(id, now + queueing, 'QUEUED');
    this.schedule(id, now + queueing + queued, 'RUNNING');
    this.schedule(id, now + queueing + queued + running, 'SUCCESS');
    return 'started';
  }

  /** The first `finish` running jobs of the Active list succeed and `queue` new jobs are queued at its end. */
  moveActiveList(finish: number, queue: number): void {
    const running = this.activeByCreated().filter((job) => job.status === 'RUNNING').slice(0, finish);
    for (const { job_id: id } of running) this.setStatus(id, 'SUCCESS');
    this.addMany(queue, { status: 'QUEUED' });
  }

  /** Active jobs, oldest created first (monitors order: the docs' example and live Vaults). */
  activeByCreated(): readonly SimJob[] {
    return this.sortedListings().active;
  }

  /** Terminal jobs, latest finished first (histories order). */
  terminalByEnd(): readonly SimJob[] {
    return this.sortedListings().terminal;
  }

  private sortedListings(): { active: SimJob[]; terminal: SimJob[] } {
    this.settle();
    if (this.sorted?.revision !== this.revision) {
      const active: SimJob[] = [];
      const terminal: SimJob[] = [];
      for (const job of this.byId.values()) (isTerminal(job.status) ? terminal : active).push(job);
      // Ties break on job_id so that pages stay stable between calls.
      const newestFirst = (a: string, b: string, idA: number, idB: number) => (a < b ? 1 : a > b ? -1 : idB - idA);
      active.sort((a, b) => newestFirst(b.created_date, a.created_date, b.job_id, a.job_id));
      terminal.sort((a, b) => newestFirst(a.run_end_date ?? '', b.run_end_date ?? '', a.job_id, b.job_id));
      this.sorted = { revision: this.revision, active, terminal };
    }
    return this.sorted;
  }

  private settle(): void {
    const now = this.clock.now();
    for (let t = this.timeline.popDue(now); t; t = this.timeline.popDue(now)) {
      const job = this.byId.get(t.jobId);
      if (job && t.generation === this.generation(t.jobId)) this.apply(job, t.status as JobStatus, t.at);
    }
  }

  private schedule(jobId: number, at: number, status: JobStatus): void {
    this.timeline.push({ at, jobId, status, generation: this.generation(jobId) });
  }

  private generation(id: number): number {
    return this.generations.get(id) ?? 0;
  }

  private apply(job: SimJob, status: JobStatus, at: number): void {
    const when = isoTime(at);
    job.status = status;
    job.modified_date = when;
    if (status === 'RUNNING') job.run_start_date = when;
    if (isTerminal(status)) job.run_end_date = when;
    else delete job.run_end_date;
    this.revision++;
  }
}

const canonicalDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** Dates are compared as strings, which is only sound in one exact format. */
function canonical(date: string | undefined): string | undefined {
  if (date === undefined || canonicalDate.test(date)) return date;
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return isoTime(ms);
}
