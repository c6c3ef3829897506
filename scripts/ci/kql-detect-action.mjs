// What the composite GitHub Action (action.yml) runs, and what CI runs on examples/ to prove it:
// `kql-detect lint` to SARIF and `kql-detect test` to JUnit, each allowed to find problems without
// stopping the other, so both reports are always written. Exit code: 0 clean; 1 when lint or test
// found problems and fail-on-findings is true; 2 when a command could not run at all.
//
// Inputs come from the environment, as the Action passes them (INPUT_* names follow GitHub's):
//   INPUT_PATHS            space-separated files or folders (default ".")
//   INPUT_SCHEMA           defender | sentinel | both (default defender)
//   INPUT_LINT_ARGS        extra lint arguments, space-separated (e.g. "--max-warnings 0 --max-cost 20")
//   INPUT_SARIF_FILE       where the SARIF goes (default kql-detect.sarif)
//   INPUT_JUNIT_FILE       where the JUnit XML goes (default kql-detect-junit.xml)
//   INPUT_FAIL_ON_FINDINGS true | false (default true)
//   KQL_DETECT_CLI         the CLI to run (default the dist/cli.js beside this script's package)
// With GITHUB_OUTPUT set, the lint and test exit codes and both report paths become step outputs.

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const words = (value) => (value ?? '').split(/\s+/).filter(Boolean);
const cli = env.KQL_DETECT_CLI || resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');
const paths = words(env.INPUT_PATHS).length > 0 ? words(env.INPUT_PATHS) : ['.'];
const schema = env.INPUT_SCHEMA || 'defender';
const sarifFile = resolve(env.INPUT_SARIF_FILE || 'kql-detect.sarif');
const junitFile = resolve(env.INPUT_JUNIT_FILE || 'kql-detect-junit.xml');
const failOnFindings = (env.INPUT_FAIL_ON_FINDINGS || 'true') !== 'false';
for (const file of [sarifFile, junitFile]) mkdirSync(dirname(file), { recursive: true });

function run(args) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    process.stderr.write(`kql-detect: cannot run ${cli}: ${result.error.message}\n`);
    return { status: 2, stdout: '' };
  }
  process.stderr.write(result.stderr);
  return { status: result.status ?? 2, stdout: result.stdout };
}

const lint = run(['lint', ...paths, '--schema', schema, '--format', 'sarif', ...words(env.INPUT_LINT_ARGS)]);
if (lint.stdout) writeFileSync(sarifFile, lint.stdout);
process.stderr.write(`kql-detect lint: exit ${lint.status}, SARIF in ${sarifFile}\n`);

const test = run(['test', ...paths, '--reporter', 'junit', '--output', junitFile]);
process.stderr.write(`kql-detect test: exit ${test.status}, JUnit in ${junitFile}\n`);

if (env.GITHUB_OUTPUT) {
  appendFileSync(env.GITHUB_OUTPUT, `lint-exit-code=${lint.status}\ntest-exit-code=${test.status}\nsarif-file=${sarifFile}\njunit-file=${junitFile}\n`);
}
const statuses = [lint.status, test.status];
process.exitCode = statuses.includes(2) ? 2 : failOnFindings && statuses.includes(1) ? 1 : 0;
