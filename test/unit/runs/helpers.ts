// Temporary run directories and journals written through the same observer the engine calls.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Redactor } from '../../../src/core/log';
import { RunStore, type RunStoreOptions } from '../../../src/core/runs/store';
import type { RunHeader } from '../../../src/core/runs/journal';
import { systemProbe, type ProcessIdentity } from '../../../src/core/runs/owner';

export function tempDirectory(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-runs-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const sampleRun: Omit<RunHeader, 'runId' | 'startedAt' | 'pid' | 'owner'> = {
  vault: { dns: 'sandbox.veevavault.example', id: 4410, name: 'Sandbox QMS' }, user: { id: 61234, name: 'admin@sandbox.example.com' }, source: 'file', ids: [],
};

/**
 * A store whose clock moves one second per reading, so run files sort in creation order. Its runs'
 * writers count as gone unless `isAlive` says otherwise, as if each were written by a window since closed.
 */
export function steppingStore(dir: string, redactor = new Redactor(), isAlive: (owner: ProcessIdentity) => boolean = () => false, options: RunStoreOptions = {}): RunStore {
  let t = Date.parse('2026-11-29T10:00:00Z');
  return new RunStore(dir, redactor, { now: () => new Date((t += 1000)), owners: { self: () => systemProbe.self(), isAlive }, ...options });
}
