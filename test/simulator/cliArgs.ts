// Command-line flags of `npm run sim`, kept apart from cli.ts so that they can be unit-tested.
import { parseArgs } from 'node:util';
import { faultProfile, faultProfiles } from './faultProfiles';
import { faultKinds, type FaultKind, type FaultSpec } from './faults';
import { defaultOptions, type SimulatorOptions } from './options';

/** The command line serves the demo and benchmarks: a bigger Vault than the tests' default. */
export const cliDefaults = { port: 8787, jobs: 2000 };

export const usage = `Usage: npm run sim -- [options]

Starts the local Vault simulator and prints its URL and the credentials it accepts.
Stop it with Ctrl-C.

  --host HOST              listen address (default ${defaultOptions.host})
  --port N                 port, 0 for any free one (default ${cliDefaults.port})
  --user NAME              user name to accept (default ${defaultOptions.username})
  --password PW            password to accept (default ${defaultOptions.password})
  --jobs N                 seeded jobs (default ${cliDefaults.jobs})
  --seed N                 data seed (default ${defaultOptions.seed})
  --latency MS             added to every answer (default ${defaultOptions.latencyMs})
  --cancel-delay MS        CANCELLING -> CANCELLED (default ${defaultOptions.cancelDelayMs})
  --cancellable LIST       states Cancel Job accepts (default ${defaultOptions.cancellableStates.join(',')})
  --session-idle MS        session idle timeout (default ${defaultOptions.sessionIdleMs})
  --session-max MS         session hard cap (default ${defaultOptions.sessionMaxMs})
  --burst-limit N          calls per burst window (default ${defaultOptions.burstLimit})
  --burst-window MS        burst window (default ${defaultOptions.burstWindowMs})
  --burst-delay MS         delay of each call beyond the limit (default ${defaultOptions.burstDelayMs})
  --auth-limit N           /auth calls per minute per user name and DNS (default ${defaultOptions.authLimitPerMinute})
  --fault SPEC             inject a fault; repeatable. SPEC is KIND[:PATH[:TIMES[:VALUE]]]
                           KIND   ${faultKinds.join(', ')}
                           PATH   regular expression on the request path, empty for any (e.g. cancel)
                           TIMES  how many times it fires, empty for always
                           VALUE  latency: ms; expireSessionAfterCalls: calls; shortData: items to drop;
                                  batchFailure: error type; proxy502/nonJson/noAnswer: "applied" to
                                  apply the request first; moveActiveList: running jobs to finish
                           e.g. --fault dropAfterApply:cancel:1  --fault latency:monitors::800
  --fault-profile NAME     switch on a named set of faults (with any --fault):
${Object.entries(faultProfiles).map(([name, { description }]) => `                           ${name}: ${description}`).join('\n')}
  --help                   this text
`;

export interface CliConfig {
  options: SimulatorOptions;
  faults: FaultSpec[];
  help: boolean;
}

export function parseCliArgs(argv: string[]): CliConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' },
      jobs: { type: 'string' }, seed: { type: 'string' }, latency: { type: 'string' }, 'cancel-delay': { type: 'string' },
      cancellable: { type: 'string' }, 'session-idle': { type: 'string' }, 'session-max': { type: 'string' },
      'burst-limit': { type: 'string' }, 'burst-window': { type: 'string' }, 'burst-delay': { type: 'string' },
      'auth-limit': { type: 'string' }, fault: { type: 'string', multiple: true }, 'fault-profile': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const num = (name: keyof typeof values, fallback?: number): number | undefined => {
    const text = values[name];
    if (typeof text !== 'string') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number, not "${text}"`);
    return value;
  };
  return {
    help: values.help ?? false,
    faults: [...(values['fault-profile'] ? faultProfile(values['fault-profile']).faults : []), ...(values.fault ?? []).map(parseFault)],
    options: {
      host: values.host, port: num('port', cliDefaults.port), username: values.user, password: values.password,
      jobs: num('jobs', cliDefaults.jobs), seed: num('seed'), latencyMs: num('latency'), cancelDelayMs: num('cancel-delay'),
      cancellableStates: values.cancellable?.split(',').map((s) => s.trim().toUpperCase()),
      sessionIdleMs: num('session-idle'), sessionMaxMs: num('session-max'), burstLimit: num('burst-limit'),
      burstWindowMs: num('burst-window'), burstDelayMs: num('burst-delay'), authLimitPerMinute: num('auth-limit'),
    },
  };
}

/** KIND[:PATH[:TIMES[:VALUE]]], e.g. `dropAfterApply:cancel:1`. */
export function parseFault(text: string): FaultSpec {
  const [kindText, path = '', times = '', value = ''] = text.split(':');
  const kind = kindText as FaultKind;
  if (!faultKinds.includes(kind)) throw new Error(`unknown fault kind "${kindText}" (known: ${faultKinds.join(', ')})`);
  if (times !== '' && !/^\d+$/.test(times)) throw new Error(`fault "${text}": TIMES must be a whole number`);
  const scope = { ...(path ? { path: new RegExp(path) } : {}), ...(times ? { times: Number(times) } : {}) };
  const count = (what: string): number => {
    if (!/^\d+$/.test(value)) throw new Error(`fault "${text}": VALUE must be the ${what}`);
    return Number(value);
  };
  switch (kind) {
    case 'latency':
      return { kind, ms: count('added milliseconds'), ...scope };
    case 'expireSessionAfterCalls':
      return { kind, calls: count('number of calls'), ...scope };
    case 'shortData':
      return { kind, ...(value ? { drop: count('number of items to drop') } : {}), ...scope };
    case 'batchFailure':
      return { kind, ...(value ? { type: value } : {}), ...scope };
    case 'moveActiveList':
      return { kind, finish: count('number of running jobs to finish'), ...scope };
    case 'proxy502':
    case 'nonJson':
    case 'noAnswer':
      return { kind, applied: value === 'applied', ...scope };
    default:
      return { kind, ...scope };
  }
}
