// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import { test } from 'node:test';
import { check, dt, dyn, real, ts, UNSUPPORTED } from './harness';

const words = dyn(['this', 'is', 'an', 'example', 'an', 'example']);
const five = dyn([1, 2, 3, 4, 5]);

test('packing and lengths', () => {
  check([
    ['array_length', [dyn([1, 2, 3, 'four'])], 4, 'long'], // array-length-function#1
    ['array_length', [dyn({ a: 1 })], null, 'long'],
    ['pack_array', [1, 2, 4], [1, 2, 4], 'dynamic'], // pack-array-function#1
    ['pack_array', [1, '2', ts('2s')], [1, '2', '00:00:02'], 'dynamic'], // pack-array-function#2
    ['bag_pack', ['Level', 'Information', 'ProcessID', 1234, 'Data', dyn({ url: 'www.bing.com' })], { Level: 'Information', ProcessID: 1234, Data: { url: 'www.bing.com' } }, 'dynamic'], // pack-function#1
    ['pack', ['t', dt('2020-01-01'), 'r', real(1.5)], { t: '2020-01-01T00:00:00.0000000Z', r: 1.5 }, 'dynamic'],
    ['bag_pack', ['odd'], UNSUPPORTED, 'dynamic'],
  ]);
});

test('bags', () => {
  check([
    ['bag_keys', [dyn({ a: 'b', c: 123 })], ['a', 'c'], 'dynamic'], // bag-keys-function#1
    ['bag_keys', [dyn(null)], null, 'dynamic'],
    ['bag_keys', [dyn({})], [], 'dynamic'],
    ['bag_keys', [dyn('a')], null, 'dynamic'],
    ['bag_keys', [dyn([])], null, 'dynamic'],
    ['bag_has_key', [dyn({ key1: 123, key2: 'abc' }), 'key2'], true, 'bool'], // bag-has-key-function#1
    ['bag_has_key', [dyn({ key1: 123, key3: 'abc' }), 'key2'], false, 'bool'],
    ['bag_has_key', [dyn({ a: { b: 1 } }), '$.a.b'], true, 'bool'],
    ['bag_remove_keys', [dyn({ key1: 123, key2: 'abc' }), dyn(['key2', 'key4'])], { key1: 123 }, 'dynamic'], // bag-remove-keys-function#1
    ['bag_remove_keys', [dyn({ key1: 123, key2: { prop1: 'abc', prop2: 'xyz' }, key3: [100, 200] }), dyn(['$.key2.prop1', 'key3'])], { key1: 123, key2: { prop2: 'xyz' } }, 'dynamic'], // #2
    ['bag_set_key', [dyn({ key1: 1, key2: 2 }), 'key3', 3], { key1: 1, key2: 2, key3: 3 }, 'dynamic'], // bag-set-key-function#1
    ['bag_set_key', [dyn({ key1: 1, key3: 'abc' }), 'key3', 3], { key1: 1, key3: 3 }, 'dynamic'],
    ['bag_set_key', [dyn({ key1: 123 }), '$.key2.prop1', 'abc'], { key1: 123, key2: { prop1: 'abc' } }, 'dynamic'], // bag-set-key-function#2
    ['bag_merge', [dyn({ a: 1, b: 2 }), dyn({ b: 3, c: 4 })], { a: 1, b: 2, c: 4 }, 'dynamic'],
    ['bag_zip', [dyn(['a', 'b', 'c']), dyn([1, '2', 3.4])], { a: 1, b: '2', c: 3.4 }, 'dynamic'], // bag-zip#1..#6
    ['bag_zip', [dyn(['a', 'b', 'c']), dyn([1, '2'])], { a: 1, b: '2', c: null }, 'dynamic'],
    ['bag_zip', [dyn(['a', 'b']), dyn([1, '2', 2.5])], { a: 1, b: '2' }, 'dynamic'],
    ['bag_zip', [dyn(['a', 8, 'b']), dyn([1, '2', 2.5])], { a: 1, b: 2.5 }, 'dynamic'],
    ['bag_zip', [dyn(['a', 8, 'b']), dyn(1)], { a: null, b: null }, 'dynamic'],
    ['bag_zip', [dyn('a'), dyn([1, '2', 2.5])], null, 'dynamic'],
  ]);
});

test('array lookups and slices', () => {
  check([
    // array-index-of-function#1
    ['array_index_of', [words, 'an'], 2, 'long'],
    ['array_index_of', [words, 'example', 1, 3], 3, 'long'],
    ['array_index_of', [words, 'example', 1, 2], -1, 'long'],
    ['array_index_of', [words, 'is', 2, 4], -1, 'long'],
    ['array_index_of', [words, 'example', 2, -1], 3, 'long'],
    ['array_index_of', [words, 'an', 1, -1, 2], 4, 'long'],
    ['array_index_of', [words, 'an', 1, -1, 3], -1, 'long'],
    ['array_index_of', [words, 'an', -3], 4, 'long'],
    ['array_index_of', [words, 'is', -4], -1, 'long'],
    ['set_has_element', [words, 'example'], true, 'bool'], // set-has-element-function#1
    ['set_has_element', [dyn([1, 2]), real(2.0)], true, 'bool'],
    ['set_has_element', [dyn(['1']), 1], false, 'bool'],
    ['array_slice', [dyn([1, 2, 3]), 1, 2], [2, 3], 'dynamic'], // array-slice-function#1
    ['array_slice', [five, 2, -1], [3, 4, 5], 'dynamic'], // #2
    ['array_slice', [five, -3, -2], [3, 4], 'dynamic'], // #3
    ['array_slice', [five, 3, 1], [], 'dynamic'],
    ['array_reverse', [dyn(['this', 'is', 'an', 'example'])], ['example', 'an', 'is', 'this'], 'dynamic'], // array-reverse-function#1
    ['array_concat', [dyn([1, 2, 4]), dyn([1, 2])], [1, 2, 4, 1, 2], 'dynamic'], // array-concat-function#1
    ['array_concat', [dyn([1]), dyn('x')], null, 'dynamic'],
    ['array_sum', [dyn([1, 2, 3, 4])], 10, 'real'], // array-sum-function#1
    ['array_sum', [dyn([1, 'x'])], null, 'real'],
  ]);
});

test('shifting, rotating, splitting, array_iff', () => {
  check([
    ['array_rotate_left', [five, 2], [3, 4, 5, 1, 2], 'dynamic'], // array-rotate-left-function#1
    ['array_rotate_left', [five, -2], [4, 5, 1, 2, 3], 'dynamic'], // #2
    ['array_rotate_right', [five, 2], [4, 5, 1, 2, 3], 'dynamic'], // array-rotate-right-function#1
    ['array_rotate_right', [five, -2], [3, 4, 5, 1, 2], 'dynamic'], // #2
    ['array_shift_left', [five, 2], [3, 4, 5, null, null], 'dynamic'], // array-shift-left-function#1
    ['array_shift_left', [five, 2, -1], [3, 4, 5, -1, -1], 'dynamic'], // #2
    ['array_shift_left', [five, -2, -1], [-1, -1, 1, 2, 3], 'dynamic'], // #3
    ['array_shift_right', [five, 2], [null, null, 1, 2, 3], 'dynamic'], // array-shift-right-function#1
    ['array_shift_right', [five, -2, -1], [3, 4, 5, -1, -1], 'dynamic'], // #3
    ['array_split', [five, 2], [[1, 2], [3, 4, 5]], 'dynamic'], // array-split-function#1
    ['array_split', [five, dyn([1, 3])], [[1], [2, 3], [4, 5]], 'dynamic'], // #2
    ['array_iff', [dyn([true, false, true]), dyn([1, 2, 3]), dyn([4, 5, 6])], [1, 5, 3], 'dynamic'], // array-iff-function#1
    ['array_iff', [dyn([1, 0, 50]), 'yes', 'no'], ['yes', 'no', 'yes'], 'dynamic'], // #2
    ['array_iff', [dyn([true, true, true]), dyn([1, 2]), dyn([3, 4])], [1, 2, null], 'dynamic'], // #4
  ]);
});

test('sorting', () => {
  check([
    ['array_sort_asc', [dyn([1, 3, 4, 5, 2]), dyn(['a', 'b', 'c', 'd', 'e'])], [[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']], 'dynamic'], // array-sort-asc-function#1
    ['array_sort_asc', [dyn(['John', 'Paul', 'Jane', 'Kao'])], ['Jane', 'John', 'Kao', 'Paul'], 'dynamic'], // #2
    ['array_sort_asc', [dyn([null, 'blue', 'yellow', 'green', null])], ['blue', 'green', 'yellow', null, null], 'dynamic'], // #4
    ['array_sort_asc', [dyn([null, 'blue', 'yellow', 'green', null]), false], [null, null, 'blue', 'green', 'yellow'], 'dynamic'], // #5
    ['array_sort_desc', [dyn([1, 3, 4, 5, 2]), dyn(['a', 'b', 'c', 'd', 'e'])], [[5, 4, 3, 2, 1], ['d', 'c', 'b', 'e', 'a']], 'dynamic'], // array-sort-desc-function#1
    ['array_sort_desc', [dyn([null, 'blue', 'yellow', 'green', null])], ['yellow', 'green', 'blue', null, null], 'dynamic'], // #4
    ['array_sort_desc', [dyn([null, 'blue', 'yellow', 'green', null]), false], [null, null, 'yellow', 'green', 'blue'], 'dynamic'], // #5
    ['array_sort_asc', [dyn(['b', 2, 'a', 1])], [1, 2, 'a', 'b'], 'dynamic'],
    ['array_sort_asc', [dyn([2, 1]), dyn(['x'])], UNSUPPORTED, 'dynamic'],
  ]);
});

test('sets and zip', () => {
  check([
    ['set_union', [dyn([1, 2, 1, 4]), dyn([1, 2]), dyn([8])], [1, 2, 4, 8], 'dynamic'], // set-union-function#1
    ['set_union', [dyn(['A4', 'A2', 'A7', 'A2']), dyn(['A4', 'A2', 'A7', 'A2'])], ['A4', 'A2', 'A7'], 'dynamic'], // #2
    ['set_intersect', [dyn([1, 2, 3]), dyn([4, 5])], [], 'dynamic'], // set-intersect-function#2
    ['set_intersect', [dyn([1, 2, 3, 2]), dyn([2, 3, 4]), dyn([3, 2])], [2, 3], 'dynamic'],
    ['set_difference', [dyn([1, 2, 3]), dyn([1, 2, 3])], [], 'dynamic'], // set-difference-function#2
    ['set_difference', [dyn([1, 2, 3, 1]), dyn([2]), dyn([5])], [1, 3], 'dynamic'],
    ['jaccard_index', [dyn([1, 2, 3]), dyn([1, 2, 3, 4])], 0.75, 'real'], // jaccard-index-function#1
    ['zip', [dyn([1, 3, 5]), dyn([2, 4, 6])], [[1, 2], [3, 4], [5, 6]], 'dynamic'], // zip-function#1
    ['zip', [dyn(['A', 1, 1.5]), dyn([{}, 'B'])], [['A', {}], [1, 'B'], [1.5, null]], 'dynamic'], // zip-function#2
  ]);
});

test('range() builds arrays of numbers, datetimes and timespans', () => {
  check([
    ['range', [1, 8, 3], [1, 4, 7], 'dynamic'],
    ['range', [1, 3], [1, 2, 3], 'dynamic'],
    ['range', [5, 1, -2], [5, 3, 1], 'dynamic'],
    ['range', [5, 1], [], 'dynamic'],
    ['range', [1, 5, 0], null, 'dynamic'],
    ['range', [dt('2007-01-01'), dt('2007-01-03'), ts('1d')], ['2007-01-01T00:00:00.0000000Z', '2007-01-02T00:00:00.0000000Z', '2007-01-03T00:00:00.0000000Z'], 'dynamic'],
    ['range', [ts('1h'), ts('3h'), ts('1h')], ['01:00:00', '02:00:00', '03:00:00'], 'dynamic'],
    ['range', [ts('1h'), ts('3h')], ['01:00:00', '02:00:00', '03:00:00'], 'dynamic'], // range-function#4
    ['range', [1, 1e12], UNSUPPORTED, 'dynamic'],
  ]);
});
