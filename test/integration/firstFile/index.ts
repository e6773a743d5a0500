// Loaded by an extension host of its own, in a window where nothing has started the extension yet
// (runTest.ts opens a folder holding one JSON file): runs firstFile.test.js.
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'firstFile.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      // test/run-all.mjs adds these figures up across layers and hosts.
      console.log(`integration (first file in a fresh window): ${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed, ${stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} first-file test(s) failed`));
      else resolve();
    });
  });
}
