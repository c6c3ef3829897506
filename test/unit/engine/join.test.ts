// Golden tests for join flavours and lookup.

import { describe, test } from 'node:test';
import { check } from './helpers';

const L = 'let L = datatable(k:string, l:long)["a", 1, "a", 2, "b", 3, "c", 4];';
const R = 'let R = datatable(k:string, r:long)["a", 10, "b", 20, "b", 21, "d", 40];';
const Q = (join: string, tail = '') => `${L} ${R} L | join ${join} R on k${tail}`;

describe('join flavours', () => {
  test('innerunique (the default) keeps one left row per key', () =>
    check(Q('', ' | project k, l, r'), [['a', 1, 10], ['b', 3, 20], ['b', 3, 21]]));
  test('right columns that clash get the suffix 1', () => check(Q('kind=inner', ' | take 1'), [['a', 1, 'a', 10]], { columns: ['k', 'l', 'k1', 'r'] }));
  test('inner', () => check(Q('kind=inner', ' | project l, r'), [[1, 10], [2, 10], [3, 20], [3, 21]]));
  test('leftouter', () => check(Q('kind=leftouter', ' | project l, k1, r'), [[1, 'a', 10], [2, 'a', 10], [3, 'b', 20], [3, 'b', 21], [4, '', null]]));
  test('rightouter', () => check(Q('kind=rightouter', ' | project l, k1, r'), [[1, 'a', 10], [2, 'a', 10], [3, 'b', 20], [3, 'b', 21], [null, 'd', 40]]));
  test('fullouter', () =>
    check(Q('kind=fullouter', ' | project k, l, k1, r'), [['a', 1, 'a', 10], ['a', 2, 'a', 10], ['b', 3, 'b', 20], ['b', 3, 'b', 21], ['c', 4, '', null], ['', null, 'd', 40]]));
  test('leftanti', () => check(Q('kind=leftanti'), [['c', 4]], { columns: ['k', 'l'] }));
  test('kind=anti is leftanti', () => check(Q('kind=anti'), [['c', 4]]));
  test('leftsemi', () => check(Q('kind=leftsemi'), [['a', 1], ['a', 2], ['b', 3]]));
  test('rightanti', () => check(Q('kind=rightanti'), [['d', 40]], { columns: ['k', 'r'] }));
  test('rightsemi', () => check(Q('kind=rightsemi'), [['a', 10], ['b', 20], ['b', 21]]));
  test('on $left.a == $right.b', () =>
    check(`${L} let S = datatable(key:string, s:long)["c", 7]; L | join kind=inner S on $left.k == $right.key`, [['c', 4, 'c', 7]], { columns: ['k', 'l', 'key', 's'] }));
  test('several keys', () =>
    check('let A = datatable(x:long, y:string, v:long)[1, "p", 5, 1, "q", 6]; let B = datatable(x:long, y:string, w:long)[1, "q", 9]; A | join kind=inner B on x, y | project v, w', [[6, 9]]));
});

describe('lookup', () => {
  test('leftouter by default, key columns once', () =>
    check(`${L} let D = datatable(k:string, name:string)["a", "alpha", "b", "beta"]; L | lookup D on k`, [
      ['a', 1, 'alpha'],
      ['a', 2, 'alpha'],
      ['b', 3, 'beta'],
      ['c', 4, ''],
    ], { columns: ['k', 'l', 'name'] }));
  test('kind=inner', () => check(`${L} let D = datatable(k:string, name:string)["b", "beta"]; L | lookup kind=inner D on k`, [['b', 3, 'beta']]));
});
