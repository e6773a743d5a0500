// A claim on a stopped run, held from the user's choice (Verify and Resume, or Dismiss) until the run
// is resumed, dismissed or left as it was: every window that starts after a crash offers the same run,
// and without a claim two of them can both find it still stopped, both ask for confirmation, and the
// second resend what the first got accepted.
//
// Hand-written rather than a lock library: the well-kept ones (proper-lockfile) call a lock stale
// when its file has not been touched for some seconds, and a claim is held for as long as a person
// reads a confirmation; here a claim is stale exactly when its owner process is gone
// (owner.ts), which the libraries cannot tell.
//
// A claim is a file created exclusively (O_EXCL): `<runId>.<generation>.claim`. The newest
// generation holds the run. A claim whose owner is gone is never deleted to make room (deleting by
// name could delete a claim another window just made); a newer generation is created over it
// instead, again exclusively, so of several windows taking over only one wins. The winner then
// removes the older generations, and a loser that made an older one meanwhile sees the newer one and
// steps back.
import * as fs from 'fs';
import * as path from 'path';
import { parseIdentity, type OwnerProbe, type ProcessIdentity } from './owner';

export interface RunClaim {
  /** Gives the run back: called once it is resumed, dismissed or left for a later offer. */
  release(): void;
}

const claimSuffix = '.claim';
/** A claim file still empty this long after it was made belongs to a process that died making it. */
const abandonedEmptyClaimMs = 30_000;
/** Each lost race means another window made a newer claim; a few suffice for any number of windows. */
const attempts = 5;

export class RunClaims {
  constructor(
    private readonly directory: string,
    private readonly probe: OwnerProbe,
  ) {}

  /** Undefined when another live process (or another offer in this one) holds the run. */
  claim(runId: string): RunClaim | undefined {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(runId)) throw new Error(`not a run ID: ${JSON.stringify(runId.slice(0, 100))}`);
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < attempts; attempt++) {
      const newest = this.generations(runId).at(-1);
      if (newest !== undefined && this.isHeld(runId, newest)) return undefined;
      const mine = (newest ?? 0) + 1;
      if (!this.create(runId, mine)) continue; // another window made this generation first: look again
      const now = this.generations(runId);
      if (now.at(-1) !== mine) {
        this.remove(runId, mine);
        continue;
      }
      for (const older of now) if (older < mine) this.remove(runId, older);
      return { release: () => this.remove(runId, mine) };
    }
    return undefined;
  }

  /** Claims of runs no longer kept: removed with the run. */
  removeAll(runId: string): void {
    for (const generation of this.generations(runId)) this.remove(runId, generation);
  }

  private file(runId: string, generation: number): string {
    return path.join(this.directory, `${runId}.${generation}${claimSuffix}`);
  }

  /** Ascending. */
  private generations(runId: string): number[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const prefix = `${runId}.`;
    return names.filter((name) => name.startsWith(prefix) && name.endsWith(claimSuffix))
      .map((name) => Number(name.slice(prefix.length, -claimSuffix.length)))
      .filter((generation) => Number.isSafeInteger(generation) && generation > 0)
      .sort((a, b) => a - b);
  }

  private create(runId: string, generation: number): boolean {
    const owner: ProcessIdentity = this.probe.self();
    let fd: number;
    try {
      fd = fs.openSync(this.file(runId, generation), fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      fs.writeSync(fd, JSON.stringify({ owner }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  }

  private isHeld(runId: string, generation: number): boolean {
    const file = this.file(runId, generation);
    let text: string;
    let modified: number;
    try {
      text = fs.readFileSync(file, 'utf8');
      modified = fs.statSync(file).mtimeMs;
    } catch (error) {
      // Released meanwhile: whoever looks next makes the next generation.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    let owner: ProcessIdentity | undefined;
    try {
      owner = parseIdentity((JSON.parse(text) as { owner?: unknown }).owner);
    } catch {
      owner = undefined;
    }
    // Made but not yet written (its maker is between two calls), unless that was long ago.
    if (!owner) return Date.now() - modified < abandonedEmptyClaimMs;
    // This process's own claim counts as held too: another offer of the run in this window has it.
    return this.probe.isAlive(owner);
  }

  private remove(runId: string, generation: number): void {
    fs.rmSync(this.file(runId, generation), { force: true });
  }
}
