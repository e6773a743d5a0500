// What the integration tests share: the extension's API, one Vault simulator for the whole suite,
// and helpers that wait for what a person would see.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VaultJobsApi } from '../../../src/ext/extension';
import { startSimulator, type VaultSimulator } from '../../simulator';
import { click, screenshot, waitForWorkbenchText, workbenchUiUrl, quickInput } from './workbench';

export const extensionId = 'vault-jobs.veeva-vault-jobs';
export const vaultName = 'Test Sandbox';

let simulator: VaultSimulator | undefined;

export async function extensionApi(): Promise<VaultJobsApi> {
  const extension = vscode.extensions.getExtension<VaultJobsApi>(extensionId);
  assert.ok(extension, `${extensionId} is loaded`);
  return extension.activate();
}

/** The suite's simulator, started on first use with a short cancel delay and room in the burst limit. */
export async function vaultSimulator(): Promise<VaultSimulator> {
  simulator ??= await startSimulator({ jobs: 400, seed: 11, cancelDelayMs: 1500, burstLimit: 100000 });
  return simulator;
}

export async function configureVaults(vaults: Record<string, unknown>[], active: string): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('vaultJobs');
  await configuration.update('vaults', vaults, vscode.ConfigurationTarget.Global);
  await configuration.update('activeVault', active, vscode.ConfigurationTarget.Global);
}

/**
 * Signs in to the shared simulator's Vault, its only configured one, unless the window is already
 * signed in (suites run one after another in one window, and most leave it signed in).
 */
export async function signedInToSharedVault(api: VaultJobsApi, sim: VaultSimulator, rememberPassword: boolean): Promise<void> {
  if (api.session.state === 'signedIn') return;
  await configureVaults([{ name: vaultName, dns: sim.dns }], vaultName);
  assert.ok(await vscode.commands.executeCommand('vaultJobs.signIn', { username: sim.username, password: sim.password, rememberPassword }));
}

/** For `afterEach`: a screenshot of the workbench when the test just failed, its path in the log. */
export async function screenshotIfFailed(test: Mocha.Test | undefined): Promise<void> {
  if (test?.state === 'failed') console.log(`    screenshot: ${await screenshot(`failed-${test.title.slice(0, 40)}`)}`);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('vaultJobs').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Answers the cancel confirmation once it shows `text`, by clicking `button`; returns what it showed.
 * VS Code refuses modal dialogs in extension test runs, so there the extension asks in a quick pick.
 */
export async function answerDialog(text: RegExp, button: string): Promise<string> {
  assert.ok(workbenchUiUrl, 'the workbench UI helper is available');
  const shown = await waitForWorkbenchText(quickInput, (t) => text.test(t), 15000);
  await click(`.quick-input-list .monaco-list-row:has-text("${button}")`);
  return shown;
}

/**
 * Waits for a notification whose text matches, reading the notification centre: newer VS Code does
 * not show toasts while extension tests run, and the centre lists every notification either way.
 */
export async function waitForNotification(text: RegExp): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    return await waitForWorkbenchText('.notifications-center', (t) => text.test(t), 15000);
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

/** Clicks a button of a notification in the notification centre, e.g. a progress notification's Cancel. */
export async function clickNotificationButton(label: string): Promise<void> {
  await vscode.commands.executeCommand('notifications.showList');
  await click(`.notifications-center .monaco-button:has-text("${label}")`);
}

/** The job IDs of every cancel request the simulator received since its log was cleared. */
export function cancelledInRequests(sim: VaultSimulator): number[][] {
  return sim.requestLog.filter((r) => r.method === 'POST' && r.path.includes('/services/jobs/actions/cancel'))
    .map((r) => (JSON.parse(r.body) as { job_id: number }[]).map((item) => item.job_id));
}

/** Every file under the extension's log folder (the output channel writes one there). */
export function logFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? logFiles(full) : [full];
  });
}

export interface ShownResult {
  /** The text the result is pinned to (the ID as written). */
  readonly text: string;
  readonly kind: string;
  /** Zero-based line. */
  readonly line: number;
  readonly message: string;
  /** Vault's error type, or an accepted job's state. */
  readonly code: string;
}

/**
 * The results of `document` as the Cancel Results view lists them (every result, also those without
 * a diagnostic), in file order. Diagnostics are only for what needs action.
 */
export function shownResults(api: VaultJobsApi, document: vscode.TextDocument): ShownResult[] {
  const key = document.uri.toString();
  return api.cancel.resultRows().flatMap((group) => (group.type === 'resultGroup' ? group.results : []))
    .filter(({ uri }) => uri.toString() === key)
    .sort((a, b) => a.entry.span.start - b.entry.span.start)
    .map(({ entry }) => ({
      text: document.getText().slice(entry.span.start, entry.span.end),
      kind: entry.kind,
      line: document.positionAt(entry.span.start).line,
      message: entry.diagnostic.message,
      code: entry.diagnostic.code as string,
    }));
}
