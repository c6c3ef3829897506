// Golden tests for the tabular operators: query in, rows out.

import { describe, test } from 'node:test';
import { check } from './helpers';

const T = 'datatable(a:long, s:string, d:dynamic)[1, "x", dynamic([1,2]), 2, "y", dynamic({"k":"v"}), 3, "x", dynamic(null)]';

describe('sources', () => {
  test('print names unnamed columns print_i', () => check('print a = 1, 2, "s"', [[1, 2, 's']], { columns: ['a', 'print_1', 'print_2'] }));
  test('datatable', () => check('datatable(x:long, y:string)[1, "a", 2, "b"]', [[1, 'a'], [2, 'b']]));
  test('range over longs', () => check('range x from 1 to 5 step 2', [[1], [3], [5]]));
  test('range over datetimes', () =>
    check('range t from datetime(2020-01-01) to datetime(2020-01-02) step 12h', [['2020-01-01T00:00:00.0000000Z'], ['2020-01-01T12:00:00.0000000Z'], ['2020-01-02T00:00:00.0000000Z']]));
  test('a tabular let is evaluated and reused', () => check('let t = datatable(x:long)[1, 2]; t | union t | count', [[4]]));
  test('materialize', () => check('let t = materialize(range x from 1 to 3 step 1); t | where x > 1', [[2], [3]]));
  test('scalar lets, dynamic lets and toscalar', () =>
    check('let n = 2; let l = dynamic(["x"]); let m = toscalar(range x from 1 to 10 step 1 | count); ' + T + ' | where a >= n and s in (l) | extend m', [[3, 'x', null, 10]]));
  test('a user function with parameters', () => check('let f = (v:long, w:long = 10) { v * w }; print f(2), f(2, 3)', [[20, 6]]));
  test('a user function with a tabular parameter', () => check('let big = (t:(a:long)) { t | where a > 1 }; big(' + T + ') | project a', [[2], [3]]));
  test('a user function returning a table', () => check('let rows = (n:long) { range x from 1 to n step 1 }; rows(3) | count', [[3]]));
});

describe('row-wise operators', () => {
  test('where and filter', () => check(T + ' | where a > 1 | filter s == "x" | project a', [[3]]));
  test('where drops rows whose predicate is null', () => check('datatable(v:long)[1, long(null), 3] | where v > 1', [[3]]));
  test('extend adds and replaces columns; a later extend sees them', () =>
    check(T + ' | extend b = a * 10, a = a + 1 | extend c = b + 1 | project a, b, c', [[2, 10, 11], [3, 20, 21], [4, 30, 31]]));
  test('extend names unnamed expressions Column1…', () => check('print x = 1 | extend x + 1, x * 3', [[1, 2, 3]], { columns: ['x', 'Column1', 'Column2'] }));
  test('project computes and renames', () => check(T + ' | project s, twice = a * 2 | take 2', [['x', 2], ['y', 4]], { columns: ['s', 'twice'] }));
  test('project-away', () => check(T + ' | project-away d | take 1', [[1, 'x']], { columns: ['a', 's'] }));
  test('project-keep', () => check(T + ' | project-keep s | take 1', [['x']], { columns: ['s'] }));
  test('project-rename', () => check(T + ' | project-rename b = a | project b | take 1', [[1]], { columns: ['b'] }));
  test('project-reorder', () => check(T + ' | project-reorder s, a | take 1', [['x', 1, [1, 2]]], { columns: ['s', 'a', 'd'] }));
  test('take and limit', () => check(T + ' | take 2 | limit 1 | project a', [[1]]));
  test('count', () => check(T + ' | count', [[3]], { columns: ['Count'] }));
  test('getschema', () =>
    check(T + ' | getschema', [
      ['a', 0, 'System.Int64', 'long'],
      ['s', 1, 'System.String', 'string'],
      ['d', 2, 'System.Object', 'dynamic'],
    ]));
  test('serialize with row_number, prev and next', () =>
    check('range x from 1 to 3 step 1 | serialize rn = row_number() | extend p = prev(x), n = next(x, 1, -1)', [
      [1, 1, null, 2],
      [2, 2, 1, 3],
      [3, 3, 2, -1],
    ]));
});

describe('sort and top', () => {
  const N = 'datatable(v:long, k:string)[2, "b", long(null), "n", 1, "a", 3, "c"]';
  test('sort defaults to descending with nulls last', () => check(N + ' | sort by v | project v', [[3], [2], [1], [null]]));
  test('ascending puts nulls first', () => check(N + ' | order by v asc | project v', [[null], [1], [2], [3]]));
  test('explicit nulls placement', () => check(N + ' | sort by v asc nulls last | project v', [[1], [2], [3], [null]]));
  test('descending nulls first', () => check(N + ' | sort by v desc nulls first | project v', [[null], [3], [2], [1]]));
  test('several keys, strings', () => check('datatable(a:long, b:string)[1, "b", 1, "a", 0, "z"] | sort by a asc, b asc', [[0, 'z'], [1, 'a'], [1, 'b']]));
  test('reals: NaN sorts below -inf', () => check('datatable(r:real)[1.0, real(nan), real(-inf), real(null)] | sort by r asc', [[null], [NaN], [-Infinity], [1]]));
  test('top n by', () => check(N + ' | top 2 by v | project k', [['c'], ['b']]));
  test('top n by asc', () => check(N + ' | top 2 by v asc nulls last | project k', [['a'], ['b']]));
});

describe('summarize and distinct', () => {
  test('count by a key', () => check(T + ' | summarize count() by s', [['x', 2], ['y', 1]], { columns: ['s', 'count_'] }));
  test('no keys: one row even for empty input', () => check(T + ' | where a > 100 | summarize count(), sum(a)', [[0, 0]], { columns: ['count_', 'sum_a'] }));
  test('keys and empty input: no rows', () => check(T + ' | where a > 100 | summarize count() by s', []));
  test('bin() keys', () =>
    check('datatable(t:datetime)[datetime(2020-01-01 01:10), datetime(2020-01-01 01:50), datetime(2020-01-01 03:00)] | summarize n = count() by bin(t, 1h)', [
      ['2020-01-01T01:00:00.0000000Z', 2],
      ['2020-01-01T03:00:00.0000000Z', 1],
    ]));
  test('arg_max with *', () => check(T + ' | summarize arg_max(a, *) by s', [['x', 3, null], ['y', 2, { k: 'v' }]], { columns: ['s', 'a', 'd'] }));
  test('arg_max with * beside another aggregate', () =>
    check('datatable(k:string, a:long, b:string)["x", 1, "p", "x", 3, "q", "y", 2, "r"] | summarize arg_max(a, *), n = count() by k', [
      ['x', 3, 'q', 2],
      ['y', 2, 'r', 1],
    ], { columns: ['k', 'a', 'b', 'n'] }));
  test('arg_min with listed columns', () => check(T + ' | summarize arg_min(a, s)', [[1, 'x']], { columns: ['a', 's'] }));
  test('take_any', () => check(T + ' | summarize take_any(a) by s', [['x', 1], ['y', 2]]));
  test('distinct', () => check(T + ' | distinct s', [['x'], ['y']]));
  test('distinct *', () => check('datatable(a:long, b:string)[1, "x", 1, "x", 2, "x"] | distinct *', [[1, 'x'], [2, 'x']]));
});

describe('union, mv-expand, parse', () => {
  test('union with withsource', () =>
    check('let A = datatable(x:long)[1]; let B = datatable(x:long, y:string)[2, "b"]; union withsource=Src A, B', [
      ['A', 1, ''],
      ['B', 2, 'b'],
    ], { columns: ['Src', 'x', 'y'] }));
  test('piped union', () => check('datatable(x:long)[1] | union (datatable(x:long)[2])', [[1], [2]]));
  test('mv-expand of an array and a bag', () =>
    check(T + ' | mv-expand d | project a, d', [
      [1, 1],
      [1, 2],
      [2, { k: 'v' }],
      [3, null],
    ]));
  test('mv-expand with_itemindex and to typeof', () =>
    check('print d = dynamic(["a", 1, "b"]) | mv-expand with_itemindex = i d to typeof(string)', [
      ['a', 0],
      ['', 1],
      ['b', 2],
    ], { columns: ['d', 'i'] }));
  test('mv-expand of an empty array produces no rows', () => check('print d = dynamic([]), x = 1 | mv-expand d', []));
  test('mv-apply runs its subquery on each row\'s elements', () =>
    check('datatable(a:long, d:dynamic)[1, dynamic([3,1,2]), 2, dynamic([5])] | mv-apply d to typeof(long) on (top 2 by d | extend z = d * 2)', [
      [1, 3, 6],
      [1, 2, 4],
      [2, 5, 10],
    ], { columns: ['a', 'd', 'z'] }));
  test('mv-apply keeps the row\'s own columns beside an aggregate', () =>
    check('datatable(a:long, d:dynamic)[1, dynamic([3,1,2]), 2, dynamic([])] | mv-apply x = d to typeof(long) on (summarize s = sum(x)) | project a, s', [
      [1, 6],
      [2, 0],
    ]));
  test('union of legs whose columns clash in type names them by type', () =>
    check('let A = datatable(x:long)[1]; let B = datatable(x:string)["b"]; union A, B', [
      [1, ''],
      [null, 'b'],
    ], { columns: ['x_long', 'x_string'] }));
  test('mv-expand of an unnamed path takes Kusto\'s name for it', () =>
    check('print d = dynamic({"items": [1, 2]}) | mv-expand d.items | project d_items', [[1], [2]], { columns: ['d_items'] }));
  test('union isfuzzy=true runs every leg', () => check('union isfuzzy=true (print x = 1), (print x = 2)', [[1], [2]]));
  test('render leaves the rows as they are', () => check('print x = 1 | render table', [[1]]));
  test('column_ifexists', () => check('datatable(a:long)[1] | project b = column_ifexists("a", 0), c = column_ifexists("zz", 7)', [[1, 7]]));
  test('parse, simple mode', () =>
    check('print s = "user=bob id=42 rest of it" | parse s with "user=" user " id=" id:long " " tail', [['user=bob id=42 rest of it', 'bob', 42, 'rest of it']]));
  test('parse, no match leaves empty columns', () => check('print s = "nothing" | parse s with "user=" user | project user', [['']]));
  test('parse-where drops rows that do not match', () => check('datatable(s:string)["k=1", "x", "k=2"] | parse-where s with "k=" k:long | project k', [[1], [2]]));
  test('parse kind=regex', () => check('print s = "a12b" | parse kind=regex s with "[a-z]" n:long "b" | project n', [[12]]));
  test('parse kind=relaxed keeps what converts', () => check('print s = "n=x m=5" | parse kind=relaxed s with "n=" n:long " m=" m:long | project n, m', [[null, 5]]));
});
