import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReal, toKustoString } from '../../../../server/src/engine/functions/convert';
import { parseDateTime, parseTimespan, type ScalarType, type Value } from '../../../../server/src/engine/values';

test('tostring() per type', () => {
  const cases: [Value, ScalarType, string][] = [
    [null, 'long', ''],
    ['abc', 'string', 'abc'],
    [true, 'bool', 'true'],
    [12345, 'long', '12345'],
    [123.45, 'real', '123.45'],
    // reverse-function#2 reverses tostring(datetime(2017-10-15 12:00)) into "Z0000000.00:00:21T51-01-7102".
    [parseDateTime('2017-10-15 12:00'), 'datetime', '2017-10-15T12:00:00.0000000Z'],
    // ... and tostring(3h) into "00:00:30"; strcat_delim('-', 1, '2', 'A', 1s) gives "1-2-A-00:00:01".
    [parseTimespan('3h'), 'timespan', '03:00:00'],
    [parseTimespan('1s'), 'timespan', '00:00:01'],
    [{ a: [1, 'x'] }, 'dynamic', '{"a":[1,"x"]}'],
    ['text', 'dynamic', 'text'],
    ['8cf5bfbe-8f55-4c04-8aa3-4c1a1d7a2f6f', 'guid', '8cf5bfbe-8f55-4c04-8aa3-4c1a1d7a2f6f'],
  ];
  for (const [value, type, expected] of cases) assert.equal(toKustoString(value, type), expected, `${type} ${String(value)}`);
});

test('reals print like .NET doubles', () => {
  const cases: [number, string][] = [
    [1.5, '1.5'],
    [1, '1'],
    [0.0001, '0.0001'],
    [0.00001, '1E-05'],
    [1e14, '100000000000000'],
    [1e15, '1E+15'],
    [1.2345678901234568e17, '1.2345678901234568E+17'],
    [-2.5e-7, '-2.5E-07'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ];
  for (const [n, expected] of cases) assert.equal(formatReal(n), expected, String(n));
});
