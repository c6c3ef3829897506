import { test } from 'node:test';
import { parseDateTime, parseTimespan } from '../../../../server/src/engine/values';
import { check, dt, dyn, int, nullOf, real, ts, UNSUPPORTED } from './harness';

test('tostring', () => {
  check([
    ['tostring', [123], '123'],
    ['tostring', [nullOf('long')], ''],
    ['tostring', [dyn('abc')], 'abc'],
    ['tostring', [dyn({ a: 1 })], '{"a":1}'],
    ['tostring', [dt('2020-01-01')], '2020-01-01T00:00:00.0000000Z'],
  ]);
});

test('integers: truncation, text, failures are null', () => {
  check([
    ['toint', ['123'], 123], // toint-function: toint("123") == 123
    ['toint', [real(2.3)], 2], // toint-function: toint(2.3) → 2
    ['toint', [real(-2.7)], -2],
    ['toint', ['abc'], null],
    ['toint', [' 42 '], 42],
    ['toint', ['2.5'], UNSUPPORTED],
    ['toint', [5000000000], UNSUPPORTED],
    ['tolong', ['123'], 123],
    ['tolong', [true], 1],
    ['tolong', [dt('1970-01-01 00:00:01')], 10_000_000],
    ['tolong', [dyn(7)], 7],
    ['tolong', [dyn([1])], null],
    ['tolong', [nullOf('string')], null],
    ['toint', [ts('1d')], UNSUPPORTED],
  ], );
});

test('reals, bools', () => {
  check([
    ['toreal', ['1.5'], 1.5],
    ['todouble', ['1e3'], 1000],
    ['toreal', [int(3)], 3],
    ['toreal', ['x'], null],
    ['todecimal', ['2.25'], 2.25],
    ['tobool', ['true'], true],
    ['tobool', ['FALSE'], false],
    ['tobool', [1], true],
    ['tobool', [123], true],
    ['tobool', [0], false],
    ['tobool', ['yes'], null],
    ['tobool', ['1'], UNSUPPORTED],
    ['toboolean', [dyn(true)], true],
  ]);
});

test('datetime, timespan, guid, dynamic', () => {
  check([
    ['todatetime', ['2015-12-24'], parseDateTime('2015-12-24')],
    ['todatetime', ['2015-12-24T10:00:00Z'], parseDateTime('2015-12-24 10:00')],
    ['todatetime', ['not a date'], null],
    ['todatetime', [dyn('2015-12-24')], parseDateTime('2015-12-24')],
    ['totimespan', ['0.00:01:00'], parseTimespan('1m')],
    ['totimespan', ['1d'], parseTimespan('1d')],
    ['totimespan', ['x'], null],
    ['toguid', ['74be27de-1e4e-49d9-b579-fe0b331d3642'], '74be27de-1e4e-49d9-b579-fe0b331d3642'],
    ['toguid', ['74BE27DE1E4E49D9B579FE0B331D3642'], '74be27de-1e4e-49d9-b579-fe0b331d3642'],
    ['toguid', ['nope'], null],
    ['parse_json', ['{"a":[1,2]}'], { a: [1, 2] }],
    ['todynamic', ['[1,"x"]'], [1, 'x']],
    // parse_json: text that is not JSON stays a dynamic string.
    ['parse_json', ['not json'], 'not json'],
    ['todynamic', [dt('2020-01-01')], '2020-01-01T00:00:00.0000000Z'],
    ['todynamic', [5], 5],
  ]);
});

test('todatetime also reads the invariant-culture US form (parse-operator examples)', () => {
  check([
    ['todatetime', ['02/17/2016 08:40:00'], parseDateTime('2016-02-17 08:40:00'), 'datetime'],
    ['todatetime', ['2/7/2016'], parseDateTime('2016-02-07'), 'datetime'],
    ['todatetime', ['2/7/2016 1:05:09 PM'], parseDateTime('2016-02-07 13:05:09'), 'datetime'],
    ['todatetime', ['2/7/2016 12:05 AM'], parseDateTime('2016-02-07 00:05'), 'datetime'],
    ['todatetime', ['13/7/2016'], null, 'datetime'],
    ['todatetime', ['12-02-2022'], parseDateTime('2022-12-02'), 'datetime'], // todatetime-function#2
    ['todatetime', ['12/02-2022'], null, 'datetime'],
  ]);
});

test('todatetime reads every format the datetime data type page lists', () => {
  const expected = parseDateTime('2014-11-08 15:05:02');
  check([
    ['todatetime', ['2015-12-31 23:59:59.9'], parseDateTime('2015-12-31T23:59:59.9Z'), 'datetime'], // todatetime-function#1
    ['todatetime', ['2014-05-25T08:20:03.123456Z'], parseDateTime('2014-05-25 08:20:03.123456'), 'datetime'],
    ['todatetime', ['Sat, 8 Nov 14 15:05:02 GMT'], expected, 'datetime'],
    ['todatetime', ['Sat, 8 Nov 14 15:05:02'], expected, 'datetime'],
    ['todatetime', ['8 Nov 14 15:05 GMT'], parseDateTime('2014-11-08 15:05'), 'datetime'],
    ['todatetime', ['Saturday, 08-Nov-14 15:05:02 GMT'], expected, 'datetime'],
    ['todatetime', ['08-Nov-14 15:05:02'], expected, 'datetime'],
    ['todatetime', ['2014-11-08 15:05:02 GMT'], expected, 'datetime'],
    ['todatetime', ['2014-11-08T15:05 GMT'], parseDateTime('2014-11-08 15:05'), 'datetime'],
    ['todatetime', ['8 Nov 99 15:05:02'], parseDateTime('1999-11-08 15:05:02'), 'datetime'],
    ['todatetime', ['8 Foo 14 15:05:02'], null, 'datetime'],
  ]);
});
