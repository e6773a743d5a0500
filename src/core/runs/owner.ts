// Who owns a run's journal or a claim on a run: a process, named by more than its PID. PIDs are
// reused, and after a reboot the PID a journal names often belongs to some other live process; a
// stopped run must not pass for running (never offered) because of that. On Linux a process is its
// PID, its start time (/proc/<pid>/stat, clock ticks since boot) and the boot it started in
// (/proc/sys/kernel/random/boot_id). Elsewhere Node cannot read another process's start time, so
// the owner is its PID and the time the machine booted: a reboot since the owner started means it is
// gone, and within one boot a live PID is taken to be the owner.
import * as fs from 'fs';
import * as os from 'os';

export interface ProcessIdentity {
  pid: number;
  /** Linux: the boot the process started in. */
  bootId?: string;
  /** Linux: field 22 of /proc/<pid>/stat, the process's start in clock ticks since boot. */
  startTicks?: number;
  /** Elsewhere: when the machine booted (ms since the epoch), from the uptime. */
  bootedAt?: number;
}

/** A clock set forward or back moves "now minus uptime": a reboot is counted only past this margin. */
const bootTimeMarginMs = 5 * 60 * 1000;

export interface OwnerProbe {
  /** This process, as a journal or a claim records it. */
  self(): ProcessIdentity;
  /** False once the process is known to be gone, also when its PID now names another process. */
  isAlive(owner: ProcessIdentity): boolean;
}

export const systemProbe: OwnerProbe = {
  self: () => identityOf(process.pid),
  isAlive,
};

function identityOf(pid: number): ProcessIdentity {
  const bootId = currentBootId();
  const startTicks = bootId === undefined ? undefined : linuxStartTicks(pid);
  if (bootId !== undefined && startTicks !== undefined) return { pid, bootId, startTicks };
  return { pid, bootedAt: bootedAt() };
}

function isAlive(owner: ProcessIdentity): boolean {
  const bootId = currentBootId();
  if (owner.bootId !== undefined && bootId !== undefined) {
    if (owner.bootId !== bootId) return false;
    if (owner.startTicks !== undefined) return linuxStartTicks(owner.pid) === owner.startTicks;
  }
  if (owner.bootedAt !== undefined && bootedAt() > owner.bootedAt + bootTimeMarginMs) return false;
  return signalReaches(owner.pid);
}

function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when there is no such process (or no /proc). */
function linuxStartTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2, the command name, is in parentheses and may itself hold spaces and ')': fields 3 on
  // follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[22 - 3]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

function bootedAt(): number {
  return Date.now() - os.uptime() * 1000;
}

function signalReaches(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A recorded identity, checked field by field: journals and claims are files anyone could have edited. */
export function parseIdentity(value: unknown): ProcessIdentity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.pid)) return undefined;
  return {
    pid: v.pid as number,
    ...(typeof v.bootId === 'string' ? { bootId: v.bootId } : {}),
    ...(Number.isSafeInteger(v.startTicks) ? { startTicks: v.startTicks as number } : {}),
    ...(typeof v.bootedAt === 'number' && Number.isFinite(v.bootedAt) ? { bootedAt: v.bootedAt } : {}),
  };
}
