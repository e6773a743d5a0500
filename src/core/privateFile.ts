// Files the extension keeps for its user in a folder it owns (journals, reports, watches): owner-only,
// and everything already in the folder read as untrusted. Only regular files are opened, never through
// a symbolic link, never a FIFO; a whole file is replaced by writing a fresh name and renaming it over
// the old one, so a link planted at the name is replaced, never followed, and a reader never sees half.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Owner read and write, nothing for anyone else: the files name the Vault, the user and every job. */
export const privateFileMode = 0o600;

/**
 * Opens a regular file and nothing else: not through a symbolic link (O_NOFOLLOW), and without
 * waiting on a FIFO or device (O_NONBLOCK makes their open return at once; the type check then
 * refuses them). Windows has neither flag, nor FIFOs that a file name can hide.
 */
export function openRegularFile(file: string, flags: number): number {
  const fd = fs.openSync(file, flags | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0), privateFileMode);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}

/** The text of a regular file of at most `largestBytes`; throws for anything else (missing, a link, too large). */
export function readRegularFile(file: string, largestBytes: number): string {
  const fd = openRegularFile(file, fs.constants.O_RDONLY);
  try {
    const size = fs.fstatSync(fd).size;
    if (size > largestBytes) throw new Error(`${path.basename(file)} is ${size} bytes, more than the ${largestBytes} it can be`);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `text` as the whole of `file`, owner-only, under a fresh name (created exclusively) renamed over it. */
export function replaceFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = path.join(path.dirname(file), `.${randomUUID()}.tmp`);
  const fd = openRegularFile(fresh, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL);
  try {
    fs.writeFileSync(fd, text);
    // A umask may narrow the mode asked at creation; this makes it exact.
    fs.fchmodSync(fd, privateFileMode);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(fresh, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(fresh, file);
}
