import assert from 'node:assert/strict';
import { test } from 'node:test';
import { specInputs } from '../../../server/src/testing/inputs';
import { loadSpec } from '../../../server/src/testing/load';
import type { DetectionSpec } from '../../../server/src/testing/spec';

const FILE = 'rules/x.test.yaml';

function load(text: string): DetectionSpec {
  const loaded = loadSpec(text, FILE);
  assert.deepEqual(loaded.problems, []);
  assert.ok(loaded.spec);
  return loaded.spec;
}

/** `expected` lists `line:column: message` of each spec-level problem. */
function checkProblems(text: string, expected: string[]): void {
  const loaded = loadSpec(text, FILE);
  assert.equal(loaded.spec, undefined);
  assert.deepEqual(
    loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
    expected,
  );
  for (const p of loaded.problems) assert.equal(p.file, FILE);
}

/** `expected` lists `line:column: message` of each problem of the first case. */
function checkCaseProblems(text: string, expected: string[]): void {
  const spec = load(text);
  assert.deepEqual(
    spec.cases[0].problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
    expected,
  );
}

test('a full spec loads with bindings, cases, expectations and positions', () => {
  const spec = load(`detection: detection.kql
schema: both
now: 2024-05-01T12:00:00Z
tables:
  DeviceProcessEvents:
    files: [events/a.jsonl, events/b.csv]
cases:
  - name: AnyDesk from Temp
    tags: [tp, "atomic:T1219-2"]
    events:
      DeviceProcessEvents:
        where: DeviceName == "ws-1"
    expect:
      count: 1
      rows:
        - { ToolFamily: AnyDesk, SuspiciousParent: true }
  - name: benign helpdesk
    tags: fp
    must_not_match: true
  - name: renamed binary
    known_gap: has_any does not match "AnyDesk (1).exe"
    events:
      DeviceProcessEvents:
        rows:
          - FileName: AnyDesk (1).exe
            Timestamp: 2024-05-01T11:00:00Z
    expect: { min: 1, max: 2, ordered: true }
`);
  assert.equal(spec.detection, 'detection.kql');
  assert.equal(spec.schema, 'both');
  assert.equal(spec.now, 17145648000000000n);
  assert.deepEqual(spec.tables.get('DeviceProcessEvents')?.files, ['events/a.jsonl', 'events/b.csv']);
  assert.equal(spec.cases.length, 3);

  const [tp, fp, gap] = spec.cases;
  assert.equal(tp.name, 'AnyDesk from Temp');
  assert.deepEqual(tp.at, { line: 8, column: 5 });
  assert.deepEqual(tp.tags, ['tp', 'atomic:T1219-2']);
  assert.equal(tp.events.get('DeviceProcessEvents')?.where, 'DeviceName == "ws-1"');
  assert.equal(tp.expect.count, 1);
  assert.equal(tp.expect.ordered, false);
  const row = tp.expect.rows?.[0];
  assert.deepEqual([...(row?.cells.entries() ?? [])].map(([k, c]) => [k, c.value]), [['ToolFamily', 'AnyDesk'], ['SuspiciousParent', true]]);
  assert.deepEqual(row?.cells.get('SuspiciousParent')?.at, { line: 16, column: 52 });

  assert.deepEqual(fp.tags, ['fp']);
  assert.equal(fp.mustNotMatch, true);

  assert.equal(gap.knownGap, 'has_any does not match "AnyDesk (1).exe"');
  assert.deepEqual(gap.expect, { min: 1, max: 2, ordered: true });
  const inline = gap.events.get('DeviceProcessEvents')?.rows?.[0];
  assert.equal(inline?.cells.get('FileName')?.value, 'AnyDesk (1).exe');
  assert.equal(inline?.cells.get('Timestamp')?.value, '2024-05-01T11:00:00Z');
  for (const c of spec.cases) assert.deepEqual(c.problems, []);
});

test('defaults: defender schema, no pinned now, no spec-level tables', () => {
  const spec = load('detection: d.kql\ncases:\n  - name: a\n    expect: { count: 0 }\n');
  assert.equal(spec.schema, 'defender');
  assert.equal(spec.now, undefined);
  assert.equal(spec.tables.size, 0);
});

test('invalid YAML is reported at its line and column', () => {
  checkProblems('detection: d.kql\ncases:\n  - name: [unclosed\n', ['4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
});

test('spec-level problems make the spec unusable, each located', () => {
  checkProblems('cases: []\n', [
    "1:1: missing 'detection': the path of the detection this spec tests (a .kql file or a rule file)",
    "1:8: 'cases' is empty",
  ]);
  checkProblems('detection: d.kql\nnow: yesterday\nschema: splunk\ncases:\n  - name: a\n    must_not_match: true\n', [
    "3:9: 'schema' must be one of defender, sentinel, both",
    "2:6: 'now' must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not 'yesterday'",
  ]);
  checkProblems('detection: d.kql\ncase:\n  - name: a\n', [
    "2:1: unknown key 'case' in the spec (expected one of: detection, block, schema, now, tables, cases)",
    "1:1: missing 'cases': a list of test cases",
  ]);
  checkProblems('- just a list\n', ['1:1: a test spec must be a mapping']);
  checkProblems('detection: d.kql\ntables:\n  T: { file: a.jsonl }\ncases:\n  - name: a\n    must_not_match: true\n', [
    "3:8: unknown key 'file' in the binding of T (expected one of: files, rows, where)",
    "3:6: T: a binding needs 'files', 'rows' or 'where'",
  ]);
});

test('problems inside a case stay with that case', () => {
  const spec = load('detection: d.kql\ncases:\n  - name: bad\n    expect: { count: -1 }\n  - name: good\n    must_not_match: true\n');
  assert.deepEqual(
    spec.cases[0].problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
    ["4:22: 'count' must be a whole number ≥ 0", "4:13: 'expect' needs at least one of count, min, max, rows"],
  );
  assert.deepEqual(spec.cases[1].problems, []);
});

test('case-level mistakes', () => {
  checkCaseProblems('detection: d.kql\ncases:\n  - tags: [tp]\n    must_not_match: true\n', ['3:5: case 1 has no \'name\'']);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n', ["3:5: case 'a' needs 'expect' or 'must_not_match: true'"]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    must_not_match: true\n    expect: { count: 1 }\n', [
    "5:5: a case has either 'expect' or 'must_not_match: true', not both",
  ]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    expect: { count: 1, min: 1 }\n', ["4:13: 'count' is exact: use it alone, or use 'min'/'max'"]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    expect: { min: 3, max: 1 }\n', ["4:13: 'min' (3) is greater than 'max' (1)"]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    expect:\n      count: 2\n      rows: [{ A: 1 }]\n', ["5:7: 'count' is 2 but 1 rows are listed"]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    expected: { count: 1 }\n', [
    "4:5: unknown key 'expected' in case 1 (expected one of: name, tags, events, expect, must_not_match, known_gap)",
    "3:5: case 'a' needs 'expect' or 'must_not_match: true'",
  ]);
  checkCaseProblems('detection: d.kql\ncases:\n  - name: a\n    known_gap: ""\n    must_not_match: true\n', [
    "4:16: 'known_gap' (the reason the detection misses this case) must be a non-empty string",
  ]);
});

test('duplicate case names are a problem of the later case', () => {
  const spec = load('detection: d.kql\ncases:\n  - name: a\n    must_not_match: true\n  - name: a\n    must_not_match: true\n');
  assert.deepEqual(spec.cases[0].problems, []);
  assert.deepEqual(spec.cases[1].problems.map((p) => p.message), ["duplicate case name 'a': case names must be unique in a spec"]);
});

test('YAML anchors and aliases can share rows between cases', () => {
  const spec = load(`detection: d.kql
cases:
  - name: a
    events:
      T: { rows: &rows [{ X: 1 }] }
    expect: { count: 1 }
  - name: b
    events:
      T: { rows: *rows }
    expect: { count: 1 }
`);
  assert.equal(spec.cases[1].events.get('T')?.rows?.[0].cells.get('X')?.value, 1);
});

test('specInputs: the spec, its detection and every event file, resolved against the spec', () => {
  const spec = load(`detection: ../detections/rmm.kql
tables:
  T: { files: [events/a.jsonl, /data/b.csv] }
cases:
  - name: a
    events:
      T: { files: events/c.json }
    must_not_match: true
  - name: b
    events:
      T: { where: X == 1 }
    must_not_match: true
`);
  assert.deepEqual(specInputs(spec), ['rules/x.test.yaml', 'detections/rmm.kql', 'rules/events/a.jsonl', '/data/b.csv', 'rules/events/c.json']);
});
