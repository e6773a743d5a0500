// The watches kept in a JSON file in a folder the extension owns (its global storage folder), not in
// VS Code's global state: a browser-based VS Code keeps that state in the browser, which may not keep
// it across a reload, while the storage folder is on the extension host's disk in desktop and browser
// VS Code alike. The file is read as untrusted (see ../privateFile.ts): a missing, unreadable or
// malformed file gives no watches, with a warning when it was there but could not be used.
import type { Logger } from '../log';
import { readRegularFile, replaceFile } from '../privateFile';
import type { PersistedWatches } from './watch';

export const watchesFileName = 'watches.json';
/** 1,000 watched jobs take about 200 kB; a far larger file is not one of ours and is not read. */
const largestWatchesBytes = 64 * 1024 * 1024;

export class WatchesFile {
  constructor(readonly file: string, private readonly log: Logger) {}

  /** The watches last written; undefined when there are none or the file cannot be used. */
  read(): PersistedWatches | undefined {
    let text: string;
    try {
      text = readRegularFile(this.file, largestWatchesBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`the watched jobs could not be read from ${this.file}, so none are watched: ${(error as Error).message}`);
      return undefined;
    }
    try {
      const value = JSON.parse(text) as Partial<PersistedWatches> | null;
      if (value?.v === 1 && typeof value.vaults === 'object' && value.vaults !== null) return value as PersistedWatches;
      this.log.warn(`the watched jobs in ${this.file} are not in a form this version knows, so none are watched`);
    } catch (error) {
      this.log.warn(`the watched jobs in ${this.file} are not valid JSON, so none are watched: ${(error as Error).message}`);
    }
    return undefined;
  }

  /** Replaces the file with `watches`; a failure is logged, and the watches stay followed in this window. */
  write(watches: PersistedWatches): void {
    try {
      replaceFile(this.file, JSON.stringify(watches));
    } catch (error) {
      this.log.warn(`the watched jobs could not be saved to ${this.file}; they are followed in this window only: ${(error as Error).message}`);
    }
  }
}
