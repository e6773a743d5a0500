// What became of a run's accepted jobs after the run: each one's final state and when it was seen, as
// watching them found out, and which are still followed. Kept beside the journals, one small JSON file
// per run (`finals/<runId>.json`), not in the journal: the journal is the record of what was sent and
// ends with the run, while final states arrive minutes or hours later, a few at a time. Written under a
// fresh name and renamed over the old one, owner-only, never through a link, like the reports.
import * as fs from 'fs';
import * as path from 'path';
import { readRegularFile, replaceFile } from '../privateFile';

export interface FinalState {
  /** Vault's final status (CANCELLED, SUCCESS...), or undefined when the job left the Active list unseen in History. */
  readonly state: string | undefined;
  /** When it ended (ISO). */
  readonly at: string;
}

export interface RunFinals {
  /** Accepted jobs still being followed. */
  readonly followed: readonly number[];
  readonly finals: Readonly<Record<string, FinalState>>;
}

const noFinals: RunFinals = { followed: [], finals: {} };
/** Run IDs are UUIDs: anything else never becomes part of a path. */
const runIdPattern = /^[0-9a-f-]{36}$/i;
/** Far more than the finals of a run's IDs take. */
const largestFinalsBytes = 16 * 1024 * 1024;

export class RunFinalsStore {
  constructor(readonly directory: string) {}

  /** What is known of the run's accepted jobs after it; nothing when none was followed. */
  read(runId: string): RunFinals {
    const file = this.fileOf(runId);
    if (!file) return noFinals;
    try {
      const value = JSON.parse(readRegularFile(file, largestFinalsBytes)) as Partial<RunFinals>;
      return {
        followed: Array.isArray(value.followed) ? value.followed.filter((id) => Number.isSafeInteger(id)) : [],
        finals: typeof value.finals === 'object' && value.finals !== null ? value.finals : {},
      };
    } catch {
      return noFinals;
    }
  }

  /** `jobIds` are followed from now on. */
  follow(runId: string, jobIds: readonly number[]): void {
    this.change(runId, (finals) => ({ ...finals, followed: [...new Set([...finals.followed, ...jobIds])] }));
  }

  /** `jobIds` are no longer followed (the user stopped watching them) and stay without a final state. */
  stopFollowing(runId: string, jobIds: readonly number[]): void {
    const stopped = new Set(jobIds);
    this.change(runId, (finals) => ({ ...finals, followed: finals.followed.filter((id) => !stopped.has(id)) }));
  }

  /** The jobs ended as given. */
  record(runId: string, ended: readonly ({ jobId: number } & FinalState)[]): void {
    const done = new Set(ended.map((job) => job.jobId));
    this.change(runId, (finals) => ({
      followed: finals.followed.filter((id) => !done.has(id)),
      finals: { ...finals.finals, ...Object.fromEntries(ended.map(({ jobId, state, at }) => [String(jobId), { state, at }])) },
    }));
  }

  /** Forgets the finals of runs no longer kept. */
  prune(keptRunIds: ReadonlySet<string>): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.directory);
    } catch {
      return;
    }
    for (const name of names) if (name.endsWith('.json') && !keptRunIds.has(name.slice(0, -'.json'.length))) fs.rmSync(path.join(this.directory, name), { force: true });
  }

  private change(runId: string, update: (finals: RunFinals) => RunFinals): void {
    const file = this.fileOf(runId);
    if (!file) return;
    replaceFile(file, JSON.stringify(update(this.read(runId))));
  }

  private fileOf(runId: string): string | undefined {
    return runIdPattern.test(runId) ? path.join(this.directory, `${runId}.json`) : undefined;
  }
}

/** What the report says of an accepted job after the run: its final state, `still cancelling` while followed, else `not followed`. */
export function finalOf(finals: RunFinals, followed: ReadonlySet<number>, jobId: number): { state: string; at: string } {
  const final = finals.finals[String(jobId)];
  if (final) return { state: final.state ?? 'ended, state not seen', at: final.at };
  return { state: followed.has(jobId) ? 'still cancelling' : 'not followed', at: '' };
}

/** How the run's accepted jobs ended, for the runs list. */
export function finalsSummary(finals: RunFinals): { cancelled: number; endedOtherwise: number; followed: number } {
  const states = Object.values(finals.finals).map((final) => final.state);
  const cancelled = states.filter((state) => state === 'CANCELLED').length;
  return { cancelled, endedOtherwise: states.length - cancelled, followed: finals.followed.length };
}
