// `npm run sim`: the simulator on a fixed port for the demo, manual tries and benchmarks.
import { parseCliArgs, usage } from './cliArgs';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const config = parseCliArgs(process.argv.slice(2));
  if (config.help) {
    process.stdout.write(usage);
    return;
  }
  const sim = await startSimulator(config.options);
  for (const fault of config.faults) sim.faults.set(fault);
  const { options } = sim;
  process.stdout.write([
    `Vault simulator listening on ${sim.url}`,
    `  Vault DNS:  ${sim.dns}`,
    `  user name:  ${sim.username}`,
    `  password:   ${sim.password}`,
    `  jobs:       ${sim.jobs.size} (seed ${options.seed}), latency ${options.latencyMs} ms`,
    ...config.faults.map((f) => `  fault:      ${f.kind}${f.path ? ` on ${String(f.path)}` : ''}${f.times !== undefined ? ` x${f.times}` : ''}`),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'));
  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the simulator\n`);
    sim.close().then(() => process.stdout.write('stopped\n'), (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exitCode = 2;
});
