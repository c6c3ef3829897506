// Unnamed expressions named after an existing column (`mv-expand todynamic(Entities)`,
// `project tostring(x)`) replace that column, as Kusto's output schema shows; mv-expand kind=array.

import { describe, test } from 'node:test';
import { check } from './helpers';

const T = 'datatable(id:long, Entities:string)[1, \'[{"k":"a"},{"k":"b"}]\', 2, \'[]\']';

describe('unnamed expressions over an existing column', () => {
  test('mv-expand todynamic(col) expands into col', () =>
    check(T + ' | mv-expand todynamic(Entities) | project id, k = tostring(Entities.k)', [[1, 'a'], [1, 'b']]));
  test('mv-expand parse_json((col)) through parentheses', () =>
    check(T + ' | mv-expand parse_json((Entities)) | count', [[2]]));
  test('project tostring(col) keeps the column name', () =>
    check('datatable(d:dynamic, n:long)[dynamic({"a":1}), 5] | project tostring(d), n', [['{"a":1}', 5]], { columns: ['d', 'n'] }));
  test('extend tostring(col) replaces the column', () =>
    check('datatable(n:long)[5] | extend tostring(n)', [['5']], { columns: ['n'] }));
});

describe('mv-expand kind=array', () => {
  test('a property bag expands to [key, value] arrays', () =>
    check('print d = dynamic({"a": 1, "b": "x"}) | mv-expand kind=array d', [[['a', 1]], [['b', 'x']]]));
  test('bagexpansion=array is the same', () =>
    check('print d = dynamic({"a": 1}) | mv-expand bagexpansion=array d | extend k = tostring(d[0])', [[['a', 1], 'a']]));
  test('arrays expand as with kind=bag', () => check('print d = dynamic([1, 2]) | mv-expand kind=array d', [[1], [2]]));
});

describe('distinct of expressions', () => {
  const D = 'datatable(a:long, s:string)[1, "x", 2, "X", 3, "x"]';
  test('an expression takes Kusto\'s column name', () => check(D + ' | distinct tolower(s)', [['x']], { columns: ['Column1'] }));
  test('named and unnamed expressions together', () => check(D + ' | distinct k = tolower(s), a % 2', [['x', 1], ['x', 0]], { columns: ['k', 'Column1'] }));
  test('plain columns as before', () => check(D + ' | distinct s', [['x'], ['X']]));
});
