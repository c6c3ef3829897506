// Expected values from Microsoft's KQL reference examples (CC BY 4.0) where the docs give one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindAggregate } from '../../../../server/src/engine/functions/aggregates';
import { NOT_CONSTANT } from '../../../../server/src/engine/functions/registry';
import { parseDateTime, parseTimespan, type ScalarType, type Value } from '../../../../server/src/engine/values';

const UNSUPPORTED = Symbol('unsupported');

/**
 * Aggregates `rows` (each row = the call's argument values) with `name`; `constants` marks the
 * literal arguments (maxSize, percentile, accuracy) by position.
 */
function aggregate(name: string, argTypes: ScalarType[], rows: Value[][], constants: Record<number, Value> = {}): Value | typeof UNSUPPORTED {
  const bound = bindAggregate({
    name,
    argTypes,
    resultType: 'dynamic',
    constants: argTypes.map((_, i) => (i in constants ? constants[i] : NOT_CONSTANT)),
    now: 0n,
  });
  if (bound === undefined) throw new Error(`unknown aggregate ${name}`);
  if ('unsupported' in bound) return UNSUPPORTED;
  const accumulator = bound.create();
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}

type Case = [name: string, argTypes: ScalarType[], rows: Value[][], expected: Value | typeof UNSUPPORTED, constants?: Record<number, Value>];

function check(cases: Case[]): void {
  for (const [name, argTypes, rows, expected, constants] of cases) {
    const actual = aggregate(name, argTypes, rows, constants);
    const label = `${name} over ${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
    if (typeof expected === 'number' && Number.isNaN(expected)) {
      assert.ok(typeof actual === 'number' && Number.isNaN(actual), `${label}: ${String(actual)} is not NaN`);
    } else if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
      assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: ${actual} ≉ ${expected}`);
    } else {
      assert.deepEqual(actual, expected, label);
    }
  }
}

const names = ['John', 'Paul', 'George', 'Ringo'];
const births = [9, 18, 25, 7];
const longer = names.map((n) => n.length > 4);
const oneToFive = [[1], [2], [3], [4], [5]];

test('defaults on empty input (summarize-operator#5, #6, #7)', () => {
  check([
    ['count', [], [], 0],
    ['count', ['long'], [], 0],
    ['countif', ['bool'], [], 0],
    ['dcount', ['long'], [], 0],
    ['dcountif', ['long', 'bool'], [], 0],
    ['sum', ['long'], [], 0],
    ['sumif', ['long', 'bool'], [], 0],
    ['avg', ['long'], [], NaN],
    ['max', ['long'], [], null],
    ['min', ['long'], [], null],
    ['percentile', ['long', 'long'], [], null, { 1: 55 }],
    ['stdev', ['long'], [], 0],
    ['variance', ['long'], [], 0],
    ['take_any', ['long'], [], null],
    ['make_set', ['long'], [], []],
    ['make_list', ['long'], [], []],
    ['make_bag', ['dynamic'], [], []],
  ]);
});

test('counting and sums (countif#2, sumif#2, make-*-if#1)', () => {
  check([
    ['countif', ['bool'], longer.map((b) => [b]), 2],
    ['sumif', ['long', 'bool'], births.map((b, i) => [b, longer[i]]), 32],
    ['make_list_if', ['string', 'bool'], names.map((n, i) => [n, longer[i]]), ['George', 'Ringo']],
    ['make_set_if', ['string', 'bool'], names.map((n, i) => [n, longer[i]]), ['George', 'Ringo']],
    ['count', [], [[], [], []], 3],
    ['count', ['long'], [[1], [null], [3]], 2],
    ['dcount', ['string'], [['a'], ['b'], ['a'], ['']], 3],
    ['dcount', ['long'], [[1], [null], [1], [2]], 2],
    ['dcountif', ['long', 'bool'], [[1, true], [2, false], [3, true], [1, true]], 2],
    ['count_distinct', ['real'], [[NaN], [NaN], [0], [-0]], 2],
    ['sum', ['long'], [[1], [null], [2]], 3],
    ['sum', ['timespan'], [[parseTimespan('1h')], [parseTimespan('30m')]], parseTimespan('1.5h')],
    ['avg', ['long'], [[1], [2], [null], [4]], 7 / 3],
    ['avgif', ['long', 'bool'], [[1, true], [5, false]], 1],
    ['avg', ['timespan'], [[parseTimespan('1h')], [parseTimespan('2h')]], parseTimespan('1.5h')],
  ]);
});

test('spread (stdev#1, stdevp#1, variance#1, variancep#1)', () => {
  check([
    ['stdev', ['long'], oneToFive, 1.5811388300841898],
    ['stdevp', ['long'], oneToFive, 1.4142135623730951],
    ['variance', ['long'], oneToFive, 2.5],
    ['variancep', ['long'], oneToFive, 2],
    ['variance', ['long'], [[7]], 0],
    ['stdevif', ['long', 'bool'], [[1, true], [100, false], [3, true]], Math.SQRT2],
    ['varianceif', ['long', 'bool'], [[1, true], [3, true], [null, true]], 2],
  ]);
});

test('extremes and take_any', () => {
  const d1 = parseDateTime('2020-01-01')!;
  const d2 = parseDateTime('2021-01-01')!;
  check([
    ['max', ['long'], [[3], [null], [7], [5]], 7],
    ['min', ['long'], [[3], [null], [7], [5]], 3],
    ['max', ['datetime'], [[d1], [d2]], d2],
    ['min', ['string'], [['b'], ['a'], ['c']], 'a'],
    ['max', ['real'], [[NaN], [1.5]], 1.5],
    ['maxif', ['long', 'bool'], [[3, true], [9, false]], 3],
    ['minif', ['long', 'bool'], [[3, false], [9, true]], 9],
    ['take_any', ['long'], [[null], [4], [5]], 4],
    ['take_any', ['string'], [[''], ['x']], 'x'],
    ['take_anyif', ['long', 'bool'], [[1, false], [2, true]], 2],
    ['take_any', ['long', 'long'], [[1, 2]], UNSUPPORTED],
  ]);
});

test('collections (make-list#1..#3, make-set#2, make-bag#1, summarize-operator#10)', () => {
  check([
    ['make_list', ['string'], [['triangle'], ['square'], ['rectangle']], ['triangle', 'square', 'rectangle']],
    ['make_list', ['dynamic'], [[{ name: 'triangle', sideCount: 3 }], [{ name: 'pentagon', sideCount: 5 }]], [{ name: 'triangle', sideCount: 3 }, { name: 'pentagon', sideCount: 5 }]],
    ['make_list', ['dynamic'], [[[1, 2]], [[3]]], [[1, 2], [3]]],
    ['make_list', ['long', 'long'], [[1, 2], [2, 2], [3, 2]], [1, 2], { 1: 2 }],
    ['make_list', ['long', 'long'], [[1, 2]], UNSUPPORTED],
    ['make_list', ['datetime'], [[parseDateTime('2020-01-01')]], ['2020-01-01T00:00:00.0000000Z']],
    ['make_set', ['long'], [[1], [5], [7], [5]], [1, 5, 7]],
    ['make_set', ['dynamic'], [[['A1', 'A2', 'A3']], [['A2', 'C1']], [['C2', 'A3']], [['C2', 'A1']]], ['A1', 'A2', 'A3', 'C1', 'C2']],
    ['make_set', ['real'], [[null], [5]], [5]],
    ['make_set', ['long', 'long'], [[1, 2], [2, 2], [3, 2]], [1, 2], { 1: 2 }],
    ['make_bag', ['dynamic'], [[{ prop01: 'val_a' }], [{ prop02: 'val_b' }], [{ prop03: 'val_c' }]], { prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' }],
    ['make_bag', ['dynamic'], [[{ a: 1 }], [[1, 2]], ['text'], [{ a: 2, b: 3 }]], { a: 1, b: 3 }],
    ['make_bag_if', ['dynamic', 'bool'], [[{ a: 1 }, false], [{ b: 2 }, true]], { b: 2 }],
  ]);
});

test('percentile uses the nearest rank (invoke-operator#1 clips 1..100 at the 5th and 99th)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => [i + 1]);
  check([
    ['percentile', ['long', 'long'], oneToHundred, 99, { 1: 99 }],
    ['percentile', ['long', 'long'], oneToHundred, 5, { 1: 5 }],
    ['percentile', ['long', 'long'], oneToHundred, 1, { 1: 0 }],
    ['percentile', ['long', 'long'], oneToHundred, 100, { 1: 100 }],
    ['percentile', ['long', 'real'], [[3], [1], [2], [4]], 2, { 1: 50 }],
    ['percentile', ['long', 'real'], [[3], [1], [2], [4]], 3, { 1: 50.1 }],
    ['percentiles', ['long', 'long'], oneToHundred, 50, { 1: 50 }],
    ['percentiles', ['long', 'long', 'long'], oneToHundred, UNSUPPORTED, { 1: 50, 2: 90 }],
    ['percentile', ['long', 'long'], oneToHundred, UNSUPPORTED],
  ]);
});

test('unknown names, including Object.prototype members, are not aggregates', () => {
  for (const name of ['nope', 'toString', 'constructor']) {
    assert.equal(bindAggregate({ name, argTypes: [], resultType: 'long', constants: [], now: 0n }), undefined);
  }
});

test('percentiles_array gives every percentile at once', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => [i + 1, 5, 50, 99]);
  check([
    ['percentiles_array', ['long', 'long', 'long', 'long'], oneToHundred, [5, 50, 99], { 1: 5, 2: 50, 3: 99 }],
    ['percentiles_array', ['long', 'long'], [], [null], { 1: 50 }],
    ['percentiles_array', ['long', 'long'], oneToHundred, UNSUPPORTED],
  ]);
});

test('binary_all_*, make_list_with_nulls', () => {
  check([
    ['binary_all_or', ['long'], [[0x88888008], [0x42000000], [0x00767000], [0x00000005]], 0xcafef00d], // binary-all-or#1
    ['binary_all_xor', ['long'], [[0x44404440], [0x1e1e1e1e], [0x90abba09], [0x000b105a]], 0xcafef00d], // binary-all-xor#1
    ['binary_all_and', ['long'], [], null],
    ['make_list_with_nulls', ['long'], [[1], [null], [3]], [1, null, 3]],
  ]);
});
