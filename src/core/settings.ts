// Validation of the extension's settings, as plain data, so every bad value gets a message that
// names the setting (and the entry) instead of a failure somewhere later.

export interface VaultEntry {
  readonly name: string;
  /** The Vault's host as in its UI URL, e.g. myvault.veevavault.com (host:port for a local simulator). */
  readonly dns: string;
  readonly username?: string;
  readonly apiVersion?: string;
  /** A production Vault asks the user to type its name before cancelling. */
  readonly production: boolean;
}

export interface ExtensionSettings {
  readonly vaults: readonly VaultEntry[];
  readonly activeVault: string | undefined;
  readonly concurrency: number;
  readonly batchSize: number;
  readonly autoRefresh: boolean;
  readonly autoRefreshSeconds: number;
  readonly followCancellations: boolean;
  /** Minutes after which a watched job still CANCELLING, QUEUED (since first seen queued) or RUNNING is marked and told; 0: off. */
  readonly watchdogs: { readonly cancelling: number; readonly queued: number; readonly running: number };
  readonly historyPageSize: number;
  readonly clientId: string | undefined;
}

export interface SettingProblem {
  /** The setting's full key, with the entry where it applies: `vaultJobs.vaults[1].dns`. */
  readonly setting: string;
  readonly message: string;
}

export const settingsSection = 'vaultJobs';

const settingDefaults = {
  concurrency: 3,
  batchSize: 500,
  autoRefresh: false,
  autoRefreshSeconds: 30,
  followCancellations: true,
  watchdogCancellingMinutes: 10,
  watchdogQueuedMinutes: 0,
  watchdogRunningMinutes: 0,
  historyPageSize: 50,
} as const;

// A host name (labels of letters, digits, hyphens) or an IPv4 address, with an optional port.
const dnsPattern = /^(?=.{1,253}(:\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;
const apiVersionPattern = /^v\d{2}\.\d$/;
const clientIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

/** Reads raw values (as `WorkspaceConfiguration.get` returns them) into typed settings plus problems. */
export function readSettings(get: (key: string) => unknown): { settings: ExtensionSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const key = (name: string) => `${settingsSection}.${name}`;
  const integer = (name: keyof typeof settingDefaults, min: number, max: number): number => {
    const value = get(name);
    if (value === undefined || value === null) return settingDefaults[name] as number;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push({ setting: key(name), message: `must be a whole number from ${min} to ${max}; using ${String(settingDefaults[name])}` });
      return settingDefaults[name] as number;
    }
    return value;
  };
  const flag = (name: keyof typeof settingDefaults): boolean => {
    const value = get(name);
    return typeof value === 'boolean' ? value : (settingDefaults[name] as boolean);
  };

  const vaults = readVaults(get('vaults'), problems);
  const activeRaw = get('activeVault');
  const activeVault = typeof activeRaw === 'string' && activeRaw.trim() !== '' ? activeRaw.trim() : undefined;
  if (activeVault && !vaults.some((v) => v.name === activeVault)) {
    problems.push({ setting: key('activeVault'), message: `names "${activeVault}", which is not in vaultJobs.vaults` });
  }
  const clientIdRaw = get('clientId');
  let clientId: string | undefined;
  if (typeof clientIdRaw === 'string' && clientIdRaw !== '') {
    if (clientIdPattern.test(clientIdRaw)) clientId = clientIdRaw;
    else problems.push({ setting: key('clientId'), message: 'must be at most 100 letters, digits, dots, underscores or hyphens; using the built-in client ID' });
  }
  return {
    settings: {
      vaults,
      activeVault,
      concurrency: integer('concurrency', 1, 4),
      batchSize: integer('batchSize', 1, 500),
      autoRefresh: flag('autoRefresh'),
      autoRefreshSeconds: integer('autoRefreshSeconds', 10, 3600),
      followCancellations: flag('followCancellations'),
      watchdogs: {
        cancelling: integer('watchdogCancellingMinutes', 0, 10080),
        queued: integer('watchdogQueuedMinutes', 0, 10080),
        running: integer('watchdogRunningMinutes', 0, 10080),
      },
      historyPageSize: integer('historyPageSize', 1, 200),
      clientId,
    },
    problems,
  };
}

function readVaults(raw: unknown, problems: SettingProblem[]): VaultEntry[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push({ setting: `${settingsSection}.vaults`, message: 'must be a list of Vaults, e.g. [{"name": "Sandbox", "dns": "myvault.veevavault.com"}]' });
    return [];
  }
  const vaults: VaultEntry[] = [];
  const names = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const at = (field?: string) => `${settingsSection}.vaults[${index}]${field ? `.${field}` : ''}`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ setting: at(), message: 'must be an object with "name" and "dns"' });
      return;
    }
    const { name, dns, username, apiVersion, production } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push({ setting: at('name'), message: 'is required: the name shown for this Vault' });
      return;
    }
    if (names.has(name.trim())) {
      problems.push({ setting: at('name'), message: `"${name}" is used by another Vault; names must be unique` });
      return;
    }
    if (typeof dns !== 'string' || !dnsPattern.test(dns.trim())) {
      const shown = typeof dns === 'string' ? `"${dns}"` : 'missing';
      problems.push({ setting: at('dns'), message: `${shown} is not a Vault DNS: give the host only, e.g. myvault.veevavault.com (no https://, no path)` });
      return;
    }
    const port = portOf(dns.trim());
    if (port !== undefined && (port < 1 || port > 65535)) {
      problems.push({ setting: at('dns'), message: `"${dns}" has port ${port}: a port is a number from 1 to 65535` });
      return;
    }
    if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !apiVersionPattern.test(apiVersion))) {
      problems.push({ setting: at('apiVersion'), message: `${JSON.stringify(apiVersion)} is not an API version like v26.1` });
      return;
    }
    names.add(name.trim());
    vaults.push({
      name: name.trim(),
      dns: dns.trim().toLowerCase(),
      username: typeof username === 'string' && username.trim() !== '' ? username.trim() : undefined,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
      production: production === true,
    });
  });
  return vaults;
}

/** The port of a host:port value that matched dnsPattern, if it has one. */
function portOf(dns: string): number | undefined {
  const match = /:(\d+)$/.exec(dns);
  return match ? Number(match[1]) : undefined;
}

/** The Vault to work with: the configured active one, else the only one. */
export function activeVaultOf(settings: ExtensionSettings): VaultEntry | undefined {
  if (settings.activeVault) return settings.vaults.find((v) => v.name === settings.activeVault);
  return settings.vaults.length === 1 ? settings.vaults[0] : undefined;
}
