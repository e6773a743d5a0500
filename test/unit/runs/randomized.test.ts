// Journalled runs under random faults, fixed seeds: at every instant the IDs Vault has received are
// already in the journal; a finished journal agrees with the engine; and at every line a crash could
// cut the journal, what it calls accepted Vault did accept, and the resume plan holds no such ID.
import * as assert from 'assert';
import * as fs from 'fs';
import { cancelJobs, type CancelOutcomeKind } from '../../../src/core/cancel';
import { analyzeJournal, planResume } from '../../../src/core/runs/analysis';
import { readJournal, type IdFate } from '../../../src/core/runs/journal';
import { RunStore } from '../../../src/core/runs/store';
import { startSimulator, type FaultSpec, type VaultSimulator } from '../../simulator';
import { seededRandom } from '../../simulator/seededRandom';
import { signedInClient } from '../helpers/capture';
import { sampleRun, tempDirectory } from './helpers';

const seeds = [3, 7, 11, 19, 42, 101];
const cancelPath = /actions\/cancel/;
const fateOf: Record<CancelOutcomeKind, IdFate> = { accepted: 'accepted', notEligible: 'refused', invalidInput: 'invalid', notSent: 'notSent', unknown: 'unknown', failed: 'failed' };

/** Faults that leave a request's fate open or refuse it whole: what the journal must get right. */
function randomFault(random: () => number): FaultSpec {
  const times = 1 + Math.floor(random() * 2);
  const faults: FaultSpec[] = [
    { kind: 'dropAfterApply', path: cancelPath, times }, { kind: 'dropBeforeApply', path: cancelPath, times },
    { kind: 'noAnswer', applied: random() < 0.5, path: cancelPath, times }, { kind: 'shortData', drop: 1 + Math.floor(random() * 3), path: cancelPath, times },
    { kind: 'proxy502', applied: random() < 0.5, path: cancelPath, times }, { kind: 'batchFailure', path: cancelPath, times },
    { kind: 'latency', ms: Math.floor(random() * 40), path: cancelPath, times },
  ];
  return faults[Math.floor(random() * faults.length)];
}

describe('journalled cancel runs, randomized', function () {
  this.timeout(30_000);
  let sim: VaultSimulator;
  let temp: ReturnType<typeof tempDirectory>;
  beforeEach(() => (temp = tempDirectory()));
  afterEach(async () => {
    await sim?.close();
    temp.remove();
  });

  for (const seed of seeds) {
    it(`keeps the journal ahead of the wire and its analysis sound (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      sim = await startSimulator({ jobs: 0, seed, statusCallIntervalMs: 20, cancelDelayMs: 60_000 });
      const { client, redactor } = await signedInClient(sim, { timeoutMs: 250, backoffBaseMs: 5 });
      const ids = [
        ...sim.jobs.addMany(20 + Math.floor(random() * 80), { status: 'QUEUED' }).map((j) => j.job_id),
        ...sim.jobs.addMany(Math.floor(random() * 10), { status: 'RUNNING' }).map((j) => j.job_id),
      ];
      for (let i = 0; i < 3; i++) sim.faults.set(randomFault(random));

      const journal = new RunStore(temp.dir, redactor).begin({ ...sampleRun, ids });
      const received = () => new Set(sim.requestLog.filter((r) => cancelPath.test(r.path)).flatMap((r) => (JSON.parse(r.body) as { job_id: number }[]).map((i) => i.job_id)));
      const journalled = () => new Set(readJournal(fs.readFileSync(journal.file, 'utf8')).entries.flatMap((e) => (e.t === 'send' ? e.ids : [])));
      let checks = 0;
      const ahead: string[] = [];
      const watcher = setInterval(() => {
        const wire = received(); // the wire first: whatever it shows was journalled before it was sent
        const written = journalled();
        for (const id of wire) if (!written.has(id)) ahead.push(`${id} reached Vault before its journal line`);
        checks++;
      }, 2);
      const result = await cancelJobs(client, ids, { batchSize: 1 + Math.floor(random() * 30), concurrency: 1 + Math.floor(random() * 3), backoffBaseMs: 5, random, observer: journal.observer() })
        .finally(() => clearInterval(watcher));
      journal.finish(result);
      journal.close();
      assert.deepStrictEqual(ahead, [], `seed ${seed}`);
      assert.ok(checks > 0);

      const text = fs.readFileSync(journal.file, 'utf8');
      const run = analyzeJournal(readJournal(text));
      assert.ok(run);
      for (const [id, outcome] of result.outcomes) assert.strictEqual(run.ids.get(id)?.fate, fateOf[outcome.kind], `seed ${seed}, job ${id}`);

      const lines = text.split('\n');
      const cancelledNow = new Set(ids.filter((id) => /^CANCELL/.test(sim.jobs.get(id)?.status ?? '')));
      // The start and plan lines are written at once, before anything is sent: cut among them, the file is no run.
      const opening = lines.findIndex((line) => !/^\{"t":"(start|plan)"/.test(line));
      for (let n = 1; n < lines.length; n++) {
        const cut = analyzeJournal(readJournal(`${lines.slice(0, n).join('\n')}\n`));
        if (n < opening) {
          assert.strictEqual(cut, undefined, `seed ${seed}, cut at line ${n}`);
          continue;
        }
        assert.ok(cut);
        for (const [id, state] of cut.ids) if (state.fate === 'accepted') assert.ok(cancelledNow.has(id), `seed ${seed}, cut at line ${n}: ${id} called accepted`);
        const plan = planResume(cut, new Map(ids.map((id) => [id, 'QUEUED'])));
        for (const id of plan.send) assert.notStrictEqual(cut.ids.get(id)?.fate, 'accepted', `seed ${seed}, cut at line ${n}: ${id}`);
      }
    });
  }
});
