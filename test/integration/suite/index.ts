// Loaded by the extension host (extensionTestsPath): runs every *.test.js beside this file.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { removeDocumentFiles } from './fakes';

// The untrusted-workspace suite needs a host started with workspace trust on and runs on its own.
const untrustedSuite = /^untrusted.*\.test\.js$/;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  const untrusted = process.env.VAULT_JOBS_TEST_SUITE === 'untrusted';
  // VAULT_JOBS_TEST_FILES (a regular expression on file names, e.g. "^(03|12)-") runs some files only,
  // when working on one feature; CI leaves it unset.
  const only = process.env.VAULT_JOBS_TEST_FILES ? new RegExp(process.env.VAULT_JOBS_TEST_FILES) : undefined;
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js') && untrustedSuite.test(file) === untrusted && (!only || only.test(file))) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      removeDocumentFiles();
      const stats = runner.stats;
      // test/run-all.mjs adds these figures up across layers and hosts.
      console.log(`integration: ${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed, ${stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
