import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareValues, valueKey } from '../../../../server/src/engine/functions/compare';
import type { ScalarType, Value } from '../../../../server/src/engine/values';

/** Sorting `values` ascending must give `expected`. */
function checkOrder(type: ScalarType, values: Value[], expected: Value[]): void {
  assert.deepEqual([...values].sort((a, b) => compareValues(a, b, type)), expected, type);
}

test('ascending order per type', () => {
  checkOrder('long', [3, -1, 2], [-1, 2, 3]);
  checkOrder('real', [1.5, NaN, Infinity, -Infinity, 0], [NaN, -Infinity, 0, 1.5, Infinity]);
  checkOrder('string', ['b', 'B', 'a', ''], ['', 'B', 'a', 'b']);
  checkOrder('bool', [true, false], [false, true]);
  checkOrder('datetime', [30n, -5n, 10n], [-5n, 10n, 30n]);
  checkOrder('timespan', [2n, 1n], [1n, 2n]);
  checkOrder('dynamic', [{ a: 1 }, 'x', [1], 2, true, 1], [true, 1, 2, 'x', [1], { a: 1 }]);
});

test('grouping keys: equal values share a key, different values do not', () => {
  const same: [Value, Value, ScalarType][] = [
    [NaN, NaN, 'real'],
    [0, -0, 'real'],
    [10n, 10n, 'datetime'],
    [{ a: [1, 2] }, { a: [1, 2] }, 'dynamic'],
  ];
  for (const [a, b, type] of same) assert.ok(new Map([[valueKey(a, type), 1]]).has(valueKey(b, type)), `${String(a)} ~ ${String(b)}`);
  assert.notEqual(valueKey('[1]', 'dynamic'), valueKey([1], 'dynamic'));
  assert.notEqual(valueKey('1', 'dynamic'), valueKey(1, 'dynamic'));
  assert.equal(valueKey(null, 'long'), null);
});
