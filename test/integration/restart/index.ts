// Loaded by each extension host of the restart suite: runs the test file of the scenario's phase.
import * as path from 'path';
import Mocha from 'mocha';
import { scenarioFromEnvironment } from './scenario';

export function run(): Promise<void> {
  const { phase } = scenarioFromEnvironment();
  // The crash phase never ends by itself (its host is killed), so it gets room beyond the default.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'secrets.test.js'));
  mocha.addFile(path.join(__dirname, `${phase}.test.js`));
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
