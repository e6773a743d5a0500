// Small fakes of the extension's own injected services, for testing its parts inside the real
// extension host: a session that is (or is not) signed in, scripted answers to a run's questions,
// settings with chosen values. The Vault behind them is always the real client against the simulator.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Redactor, type Logger } from '../../../src/core/log';
import { RunStore } from '../../../src/core/runs';
import { RunRecords } from '../../../src/ext/runs/runRecords';
import { readSettings, type ExtensionSettings, type VaultEntry } from '../../../src/core/settings';
import { VaultClient, type VaultClientOptions } from '../../../src/core/vault';
import type { ActiveConnection, SessionService } from '../../../src/ext/session';
import type { CancelConfirmation, CancelPrompts, ConfirmChoice, NextStep, RunSummaryNotice, VerifiedNotice } from '../../../src/ext/cancel/prompts';
import type { VaultSimulator } from '../../simulator';
import { JobsModel, jobsModelClient } from '../../../src/core/jobs/model';
import { JobsTreeProvider } from '../../../src/ext/jobs/jobsTreeProvider';
import type { JobsService } from '../../../src/ext/jobs';

/** A real client, signed in to the simulator, as the session feature would hand it out. */
export async function signedInConnection(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}, vault: Partial<VaultEntry> = {}): Promise<ActiveConnection> {
  const entry: VaultEntry = { name: 'Fake Sandbox', dns: sim.dns, production: false, ...vault };
  const client = new VaultClient({ dns: sim.dns, retries: 0, backoffBaseMs: 10, ...options });
  const session = await client.signIn(sim.username, sim.password);
  return { vault: entry, client, session: { sessionId: session.sessionId, kind: 'password', username: sim.username, signedInAt: Date.now() } };
}

/** A session service that is signed in (or not) without asking anyone, and counts the offers to sign in. */
export class FakeSession implements Pick<SessionService, 'state' | 'active' | 'vault' | 'ensureSignedIn'> {
  signInOffers = 0;
  constructor(public active: ActiveConnection | undefined) {}
  get state() { return this.active ? 'signedIn' as const : 'signedOut' as const; }
  get vault() { return this.active?.vault; }
  ensureSignedIn(): Promise<ActiveConnection | undefined> {
    this.signInOffers++;
    return Promise.resolve(this.active);
  }
}

/** Answers a run's questions from a script and records what it was asked and told. */
export class ScriptedPrompts implements CancelPrompts {
  readonly confirmations: CancelConfirmation[] = [];
  readonly summaries: RunSummaryNotice[] = [];
  readonly told: string[] = [];
  /** A next step can be a promise, for a test that acts before the user answers the summary. */
  constructor(private readonly answers: { confirm?: ConfirmChoice[]; nextSteps?: (NextStep | Promise<NextStep>)[] } = {}) {}

  confirm(confirmation: CancelConfirmation): Promise<ConfirmChoice> {
    this.confirmations.push(confirmation);
    return Promise.resolve(this.answers.confirm?.shift() ?? true);
  }
  nothingToCancel(source: string, problems: number): void {
    this.told.push(`nothing to cancel in ${source}, ${problems} problem(s)`);
  }
  tooManyValues(source: string, most: number): void {
    this.told.push(`too many values in ${source}, at most ${most}`);
  }
  apiTooOld(vault: VaultEntry, apiVersion: string): void {
    this.told.push(`API ${apiVersion} of ${vault.name} is too old`);
  }
  summary(notice: RunSummaryNotice): Promise<NextStep> {
    this.summaries.push(notice);
    return Promise.resolve(this.answers.nextSteps?.shift());
  }
  verified({ vault, checked, text, checkError }: VerifiedNotice): void {
    this.told.push(`checked ${checked} on ${vault.name}: ${text}${checkError ? `; not checked: ${checkError}` : ''}`);
  }
  nothingToVerify(vault: VaultEntry): void {
    this.told.push(`nothing to verify on ${vault.name}`);
  }
}

export function fakeSettings(values: Partial<ExtensionSettings> = {}): { current: ExtensionSettings } {
  return { current: { ...readSettings(() => undefined).settings, ...values } };
}

/** The jobs model over `session`'s client, and the Jobs view's provider over the model. */
export function jobsView(session: FakeSession, settings = fakeSettings(), redactor = new Redactor()): { model: JobsModel; tree: JobsTreeProvider } {
  const log = recordingLogger();
  const model = new JobsModel({ client: () => jobsModelClient(session.active?.client), historyPageSize: () => settings.current.historyPageSize, log });
  return { model, tree: new JobsTreeProvider(model, session, log, redactor) };
}

/** Keeps every line, to assert on what was logged. */
/**
 * The jobs service as a cancel runner uses it, over a jobs model (or, without one, a model that never
 * listed): no background reading runs here, so holding it back holds nothing.
 */
export function runnerJobs(model?: JobsModel): Pick<JobsService, 'recordActiveListing' | 'recentActiveListing' | 'titlesOf' | 'holdBackgroundReading'> {
  return {
    recordActiveListing: (listing) => model?.recordActiveListing(listing),
    recentActiveListing: (maxAgeMs) => model?.recentActiveListing(maxAgeMs),
    titlesOf: (ids) => model?.titlesOf(ids) ?? Promise.resolve(new Map<number, string>()),
    holdBackgroundReading: () => new vscode.Disposable(() => undefined),
  };
}

export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string) => void lines.push(message);
  return { lines, trace: write, debug: write, info: write, warn: write, error: write };
}

export { Redactor };

let fileCount = 0;
let documentsFolder: string | undefined;
/** A document of a new file `name` (its extension decides the ID format) holding `content`. */
export function documentWith(name: string, content: string): Thenable<vscode.TextDocument> {
  documentsFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-fake-'));
  const file = path.join(documentsFolder, `${++fileCount}-${name}`);
  fs.writeFileSync(file, content);
  return vscode.workspace.openTextDocument(file);
}

/** Removes the files documentWith made; the suite runner calls it once every test has run. */
export function removeDocumentFiles(): void {
  if (documentsFolder) fs.rmSync(documentsFolder, { recursive: true, force: true });
  documentsFolder = undefined;
}

/** The UTF-16 span of the `nth` (0-based) occurrence of `text` in `document`. */
export function spanOfText(document: vscode.TextDocument, text: string, nth = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = document.getText().indexOf(text, start + 1);
  if (start < 0) throw new Error(`"${text}" (#${nth}) is not in the document`);
  return { start, end: start + text.length };
}

/** Real run records in a temporary folder, as the extension keeps them in its storage; dispose removes the folder. */
export function temporaryRunRecords(): { records: RunRecords; store: RunStore; dispose(): void } {
  const store = new RunStore(fs.mkdtempSync(path.join(os.tmpdir(), 'vault-jobs-runs-')), new Redactor());
  return { records: new RunRecords(store, recordingLogger()), store, dispose: () => fs.rmSync(store.directory, { recursive: true, force: true }) };
}
