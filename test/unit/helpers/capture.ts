// Collects every log line a test's code writes, so tests can assert on what a user would read.
import { Redactor, type Logger } from '../../../src/core/log';
import { VaultClient, type VaultClientOptions } from '../../../src/core/vault';
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

/** A client for the simulator with test-sized waits; `options` override them. */
export function simClient(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}, capture = captureLog()): { client: VaultClient; capture: Capture; redactor: Redactor } {
  const redactor = options.redactor ?? new Redactor();
  const client = new VaultClient({
    dns: sim.dns, logger: capture.logger, redactor, timeoutMs: 2_000, backoffBaseMs: 10, statusIntervalMs: sim.options.statusCallIntervalMs, ...options,
  });
  return { client, capture, redactor };
}

/** A signed-in client; re-authentication signs in again with the simulator's user. */
export async function signedInClient(sim: VaultSimulator, options: Partial<VaultClientOptions> = {}): Promise<{ client: VaultClient; capture: Capture; redactor: Redactor }> {
  const made = simClient(sim, { reauthenticate: (signal) => made.client.signIn(sim.username, sim.password, signal), ...options });
  await made.client.signIn(sim.username, sim.password);
  return made;
}
