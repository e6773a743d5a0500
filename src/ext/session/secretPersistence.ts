// Whether this VS Code keeps secrets after the window reloads. Desktop VS Code keeps them in the
// operating system's keychain; a browser-based VS Code (code-server) keeps them in the page, and
// where it cannot seal them for the browser's storage, in the page's memory only: the session and a
// stored password are then gone after every reload. No API says which, so a marker is written to
// SecretStorage and looked for at the next start. The note that a marker was written is a file in the
// extension's global storage folder, on the extension host's disk: in a browser-based VS Code the
// extension's global state lives in the browser too, and goes where the secrets go.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import { secretKeys } from '../names';

/** kept: the marker of an earlier start was read back; lost: it was not; unknown: no earlier start wrote one. */
export type SecretPersistence = 'kept' | 'lost' | 'unknown';

interface MarkerNote {
  /** The value written to SecretStorage. */
  readonly marker: string;
  /** Whether the person has been told that secrets are lost on reload. */
  readonly told?: boolean;
}

export interface SecretPersistenceCheck {
  readonly persistence: SecretPersistence;
  /** True the first time secrets were found lost: the one time to say so. */
  readonly firstLost: boolean;
}

const noteFileName = 'secret-marker.json';

function readNote(file: string): MarkerNote | undefined {
  try {
    const note = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<MarkerNote>;
    return typeof note.marker === 'string' ? { marker: note.marker, told: note.told === true } : undefined;
  } catch {
    return undefined; // none yet, or unreadable: start over as on a first start
  }
}

/**
 * Reads back the marker an earlier start wrote (into `secrets`, noted in `folder`), and writes one for
 * the next start where it is missing. A marker found again means secrets were kept (and clears an
 * earlier finding that they were not: the person may since use a VS Code that keeps them).
 */
export async function checkSecretPersistence(secrets: vscode.SecretStorage, folder: string): Promise<SecretPersistenceCheck> {
  const file = path.join(folder, noteFileName);
  const note = readNote(file);
  const stored = await secrets.get(secretKeys.persistenceMarker);
  if (note && stored === note.marker) {
    if (note.told) writeNote(file, { marker: note.marker });
    return { persistence: 'kept', firstLost: false };
  }
  const marker = note?.marker ?? crypto.randomUUID();
  // The secret first: a note never names a marker that was not written.
  await secrets.store(secretKeys.persistenceMarker, marker);
  writeNote(file, { marker, told: note !== undefined });
  return note ? { persistence: 'lost', firstLost: !note.told } : { persistence: 'unknown', firstLost: false };
}

function writeNote(file: string, note: MarkerNote): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(note));
}
