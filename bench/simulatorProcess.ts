// Runs the simulator in a child process for the benchmarks, so that its own CPU time and memory do
// not count against the client measured in the parent. Speaks a tiny request/answer protocol over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { startSimulator, type SimulatorOptions } from '../test/simulator';

type Command = { op: 'seed'; count: number } | { op: 'add'; count: number } | { op: 'stats' } | { op: 'close' };
interface Seeded {
  ids: number[];
  sessionId: string;
  dns: string;
}
interface Stats {
  requests: number;
  cancelled: number;
  /** Monitors and histories pages, and Job Status calls, received since seeding. */
  listCalls: number;
  statusCalls: number;
}

/** The parent's handle on a simulator in a child process. */
export class SimulatorProcess {
  private constructor(private readonly child: ChildProcess, readonly dns: string) {}

  static async start(options: SimulatorOptions): Promise<SimulatorProcess> {
    const child = fork(__filename, [JSON.stringify(options)], { stdio: 'inherit' });
    const { dns } = await next<{ dns: string }>(child);
    return new SimulatorProcess(child, dns);
  }

  /** Adds `count` QUEUED jobs and opens a session; the log of requests starts empty after this. */
  seed(count: number): Promise<Seeded> {
    return this.ask<Seeded>({ op: 'seed', count });
  }

  /** Queues `count` more jobs of the seeded kind (so a listing differs from the one before). */
  async add(count: number): Promise<void> {
    await this.ask({ op: 'add', count });
  }

  /** Cancel requests received since seeding, and jobs now CANCELLING or CANCELLED. */
  stats(): Promise<Stats> {
    return this.ask<Stats>({ op: 'stats' });
  }

  async close(): Promise<void> {
    await this.ask({ op: 'close' });
  }

  private ask<T>(command: Command): Promise<T> {
    const answer = next<T>(this.child);
    this.child.send(command);
    return answer;
  }
}

function next<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('error', reject);
  });
}

async function serve(): Promise<void> {
  const sim = await startSimulator(JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions);
  const reply = (message: unknown) => process.send!(message);
  process.on('message', (command: Command) => {
    if (command.op === 'seed') {
      const ids = sim.jobs.addMany(command.count, { status: 'QUEUED' }).map((j) => j.job_id);
      const sessionId = sim.createSession();
      sim.clearRequestLog();
      reply({ ids, sessionId, dns: sim.dns });
    } else if (command.op === 'add') {
      sim.jobs.addMany(command.count, { status: 'QUEUED' });
      reply({});
    } else if (command.op === 'stats') {
      const cancelled = sim.jobs.all().filter((j) => j.status === 'CANCELLING' || j.status === 'CANCELLED').length;
      const count = (pattern: RegExp) => sim.requestLog.filter((r) => pattern.test(r.path)).length;
      reply({ requests: count(/\/actions\/cancel/), cancelled, listCalls: count(/\/services\/jobs\/(monitors|histories)/), statusCalls: count(/\/services\/jobs\/\d+(\?|$)/) });
    } else {
      void sim.close().then(() => {
        reply({});
        process.disconnect();
      });
    }
  });
  reply({ dns: sim.dns });
}

if (require.main === module) void serve();
