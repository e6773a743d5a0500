// Collects every log line a test's code writes, so tests can assert on what a user would read.
import { Redactor, type Logger } from '../../../src/core/log';
import { VaultClient, VaultTransport, type VaultClientOptions } from '../../../src/core/vault';
import type { VaultSimulator } from '../../simulator';

export interface Capture {
  logger: Logger;
  lines: string[];
}

export function captureLog(): Capture {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, logger: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Options for the simulator with test-sized waits; `options` override them. */
function simOptions(sim: VaultSimulator, capture: Capture, options: Partial<VaultClientOptions>): VaultClientOptions & { redactor: Redactor } {
  const redactor = options.redactor ?? new Redactor();
  return { dns: sim.dns, logger: capture.logger, timeoutMs: 2_000, backoffBaseMs: 10, statusIntervalMs: sim.options.statusCallIntervalMs, ...options, redactor };
}

/** A client for the simulator with test-sized waits; `options` override them. */
export function simClient(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}, capture = captureLog()): { client: VaultClient; capture: Capture; redactor: Redactor } {
  const settings = simOptions(sim, capture, options);
  return { client: new VaultClient(settings), capture, redactor: settings.redactor };
}

/** The transport alone for the simulator, holding a live session of the simulator's user; `options` override the test-sized waits. */
export function simTransport(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}): { transport: VaultTransport; capture: Capture } {
  const capture = captureLog();
  return { transport: new VaultTransport(simOptions(sim, capture, options), { sessionId: sim.createSession(), kind: 'session' }), capture };
}

/** A signed-in client; re-authentication signs in again with the simulator's user. */
export async function signedInClient(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}): Promise<{ client: VaultClient; capture: Capture; redactor: Redactor }> {
  const made = simClient(sim, { reauthenticate: (signal) => made.client.signIn(sim.username, sim.password, signal), ...options });
  await made.client.signIn(sim.username, sim.password);
  return made;
}
