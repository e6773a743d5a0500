// Loaded by the extension host (extensionTestsPath) in the vsix smoke run: runs every *.test.js beside
// this file against the extension installed from dist-vsix/ (see test/integration/runTest.ts).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      // test/run-all.mjs adds these figures up across layers, suites and hosts.
      const host = process.env.VAULT_JOBS_TEST_HOST ?? 'unknown host';
      console.log(`integration (vsix smoke, ${host}): ${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed, ${stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} vsix smoke test(s) failed`));
      else resolve();
    });
  });
}
