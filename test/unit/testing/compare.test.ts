import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultTable } from '../../../server/src/engine/index';
import { parseDateTime, type ScalarType, type Value } from '../../../server/src/engine/values';
import { checkCase, type CheckResult } from '../../../server/src/testing/compare';
import { loadSpec } from '../../../server/src/testing/load';
import { formatDiff } from '../../../server/src/testing/report';

/** A result table from `name:type` headers and rows. */
function table(header: string[], rows: Value[][]): ResultTable {
  return { columns: header.map((h) => ({ name: h.split(':')[0], type: h.split(':')[1] as ScalarType })), rows };
}

/** Checks one case, written as the YAML of its keys below `- name: c`, against `result`. */
function check(caseYaml: string, result: ResultTable): CheckResult {
  const indented = caseYaml.trim().split('\n').map((line) => `    ${line}`).join('\n');
  const loaded = loadSpec(`detection: d.kql\ncases:\n  - name: c\n${indented}\n`, 's.yaml');
  assert.deepEqual(loaded.problems, []);
  const testCase = loaded.spec!.cases[0];
  assert.deepEqual(testCase.problems, []);
  return checkCase(testCase, result, 's.yaml');
}

function passes(caseYaml: string, result: ResultTable): void {
  const outcome = check(caseYaml, result);
  assert.deepEqual(outcome.failures, []);
  assert.deepEqual(outcome.problems, []);
  assert.equal(outcome.diff, undefined);
}

const people = table(['Name:string', 'Age:long'], [['ann', 30], ['bob', 40], ['cid', 50]]);

test('row counts: exact, at least, at most', () => {
  passes('expect: { count: 3 }', people);
  passes('expect: { min: 3 }', people);
  passes('expect: { max: 3 }', people);
  assert.deepEqual(check('expect: { count: 1 }', people).failures, ['expected 1 row, got 3']);
  assert.deepEqual(check('expect: { min: 4 }', people).failures, ['expected at least 4 rows, got 3']);
  assert.deepEqual(check('expect: { max: 2 }', people).failures, ['expected at most 2 rows, got 3']);
});

test('must_not_match fails on any row', () => {
  passes('must_not_match: true', table(['A:long'], []));
  assert.deepEqual(check('must_not_match: true', people).failures, ['benign events matched: the detection returned 3 rows, expected none']);
});

test('rows compare without regard to order unless ordered', () => {
  const rows = 'rows:\n  - { Name: cid }\n  - { Name: ann, Age: 30 }\n  - { Name: bob }';
  passes(`expect:\n  ${rows.replace(/\n/g, '\n  ')}`, people);
  const ordered = check(`expect:\n  ordered: true\n  ${rows.replace(/\n/g, '\n  ')}`, people);
  assert.equal(ordered.failures.length, 1);
  assert.deepEqual(ordered.diff?.missing.map((m) => m.cells), [['cid', '*'], ['ann', '30'], ['bob', '*']]);
  assert.deepEqual(ordered.diff?.unexpected.map((u) => u.row), [0, 1, 2]);
  passes('expect:\n  ordered: true\n  rows: [{ Name: ann }, { Name: bob }, { Name: cid }]', people);
});

test('rows are an exact multiset: a missing and an unexpected row make a diff', () => {
  const result = check('expect:\n  rows: [{ Name: ann }, { Name: dan }, { Name: bob }]', people);
  assert.deepEqual(result.failures, ['rows differ: 1 expected not found, 1 unexpected']);
  assert.deepEqual(formatDiff(result.diff!), [
    '   Name',
    '-  dan   (expected, spec line 5)',
    '+  cid   (result row 3)',
  ]);
});

test('the best pairing is found even when a greedy one fails', () => {
  // { Age: 30 } could take either row; a greedy match of the first expected row would take row 1
  // (ann, 30) and leave { Name: ann } without a partner.
  const twins = table(['Name:string', 'Age:long'], [['ann', 30], ['bob', 30]]);
  passes('expect:\n  rows: [{ Age: 30 }, { Name: ann }]', twins);
});

test('datetimes compare as instants, whatever the written form', () => {
  const at = parseDateTime('2024-05-01T10:00:00Z');
  const result = table(['Timestamp:datetime'], [[at]]);
  passes('expect:\n  rows: [{ Timestamp: "2024-05-01 10:00:00.0000000" }]', result);
  passes('expect:\n  rows: [{ Timestamp: "2024-05-01T12:00:00+02:00" }]', result);
  assert.equal(check('expect:\n  rows: [{ Timestamp: "2024-05-01T10:00:01Z" }]', result).failures.length, 1);
});

test('dynamics compare structurally: key order ignored, JSON text accepted', () => {
  const result = table(['Extra:dynamic'], [[{ a: 1, b: [1, { c: 'x' }] }]]);
  passes('expect:\n  rows: [{ Extra: { b: [1, { c: x }], a: 1 } }]', result);
  passes('expect:\n  rows: [{ Extra: \'{"b":[1,{"c":"x"}],"a":1}\' }]', result);
  assert.equal(check('expect:\n  rows: [{ Extra: { a: 1, b: [1] } }]', result).failures.length, 1);
});

test('scalars compare by column type', () => {
  const result = table(['Flag:bool', 'Ratio:real', 'Id:guid', 'Span:timespan', 'Text:string'], [
    [true, 0.1 + 0.2, '0f8fad5b-d9cb-469f-a165-70867728950e', 36_000_000_000n, ''],
  ]);
  passes('expect:\n  rows: [{ Flag: true, Ratio: 0.3, Id: 0F8FAD5B-D9CB-469F-A165-70867728950E, Span: 1h, Text: null }]', result);
  assert.equal(check('expect:\n  rows: [{ Flag: false }]', result).failures.length, 1);
  assert.equal(check('expect:\n  rows: [{ Text: "null" }]', result).failures.length, 1);
});

test('an expected column the result lacks, or a value of the wrong type, is a located spec problem', () => {
  assert.deepEqual(check('expect:\n  rows: [{ Nme: ann }]', people).problems, [
    { file: 's.yaml', line: 5, column: 16, message: "expected column 'Nme' is not in the result (its columns: Name, Age)" },
  ]);
  assert.deepEqual(check('expect:\n  rows: [{ Age: old }]', people).problems, [
    { file: 's.yaml', line: 5, column: 21, message: "Age is a long column: expected a number, not 'old'" },
  ]);
});
