// evaluate bag_unpack: the documented examples, and what stays reported.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check, checkFails, run } from './helpers';

function docCase(id: string): string {
  const line = readFileSync('data/kql-docs-cases/cases.jsonl', 'utf8').split('\n').find((l) => l.includes(`"id":"${id}"`));
  return (JSON.parse(line!) as { query: string }).query;
}

describe('evaluate bag_unpack', () => {
  test('the doc example: each slot a column, typed by its values', () =>
    check(docCase('bag-unpack-plugin#1'), [[20, 'John'], [40, 'Dave'], [30, 'Jasmine']], { columns: ['Age', 'Name'] }));
  test("the doc example with columnsConflict='replace_source': the slot replaces the source column in place", () =>
    check(docCase('bag-unpack-plugin#3'), [['John', 20], ['', 40], ['Jasmine', 30]], { columns: ['Name', 'Age'] }));
  test("the doc example with columnsConflict='keep_source'", () => check(docCase('bag-unpack-plugin#4'), [['James', 20], ['David', 40], ['Emily', 30]], { columns: ['Name', 'Age'] }));
  test('a prefix names the new columns; the other input columns keep their place', () =>
    check('datatable(k:long, d:dynamic, z:string)[1, dynamic({"b": "x"}), "z"] | evaluate bag_unpack(d, "p_")', [[1, 'z', 'x']], { columns: ['k', 'z', 'p_b'] }));
  test('a slot whose values differ in type is dynamic; a row without it has null', () => {
    const result = run('datatable(d:dynamic)[dynamic({"a": 1, "s": "x"}), dynamic({"a": "one"}), dynamic({})] | evaluate bag_unpack(d)');
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(result.results[0].columns, [
      { name: 'a', type: 'dynamic' },
      { name: 's', type: 'string' },
    ]);
    assert.deepEqual(result.results[0].rows, [[1, 'x'], ['one', ''], [null, '']]);
  });
  test('filters, sorts and summaries see the unpacked columns', () =>
    check('datatable(d:dynamic)[dynamic({"a": 1, "b": "x"}), dynamic({"a": 2, "b": "x"})] | evaluate bag_unpack(d) | where a > 1 | summarize n = count() by b', [['x', 1]]));
  test('by default a slot named like an input column is an error, as the doc says', () =>
    checkFails('datatable(Name:string, d:dynamic)["a", dynamic({"Name": "b"})] | evaluate bag_unpack(d)', 'runtime-error', 'the column Name already exists'));
  test('an operator that would read the rows by the columns Kusto knows is reported', () =>
    checkFails('datatable(d:dynamic)[dynamic({"a": 1})] | evaluate bag_unpack(d) | extend c = 1', 'not-supported-locally', 'extend after evaluate bag_unpack'));
  test('a union leg is reported the same way', () =>
    checkFails('let X = datatable(d:dynamic)[dynamic({"a": 1})] | evaluate bag_unpack(d); union X, (print a = 2)', 'not-supported-locally', 'after evaluate bag_unpack'));
  test('an output schema is reported', () =>
    checkFails(docCase('bag-unpack-plugin#7'), 'not-supported-locally', 'bag_unpack with an output schema'));
  test('other plugins are reported by name', () => checkFails('print x = 1 | evaluate narrow()', 'not-supported-locally', 'the evaluate plugin narrow'));
});

const storms = 'datatable(State:string, EventType:string, Deaths:long)["ALASKA", "High Wind", 1, "ALABAMA", "Strong Wind", 2, "ALABAMA", "Strong Wind", 0, "ALASKA", "Strong Wind", 3]';

describe('evaluate pivot', () => {
  test('by default: one row per value of the other columns, one count column per pivot value, 0 where none', () =>
    check(`${storms} | project State, EventType | evaluate pivot(State)`, [['High Wind', 0, 1], ['Strong Wind', 2, 1]], { columns: ['EventType', 'ALABAMA', 'ALASKA'] }));
  test('count() and named group columns; the value columns can be filtered on', () =>
    check(`${storms} | evaluate pivot(State, count(), EventType) | where ALABAMA > 0`, [['Strong Wind', 2, 1]], { columns: ['EventType', 'ALABAMA', 'ALASKA'] }));
  test('an aggregation whose empty cells the doc does not fill is reported', () =>
    checkFails(`${storms} | evaluate pivot(State, sum(Deaths), EventType)`, 'not-supported-locally', 'pivot with sum()'));
  test('an empty pivot value is reported (its column would have no name)', () =>
    checkFails('datatable(s:string, t:string)["", "a"] | evaluate pivot(s)', 'not-supported-locally', 'pivot of an empty value'));
});
