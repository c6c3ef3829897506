import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { SpecHost } from '../../../server/src/testing/host';
import { runSpecFile, specFailed, type SpecResult } from '../../../server/src/testing/run';

/** A detection over a small custom table, so tests need no event files. */
const DETECTION = `Logons
| where Result == "fail"
| summarize Failures = count() by User
| where Failures >= 2`;

/** An in-memory host: `files` maps paths to text; event files are JSON arrays of rows. */
function host(files: Record<string, string>): SpecHost {
  return {
    readText: (path) => (path in files ? { text: files[path] } : { error: `${path}: no such file` }),
    readEvents(paths) {
      const missing = paths.find((p) => !(p in files));
      if (missing) return { error: `${missing}: no such event file` };
      const rows = paths.flatMap((p) => JSON.parse(files[p]) as { User: string; Result: string }[]);
      const table = memoryTable(
        [{ name: 'User', type: 'string' }, { name: 'Result', type: 'string' }],
        rows.map((r) => [r.User, r.Result]),
      );
      return { table, problems: () => [] };
    },
  };
}

function run(spec: string, extra: Record<string, string> = {}): SpecResult {
  return runSpecFile('t/spec.test.yaml', host({ 't/spec.test.yaml': spec, 't/detection.kql': DETECTION, ...extra }));
}

/** `name: outcome` per case, plus the first message or problem of cases that did not pass. */
function summary(result: SpecResult): string[] {
  return result.cases.map((c) => {
    const detail = c.problems[0] ? `${c.problems[0].file}:${c.problems[0].line}:${c.problems[0].column}: ${c.problems[0].message}` : c.messages[0];
    return detail && c.outcome !== 'pass' ? `${c.name}: ${c.outcome}: ${detail}` : `${c.name}: ${c.outcome}`;
  });
}

const HEADER = `detection: detection.kql
tables:
  Logons:
    rows:
      - { User: ann, Result: fail }
      - { User: ann, Result: fail }
      - { User: bob, Result: fail }
      - { User: bob, Result: ok }
cases:
`;

test('outcomes: pass, fail with a diff, known gap, now passes', () => {
  const result = run(`${HEADER}
  - name: ann is flagged
    tags: [tp]
    expect:
      rows: [{ User: ann, Failures: 2 }]
  - name: bob is flagged
    expect:
      rows: [{ User: bob }]
  - name: bob, a known gap
    known_gap: one failure is below the threshold
    expect:
      min: 2
  - name: a gap that is fixed
    known_gap: was missed once
    expect:
      count: 1
`);
  assert.deepEqual(summary(result), [
    'ann is flagged: pass',
    'bob is flagged: fail: rows differ: 1 expected not found, 1 unexpected',
    'bob, a known gap: known-gap: expected at least 2 rows, got 1',
    'a gap that is fixed: now-passes: now passes: remove known_gap (was missed once)',
  ]);
  assert.deepEqual(result.cases[0].tags, ['tp']);
  assert.deepEqual(result.cases[1].diff?.missing.map((m) => m.cells), [['bob']]);
  assert.deepEqual(result.cases[1].diff?.unexpected.map((u) => u.cells), [['ann']]);
  assert.equal(specFailed(result), true);
});

test('a spec with only passes and known gaps succeeds', () => {
  const result = run(`${HEADER}
  - name: ann
    expect: { count: 1 }
  - name: gap
    known_gap: not yet
    expect: { count: 2 }
`);
  assert.deepEqual(summary(result), ['ann: pass', 'gap: known-gap: expected 2 rows, got 1']);
  assert.equal(specFailed(result), false);
});

test('case events replace or filter the spec-level binding', () => {
  const result = run(`${HEADER}
  - name: inline rows replace the spec's rows
    events:
      Logons:
        rows: [{ User: cid, Result: fail }, { User: cid, Result: fail }]
    expect:
      rows: [{ User: cid }]
  - name: where filters the spec's rows
    events:
      Logons: { where: User != "ann" }
    must_not_match: true
  - name: files
    events:
      Logons: { files: [events/a.json, events/b.json] }
    expect:
      rows: [{ User: dan, Failures: 2 }]
`, { 't/events/a.json': '[{"User":"dan","Result":"fail"}]', 't/events/b.json': '[{"User":"dan","Result":"fail"}]' });
  assert.deepEqual(summary(result), ["inline rows replace the spec's rows: pass", "where filters the spec's rows: pass", 'files: pass']);
});

test('a known gap never hides an error', () => {
  const result = run(`${HEADER}
  - name: bad filter
    known_gap: whatever
    events:
      Logons: { where: Usr == "ann" }
    expect: { count: 1 }
`);
  assert.equal(result.cases[0].outcome, 'error');
  assert.match(summary(result)[0], /^bad filter: error: t\/spec\.test\.yaml:\d+:\d+: Logons 'where': .*Usr/);
  assert.equal(specFailed(result), true);
});

test('errors are located: unknown inline column, bad value, missing files, missing detection', () => {
  const noColumn = run(`detection: detection.kql
cases:
  - name: c
    events:
      DeviceProcessEvents:
        rows: [{ FileNme: a.exe }]
    must_not_match: true
`);
  assert.deepEqual(summary(noColumn), ["c: error: t/spec.test.yaml:6:18: DeviceProcessEvents has no column 'FileNme'"]);

  const badValue = run(`detection: detection.kql
cases:
  - name: c
    events:
      DeviceProcessEvents:
        rows: [{ Timestamp: last tuesday }]
    must_not_match: true
`);
  assert.deepEqual(summary(badValue), ["c: error: t/spec.test.yaml:6:29: Timestamp is a datetime column: expected an ISO 8601 datetime, not 'last tuesday'"]);

  const noFile = run(`${HEADER}
  - name: c
    events:
      Logons: { files: events/none.json }
    must_not_match: true
`);
  assert.deepEqual(summary(noFile), ['c: error: t/spec.test.yaml:13:15: t/events/none.json: no such event file']);

  const noDetection = runSpecFile('t/spec.test.yaml', host({ 't/spec.test.yaml': `detection: gone.kql\ncases:\n  - name: c\n    must_not_match: true\n` }));
  assert.deepEqual(summary(noDetection), ['c: error: t/spec.test.yaml:1:12: cannot read the detection gone.kql: t/gone.kql: no such file']);
});

test('a detection error is reported at its place in the detection file', () => {
  const result = runSpecFile(
    't/spec.test.yaml',
    host({ 't/spec.test.yaml': `${HEADER}  - name: c\n    must_not_match: true\n`, 't/detection.kql': 'Logons\n| where Nope == 1' }),
  );
  assert.match(summary(result)[0], /^c: error: t\/detection\.kql:2:9: /);
});

test('an unloadable spec reports its problems and runs nothing', () => {
  const result = runSpecFile('t/spec.test.yaml', host({ 't/spec.test.yaml': 'detection: [\n' }));
  assert.deepEqual(result.cases, []);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0].file, 't/spec.test.yaml');
  assert.equal(specFailed(result), true);
});

test('progress and cancellation', () => {
  const seen: string[] = [];
  let cancel = false;
  const result = runSpecFile(
    't/spec.test.yaml',
    host({ 't/spec.test.yaml': `${HEADER}  - name: a\n    expect: { count: 1 }\n  - name: b\n    expect: { count: 1 }\n`, 't/detection.kql': DETECTION }),
    {
      onCase: (c, index, total) => {
        seen.push(`${index + 1}/${total} ${c.name}`);
        cancel = true;
      },
      isCancelled: () => cancel,
    },
  );
  assert.deepEqual(seen, ['1/2 a']);
  assert.equal(result.cancelled, true);
  assert.equal(specFailed(result), true);
});

test('where filters run together; a bad one errors alone, at its own place', () => {
  const result = run(`${HEADER}
  - name: good filter
    events:
      Logons: { where: User == "ann" }
    expect:
      rows: [{ User: ann, Failures: 2 }]
  - name: unknown column
    events:
      Logons: { where: Usr == "bob" }
    must_not_match: true
  - name: not a predicate
    events:
      Logons: { where: strlen(User) }
    must_not_match: true
  - name: another good filter
    events:
      Logons: { where: User == "bob" }
    must_not_match: true
`);
  assert.deepEqual(result.cases.map((c) => c.outcome), ['pass', 'error', 'error', 'pass']);
  assert.deepEqual(result.cases[1].problems.map((p) => [p.line, p.column]), [[18, 24]]);
  assert.match(result.cases[1].problems[0].message, /^Logons 'where': .*Usr/);
  assert.deepEqual(result.cases[2].problems.map((p) => p.message), ["Logons 'where': a 'where' needs a true/false predicate, not a long"]);
});

const TWO_BLOCKS = `// name: repeated failures
Logons
| where Result == "fail"
| summarize Failures = count() by User
| where Failures >= 2

// name: any failure
Logons
| where Result == "fail"
| distinct User
`;

const ONE_CASE = `  - name: flagged
    expect:
      count: 2
`;

test('a spec picks the block it tests by number or by its name comment; the blocks are the editor’s', () => {
  const extra = { 't/detection.kql': TWO_BLOCKS };
  const rows = HEADER.replace('detection: detection.kql\n', '');
  assert.deepEqual(summary(run(`detection: detection.kql\nblock: 2\n${rows}${ONE_CASE}`, extra)), ['flagged: pass']);
  assert.deepEqual(summary(run(`detection: detection.kql\nblock: any failure\n${rows}${ONE_CASE}`, extra)), ['flagged: pass']);
  assert.deepEqual(summary(run(`detection: detection.kql\nblock: 1\n${rows}${ONE_CASE}`, extra)), ['flagged: fail: expected 2 rows, got 1']);
  assert.deepEqual(summary(run(`detection: detection.kql\n${rows}${ONE_CASE}`, extra)), [
    "flagged: error: t/spec.test.yaml:1:12: the detection has 2 query blocks: pick one with 'block:' (its number, or the name of its '// name:' comment)",
  ]);
  assert.deepEqual(summary(run(`detection: detection.kql\nblock: 3\n${rows}${ONE_CASE}`, extra)), ['flagged: error: t/spec.test.yaml:2:8: block 3: the detection has 2 query blocks']);
  assert.deepEqual(summary(run(`detection: detection.kql\nblock: nope\n${rows}${ONE_CASE}`, extra)), [
    "flagged: error: t/spec.test.yaml:2:8: no query block is named 'nope' (by a '// name:' comment); named blocks: 'repeated failures', 'any failure'",
  ]);
});

test("a blank line after the detection's lets does not cut the query from them", () => {
  const detection = 'let Threshold = 2;\n\nLogons\n| where Result == "fail"\n| summarize Failures = count() by User\n| where Failures >= Threshold\n';
  assert.deepEqual(summary(run(`${HEADER}${ONE_CASE.replace('count: 2', 'count: 1')}`, { 't/detection.kql': detection })), ['flagged: pass']);
});

test('without now, the spec warns and each case pins now() to its latest event time, as the preview does', () => {
  const detection = 'Events\n| where Timestamp > ago(1h)\n| project Id';
  const spec = `detection: detection.kql
tables:
  Events:
    rows:
      - { Id: 1, Timestamp: 2021-03-01T10:30:00Z }
      - { Id: 2, Timestamp: 2021-03-01T08:00:00Z }
cases:
  - name: only the last hour before the latest event
    expect:
      rows: [{ Id: 1 }]
`;
  const result = run(spec, { 't/detection.kql': detection });
  assert.deepEqual(summary(result), ['only the last hour before the latest event: pass']);
  assert.equal(result.warnings?.length, 1);
  assert.match(result.warnings![0].message, /^no 'now': now\(\) and ago\(\) are pinned to each case's latest event time/);
  // A pinned now wins: an hour before 08:30 takes both events.
  const pinned = run(spec.replace('tables:', 'now: 2021-03-01T08:30:00Z\ntables:'), { 't/detection.kql': detection });
  assert.equal(pinned.cases[0].outcome, 'fail');
  assert.deepEqual(pinned.cases[0].result?.rows.length, 2);
  assert.deepEqual(pinned.warnings, []);
});

test('a spec may name a rule file: its query runs, and errors are placed in the rule file', () => {
  const rows = HEADER.replace('detection: detection.kql\n', '');
  const ONE = `  - name: ann is flagged\n    expect:\n      rows: [{ User: ann }]\n`;
  const yaml = `id: 0b8f0a6e-1c3d-4f5a-9b7c-2d4e6f8a0b1c\nkind: Scheduled\nquery: |\n${DETECTION.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
  assert.deepEqual(summary(run(`detection: rule.yaml\n${rows}${ONE}`, { 't/rule.yaml': yaml })), ['ann is flagged: pass']);
  // A misspelt column: at its line and column in the YAML block, and in the JSON string past an escape.
  const misspelt = yaml.replace('Result ==', 'Reslt ==');
  assert.deepEqual(summary(run(`detection: rule.yaml\n${rows}${ONE}`, { 't/rule.yaml': misspelt })), [
    "ann is flagged: error: t/rule.yaml:5:11: The name 'Reslt' does not refer to any known column, table, variable or function.",
  ]);
  const graph = `{\n  "queryCondition": { "queryText": ${JSON.stringify(DETECTION.replace('Result ==', 'Reslt =='))} }\n}`;
  assert.deepEqual(summary(run(`detection: custom.json\n${rows}${ONE}`, { 't/custom.json': graph })), [
    `ann is flagged: error: t/custom.json:2:${graph.split('\n')[1]!.indexOf('Reslt') + 1}: The name 'Reslt' does not refer to any known column, table, variable or function.`,
  ]);
  assert.deepEqual(summary(run(`detection: other.yaml\n${rows}${ONE}`, { 't/other.yaml': 'key: value\n' })), [
    'ann is flagged: error: t/spec.test.yaml:1:12: other.yaml holds no detection (neither a Sentinel analytic rule, an ARM template with alert rules, nor a Defender custom detection)',
  ]);
});
