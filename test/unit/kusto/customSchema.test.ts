import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCustomSchema, withCustomTables } from '../../../server/src/kusto/customSchema';
import type { Environment } from '../../../server/src/kusto/globals';

test('one table or an array of tables, with CustomTables type spellings', () => {
  const one = parseCustomSchema('{"Name": "MyLogs_CL", "Properties": [{"Name": "Computer", "Type": "String"}, {"Name": "Count", "Type": "Int"}, {"Name": "At", "Type": "DateTime"}]}');
  assert.deepEqual(one, {
    tables: [{ name: 'MyLogs_CL', columns: [{ name: 'Computer', type: 'string' }, { name: 'Count', type: 'int' }, { name: 'At', type: 'datetime' }] }],
    errors: [],
  });
  const many = parseCustomSchema('[{"Name": "A_CL", "Properties": []}, {"Name": "B_CL", "Properties": [{"Name": "Ok", "Type": "boolean"}]}]');
  assert.deepEqual(many.tables.map((t) => [t.name, t.columns]), [['A_CL', []], ['B_CL', [{ name: 'Ok', type: 'bool' }]]]);
});

/** `check(text, expected)`: the errors, each as [offending text, message pattern]. */
function check(text: string, expected: [string, RegExp][]) {
  const { errors } = parseCustomSchema(text);
  assert.equal(errors.length, expected.length, JSON.stringify(errors));
  errors.forEach((error, i) => {
    assert.equal(text.slice(error.offset, error.offset + error.length), expected[i][0]);
    assert.match(error.message, expected[i][1]);
  });
}

test('problems are reported at their location, and the good tables are kept', () => {
  check('{"Name": "T", "Properties": [{"Name": "C", "Type": "varchar"}]}', [['"varchar"', /Unknown column type "varchar"/]]);
  check('[{"Name": "T", "Properties": [{"Name": "C"}]}, 5]', [['{"Name": "C"}', /needs a string "Name" and "Type"/], ['5', /Expected a table/]]);
  check('{"Properties": []}', [['{"Properties": []}', /needs a string "Name"/]]);
  check('{"Name": "T", "Properties": {}}', [['{}', /"Properties" array/]]);
  check('{"Name": "T", "Properties": [', [['', /Invalid JSON: CloseBracketExpected/], ['', /Invalid JSON: CloseBraceExpected/]]);
  const unknownType = parseCustomSchema('{"Name": "T", "Properties": [{"Name": "C", "Type": "varchar"}, {"Name": "D", "Type": "long"}]}');
  assert.deepEqual(unknownType.tables[0].columns, [{ name: 'C', type: 'dynamic' }, { name: 'D', type: 'long' }]);
});

test('never throws on garbage', () => {
  for (const text of ['', 'null', '"x"', '[[]]', '{"Name": 1}', '\u0000{']) assert.doesNotThrow(() => parseCustomSchema(text));
});

test('custom tables are added and replace built-in or open tables of the same name', () => {
  const base: Environment = { tables: [{ name: 'T', columns: [{ name: 'A', type: 'string' }] }], openTables: ['Open_CL'], functions: [] };
  const merged = withCustomTables(base, [{ name: 'T', columns: [{ name: 'B', type: 'long' }] }, { name: 'Open_CL', columns: [] }]);
  assert.deepEqual(merged.tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['T', ['B']], ['Open_CL', []]]);
  assert.deepEqual(merged.openTables, []);
  assert.equal(withCustomTables(base, []), base);
});
