// The shipped JSON Schema (editor validation) and the loader (CLI and runner) must agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { loadSpec } from '../../../server/src/testing/load';

const schema = JSON.parse(readFileSync('schemas/detection-test.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

/** Both the schema and the loader accept `text` (valid = true) or both reject it. */
function check(text: string, valid: boolean): void {
  const schemaSays = validate(parse(text));
  const loaded = loadSpec(text, 'x.test.yaml');
  const loaderSays = loaded.spec !== undefined && loaded.spec.cases.every((c) => c.problems.length === 0);
  assert.equal(schemaSays, valid, `schema: ${JSON.stringify(validate.errors)}`);
  assert.equal(loaderSays, valid, `loader: ${JSON.stringify([...loaded.problems, ...(loaded.spec?.cases.flatMap((c) => c.problems) ?? [])])}`);
}

test('the example spec is valid', () => {
  check(readFileSync('examples/rmm/remote-desktop-software.test.yaml', 'utf8'), true);
});

test('schema and loader agree on valid and invalid specs', () => {
  const base = 'detection: d.kql\ncases:\n  - name: a\n';
  check(`${base}    must_not_match: true\n`, true);
  check(`${base}    expect: { count: 1, rows: [{ A: 1 }] }\n`, true);
  check(`${base}    expect: { min: 1, max: 3, ordered: true }\n`, true);
  check(`${base}    events: { T: { files: a.jsonl, where: "A == 1" } }\n    expect: { max: 0 }\n`, true);
  check(`${base}    tags: tp\n    known_gap: why\n    expect: { count: 0 }\n`, true);

  check('cases:\n  - name: a\n    must_not_match: true\n', false);
  check('detection: d.kql\ncases: []\n', false);
  check(`${base}    expect: { count: 1, min: 1 }\n`, false);
  check(`${base}    expect: {}\n`, false);
  check(`${base}    expect: { count: -1 }\n`, false);
  check(`${base}    must_not_match: true\n    expect: { count: 0 }\n`, false);
  check(`${base}    expected: { count: 0 }\n`, false);
  check(`${base}\n`, false);
  check(`${base}    events: { T: { files: a.jsonl, rows: [] } }\n    must_not_match: true\n`, false);
  check(`${base}    events: { T: {} }\n    must_not_match: true\n`, false);
  check(`schema: splunk\n${base}    must_not_match: true\n`, false);
});
