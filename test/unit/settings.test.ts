import * as assert from 'assert';
import { activeVaultOf, readSettings } from '../../src/core/settings';
import { VaultError, resolveBaseUrl } from '../../src/core/vault';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('settings', () => {
  it('reads valid Vaults and defaults', () => {
    const { settings, problems } = readSettings(reader({
      vaults: [{ name: 'Sandbox', dns: 'SBX.veevavault.com', production: false }, { name: 'Prod', dns: 'prod.veevavault.com', apiVersion: 'v25.3', production: true }],
      activeVault: 'Prod',
    }));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(settings.vaults[0].dns, 'sbx.veevavault.com');
    assert.strictEqual(activeVaultOf(settings)?.name, 'Prod');
    assert.strictEqual(settings.concurrency, 3);
    assert.strictEqual(settings.batchSize, 500);
  });

  it('names the setting and the entry for every bad value, and keeps the good entries', () => {
    const { settings, problems } = readSettings(reader({
      vaults: [{ name: 'A', dns: 'https://a.veevavault.com/ui' }, { name: 'B', dns: 'b.veevavault.com', apiVersion: '26.1' },
        { name: 'C', dns: 'c.veevavault.com' }, { name: 'C', dns: 'd.veevavault.com' }, 'x'],
      activeVault: 'Nope',
      concurrency: 9,
      batchSize: 501,
      clientId: 'has spaces',
    }));
    assert.deepStrictEqual(problems.map((p) => p.setting), [
      'vaultJobs.vaults[0].dns', 'vaultJobs.vaults[1].apiVersion', 'vaultJobs.vaults[3].name', 'vaultJobs.vaults[4]',
      'vaultJobs.activeVault', 'vaultJobs.clientId', 'vaultJobs.concurrency', 'vaultJobs.batchSize',
    ]);
    assert.match(problems[0].message, /no https:\/\//);
    assert.deepStrictEqual(settings.vaults.map((v) => v.name), ['C']);
    assert.strictEqual(settings.concurrency, 3);
    assert.strictEqual(settings.clientId, undefined);
  });

  it('accepts host:port for a local simulator and picks the only Vault as active', () => {
    const { settings, problems } = readSettings(reader({ vaults: [{ name: 'Local', dns: '127.0.0.1:8787' }] }));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(activeVaultOf(settings)?.dns, '127.0.0.1:8787');
  });

  it('refuses a port outside 1-65535 with the setting\'s name, as the client would', () => {
    const dns = ['127.0.0.1:0', 'localhost:65536', 'myvault.veevavault.com:99999'];
    const { settings, problems } = readSettings(reader({ vaults: [...dns.map((d, i) => ({ name: `V${i}`, dns: d })), { name: 'Ok', dns: 'localhost:65535' }] }));
    assert.deepStrictEqual(problems.map((p) => p.setting), ['vaultJobs.vaults[0].dns', 'vaultJobs.vaults[1].dns', 'vaultJobs.vaults[2].dns']);
    for (const problem of problems) assert.match(problem.message, /port \d+: a port is a number from 1 to 65535/);
    assert.deepStrictEqual(settings.vaults.map((v) => v.dns), ['localhost:65535']);
    for (const d of dns) assert.throws(() => resolveBaseUrl(d), (e: Error) => e instanceof VaultError && e.kind === 'config', d);
    assert.strictEqual(resolveBaseUrl('localhost:65535'), 'http://localhost:65535');
  });
});
