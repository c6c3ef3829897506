// Failures are values: query errors, unsupported constructs, row caps and cancellation.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import { checkFails, run } from './helpers';

test('a query with Kusto errors gives query-error diagnostics and no results', () => {
  checkFails('print x = nosuchname', 'query-error', 'nosuchname');
});

test('an unknown function is not supported locally, with its span', () => {
  const query = 'print geo_distance_2points(1.0, 2.0, 3.0, 4.0)';
  const result = run(query);
  assert.deepEqual(result.results, []);
  assert.equal(result.diagnostics[0].code, 'not-supported-locally');
  assert.equal(query.slice(result.diagnostics[0].start, result.diagnostics[0].end), 'geo_distance_2points(1.0, 2.0, 3.0, 4.0)');
});

test('an operator the engine lacks is not supported locally', () => {
  checkFails('range x from 1 to 3 step 1 | make-series count() on x from 1 to 3 step 1', 'not-supported-locally', 'make-series');
});

test('a table with no events bound is reported, not guessed', () => {
  const result = run('T | take 1', {}, { tables: [{ name: 'T', columns: [{ name: 'a', type: 'long' }] }], openTables: [], functions: [] });
  assert.equal(result.diagnostics[0].code, 'not-supported-locally');
  assert.match(result.diagnostics[0].message, /no events are bound/);
});

test('a runaway range stops at maxRows with limit-exceeded', () => {
  checkFails('range x from 1 to 1000000000 step 1 | count', 'limit-exceeded', 'range', { maxRows: 1000 });
});

test('a runaway mv-expand stops at maxRows', () => {
  checkFails('range x from 1 to 100 step 1 | extend d = dynamic([1,2,3,4,5,6,7,8,9,10]) | mv-expand d', 'limit-exceeded', 'mv-expand', { maxRows: 500 });
});

test('a join that explodes stops at maxRows', () => {
  checkFails('let t = range x from 1 to 100 step 1 | extend k = 1; t | join kind=inner t on k', 'limit-exceeded', 'join', { maxRows: 1000 });
});

test('isCancelled stops evaluation with a cancelled diagnostic', () => {
  checkFails('range x from 1 to 100000 step 1 | where x % 2 == 0', 'cancelled', 'cancelled', { isCancelled: () => true });
});

test('a passed deadline stops evaluation with a cancelled diagnostic', () => {
  checkFails('range x from 1 to 100000 step 1 | where x > 0', 'cancelled', 'cancelled', { deadline: 0 });
});

test('one result per output statement', () => {
  const result = run('print a = 1; print b = 2');
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.results.map((r) => r.columns[0].name), ['a', 'b']);
});

test('an open table takes the bound events\' columns', () => {
  const environment = { tables: [], openTables: ['Custom_CL'], functions: [] };
  const table = memoryTable([{ name: 'a', type: 'long' }], [[1]]);
  const provider = { table: (name: string) => (name === 'Custom_CL' ? table : undefined), tableNames: () => ['Custom_CL'] };
  const result = run('Custom_CL | extend b = a + 1', { provider }, environment);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.results[0].rows, [[1, 2]]);
});

test('an open table Kusto knows without columns reads the bound table\'s own columns', () => {
  const environment = { tables: [], openTables: ['Custom_CL'], functions: [] };
  const table = memoryTable([{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }], [[1, 'x'], [0, 'y']]);
  const provider = { table: (name: string) => (name === 'Custom_CL' ? table : undefined), tableNames: () => [] };
  const result = run('Custom_CL | where a > 0 | distinct b', { provider }, environment);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.results[0].rows, [['x']]);
});

test('a column of an open table that no event has reads as empty', () => {
  const environment = { tables: [], openTables: ['Custom_CL'], functions: [] };
  const table = memoryTable([{ name: 'a', type: 'long' }], [[1]]);
  const provider = { table: (name: string) => (name === 'Custom_CL' ? table : undefined), tableNames: () => [] };
  const result = run('Custom_CL | extend b = 1 | project-keep Missing_s, b', { provider }, environment);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(result.results[0].rows, [[1]]);
});

test('union: a type-suffixed name that is also a real column is reported, not guessed', () => {
  checkFails('let A = datatable(x:long)[1]; let B = datatable(x:int)[2]; let C = datatable(x_long:long)[3]; union A, B, C', 'not-supported-locally', 'x_long');
});
