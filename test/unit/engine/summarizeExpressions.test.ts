// summarize items that compute over aggregates: each aggregate accumulates per group, then the
// expression is evaluated over the group's results.

import { describe, test } from 'node:test';
import { check } from './helpers';

const T = 'datatable(g:string, v:long, ok:bool)["a", 1, true, "a", 2, false, "b", 10, true, "a", 4, true]';

describe('summarize expressions over aggregates', () => {
  test('round(avg(x), 2)', () => check(T + ' | summarize r = round(avg(v), 2) by g', [['a', 2.33], ['b', 10]], { columns: ['g', 'r'] }));
  test('a ratio of two aggregates', () => check(T + ' | summarize pct = countif(ok) * 100.0 / count() by g', [['a', 200 / 3], ['b', 100]]));
  test('sum(x) / count() with long division', () => check(T + ' | summarize per = sum(v) / count()', [[4]]));
  test('an aggregate wrapped in a scalar function beside plain aggregates', () =>
    check(T + ' | summarize n = count(), s = array_sort_asc(make_set(v)) by g', [['a', 3, [1, 2, 4]], ['b', 1, [10]]]));
  test('an unnamed expression takes Kusto\'s generated column name', () => check(T + ' | summarize max(v) + 1', [[11]], { columns: ['Column1'] }));
  test('without groups on empty input, the expression sees the aggregates\' defaults', () =>
    check(T + ' | where v > 100 | summarize c = count() + 1, s = sum(v) * 2', [[1, 0]]));
  test('(a, b) = arg_max(…) and the argmax alias', () =>
    check(T + ' | summarize (top, which) = argmax(v, g)', [[10, 'b']], { columns: ['top', 'which'] }));
});
