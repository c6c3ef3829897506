// The GitHub Action is real: action.yml's run step calls scripts/ci/kql-detect-action.mjs with
// every input, and that script, run here on examples/ against the built CLI, writes valid SARIF
// 2.1.0 and JUnit XML and sets the step outputs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';

const SCRIPT = 'scripts/ci/kql-detect-action.mjs';
const SARIF_SCHEMA = resolve('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const work = mkdtempSync(join(tmpdir(), 'kql-detect-action-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

test('action.yml is a composite action whose run step calls the script with every input', () => {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
  assert.equal(action.runs.using, 'composite');
  const run = action.runs.steps.find((s) => s.id === 'run')!;
  assert.match(run.run!, new RegExp(`node "\\$\\{\\{ github.action_path \\}\\}/${SCRIPT.replace(/[./]/g, '\\$&')}"`));
  const passed = Object.values(run.env ?? {}).join(' ');
  for (const input of Object.keys(action.inputs).filter((i) => i !== 'upload-sarif')) assert.ok(passed.includes(`inputs.${input}`), `the script gets ${input}`);
  assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') && s.with?.sarif_file === '${{ inputs.sarif-file }}'));
  assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path.includes('${{ inputs.junit-file }}')));
});

test('the action script on examples/ writes valid SARIF and JUnit and sets the outputs', () => {
  const sarifFile = join(work, 'out.sarif');
  const junitFile = join(work, 'out.xml');
  const outputs = join(work, 'github-output');
  writeFileSync(outputs, '');
  const run = spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, INPUT_PATHS: 'examples/', INPUT_SCHEMA: 'defender', INPUT_LINT_ARGS: '--max-cost 50', INPUT_SARIF_FILE: sarifFile, INPUT_JUNIT_FILE: junitFile, GITHUB_OUTPUT: outputs },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(readFileSync(outputs, 'utf8'), new RegExp(`^lint-exit-code=0\ntest-exit-code=0\nsarif-file=${sarifFile}\njunit-file=${junitFile}\n$`));

  const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
  // The schema's language pattern is not valid with the u flag, which Ajv uses by default.
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 1));
  assert.ok(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'classifier-fallthrough'));

  const xml = readFileSync(junitFile, 'utf8');
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
  const cases = (doc.testsuites.testsuite as { testcase: unknown[] }[]).flatMap((s) => s.testcase);
  assert.ok(cases.length > 0);
  assert.equal(Number(doc.testsuites.failures ?? 0), 0);
});

test('the action script fails on findings, and not with fail-on-findings false; reports are written either way', () => {
  const broken = join(work, 'broken');
  rmSync(broken, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', broken]);
  writeFileSync(join(broken, 'bad.kql'), 'DeviceProcessEvents\n| where FileNme == "x"\n');
  const env = { ...process.env, INPUT_PATHS: broken, INPUT_SARIF_FILE: join(work, 'bad.sarif'), INPUT_JUNIT_FILE: join(work, 'bad.xml') };
  const failing = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env });
  // lint finds an error (1); test finds no spec (2: an input error), and that wins.
  assert.equal(failing.status, 2, failing.stderr);
  assert.match(failing.stderr, /kql-detect lint: exit 1/);
  assert.ok(JSON.parse(readFileSync(join(work, 'bad.sarif'), 'utf8')).runs[0].results.length > 0);
  const lenient = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { ...env, INPUT_PATHS: `${broken} examples/`, INPUT_FAIL_ON_FINDINGS: 'false' } });
  assert.equal(lenient.status, 0, lenient.stderr);
});
