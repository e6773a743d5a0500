// Loaded by each extension host of the restart suite: runs the test file of the scenario's phase.
import * as path from 'path';
import Mocha from 'mocha';
import { scenarioFromEnvironment } from './scenario';

export function run(): Promise<void> {
  const { phase } = scenarioFromEnvironment();
  // The crash phase never ends by itself (its host is killed), so it gets room beyond the default.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'secrets.test.js'));
  // The watch step comes before the crash phase's run, which never ends, and after the resume phase's,
  // whose check's calls are counted before the watched job's next reading (30 s after the sign-in).
  const steps = [`${phase}.test.js`, 'watch.test.js'];
  for (const file of phase === 'crash' ? steps.reverse() : steps) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      // test/run-all.mjs adds these figures up across layers and hosts.
      console.log(`integration (restart, ${phase}): ${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed, ${stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} restart test(s) failed`));
      else resolve();
    });
  });
}
