// The module the extension host loads through extensionTestsPath. Its run() settles when mocha is done;
// a rejection makes the extension host exit with code 1, which reaches the harness as the test result.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: string[];
  failed: { title: string; error: string }[];
}

/** Activation is observable once per extension host, so its file runs before all others. */
const firstFile = 'activation.test.js';

export function run(): Promise<void> {
  // E2E_GREP: only the tests whose full title contains it (see ../README.md).
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}) });
  const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js'));
  files.sort((a, b) => Number(b === firstFile) - Number(a === firstFile) || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const results: SuiteResults = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The harness counts results from this file (set by it through the environment).
      const resultsFile = process.env.KQL_E2E_RESULTS;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} of ${results.passed.length + failures} extension host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: unknown) => results.failed.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
}
