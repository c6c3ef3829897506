// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import { test } from 'node:test';
import { check, dt, dyn, int, nullOf, real, ts, UNSUPPORTED } from './harness';

test('math', () => {
  check([
    ['abs', [-5], 5, 'long'], // abs-function#1
    ['atan2', [1, 1], Math.PI / 4, 'real'], // atan2-function#1
    ['atan2', [0, -1], Math.PI, 'real'],
    ['cos', [1], 0.5403023058681398, 'real'], // cos-function#1
    ['cot', [1], 0.6420926159343306, 'real'], // cot-function#1
    ['degrees', [real(Math.PI / 4)], 45, 'real'], // degrees-function#1
    ['exp', [2], 7.38905609893065, 'real'], // exp-function#1
    ['log', [5], 1.6094379124341003, 'real'], // log-function#1
    ['log10', [5], 0.69897000433601886, 'real'], // log10-function#1
    ['log2', [5], 2.3219280948873622, 'real'], // log2-function#1
    ['log', [0], null, 'real'],
    ['log', [-1], null, 'real'],
    ['pow', [2, 3], 8, 'real'], // pow-function#1
    ['sqrt', [16], 4, 'real'],
    ['sqrt', [-1], null, 'real'],
    ['sign', [-7], -1, 'long'],
    ['ceiling', [real(1.1)], 2, 'real'],
    ['round', [real(2.98765), 3], 2.988, 'real'], // round-function examples
    ['round', [real(2.15), 1], 2.2, 'real'],
    ['round', [real(2.15)], 2, 'real'],
    ['round', [real(-50.55), -2], -100, 'real'],
    ['round', [real(21.5), -1], 20, 'real'],
    ['round', [real(2.5)], 3, 'real'],
    ['round', [real(-2.5)], -3, 'real'],
    ['round', [nullOf('real')], null, 'real'],
    ['isnan', [real(NaN)], true, 'bool'], // isnan-function#1
    ['isnan', [real(-1)], false, 'bool'],
    ['isinf', [real(-Infinity)], true, 'bool'], // isinf-function#1
    ['isinf', [real(NaN)], false, 'bool'],
    ['isfinite', [real(Infinity)], false, 'bool'],
    ['isfinite', [real(1)], true, 'bool'],
    ['min_of', [10, 1, -3, 17], -3, 'long'], // min-of-function#1
    ['max_of', [int(1), int(6)], 6, 'int'], // max-of-function#2
    ['max_of', [nullOf('int'), int(2)], 2, 'int'],
    ['max_of', [nullOf('int'), nullOf('int')], null, 'int'],
    ['max_of', [dt('2024-12-15 07:15:22'), dt('2024-12-15 07:15:24')], dt('2024-12-15 07:15:24').value, 'datetime'], // max-of-function#3
    ['tohex', [256], '100'], // tohex-function#1
    ['tohex', [-256], 'ffffffffffffff00'],
    ['tohex', [int(-256), 8], 'ffffff00'],
    ['tohex', [256, 8], '00000100'],
    ['tohex', [256, 2], '100'],
    ['tohex', [0xcafef00d], 'cafef00d'], // binary-all-or#1 (the OR of its inputs)
  ]);
});

test('null and emptiness (isempty-function table, null-values.md)', () => {
  check([
    ['isempty', [''], true, 'bool'],
    ['isempty', ['x'], false, 'bool'],
    ['isempty', [dyn('')], true, 'bool'], // parsejson("")
    ['isempty', [dyn([])], false, 'bool'], // parsejson("[]")
    ['isempty', [dyn({})], false, 'bool'], // parsejson("{}")
    ['isempty', [nullOf('long')], true, 'bool'],
    ['isnotempty', [''], false, 'bool'],
    ['isnotempty', [5], true, 'bool'],
    ['isnull', [nullOf('int')], true, 'bool'],
    ['isnull', [''], false, 'bool'],
    ['isnull', [dyn(null)], true, 'bool'],
    ['isnotnull', [5], true, 'bool'],
  ]);
});

test('gettype (gettype-function examples)', () => {
  check([
    ['gettype', ['a'], 'string'],
    ['gettype', [111], 'long'],
    ['gettype', [true], 'bool'],
    ['gettype', [dt('2020-01-01')], 'datetime'],
    ['gettype', [ts('1s')], 'timespan'],
    ['gettype', [dyn(1)], 'int'],
    ['gettype', [dyn('abc')], 'string'],
    ['gettype', [dyn({ abc: 1 })], 'dictionary'],
    ['gettype', [dyn([1, 2, 3])], 'array'],
    ['gettype', [real(123.45)], 'real'],
    ['gettype', [dyn(null)], 'null'],
    ['gettype', [nullOf('long')], UNSUPPORTED],
  ]);
});
