// Deprecated function names evaluate as the functions they stand for (each from the current
// function's reference page), and the alias table only names functions the library has.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEPRECATED_ALIASES } from '../../../server/src/engine/functions/deprecatedAliases';
import { isAggregateName } from '../../../server/src/engine/functions/aggregates';
import { scalarFunctionNames } from '../../../server/src/engine/functions/registry';
import { check } from './helpers';

describe('deprecated aliases', () => {
  test('replace() is replace_regex()', () => check('print r = replace(@"(\\d+)", @"<\\1>", "a 1 b 22")', [['a <1> b <22>']]));
  test('parsejson() is parse_json()', () => check('print p = parsejson(\'{"a": 1}\').a', [[1]]));
  test('arraylength() is array_length()', () => check('print n = arraylength(dynamic([1, 2, 3]))', [[3]]));
  test('base64_decodestring() is base64_decode_tostring()', () => check('print s = base64_decodestring("S3VzdG8=")', [['Kusto']]));
  test('base64_encodestring() is base64_encode_tostring()', () => check('print s = base64_encodestring("Kusto")', [['S3VzdG8=']]));
  test('make_string() is unicode_codepoints_to_string()', () => check('print s = make_string(75, 117, 115, 116, 111)', [['Kusto']]));
  test('columnifexists() is column_ifexists()', () => check('print a = 1 | extend b = columnifexists("a", 0), c = columnifexists("zz", 7)', [[1, 1, 7]]));
  test('notempty() and notnull()', () => check('print e = notempty(""), n = notnull(long(null))', [[false, false]]));
  test('extractall(), datepart(), totime(), weekofyear()', () =>
    check('print e = extractall(@"(\\d)", "a1b2"), p = datepart("year", datetime(2020-05-01)), t = totime("1.00:00:00"), w = weekofyear(datetime(2020-12-31))', [[['1', '2'], 2020, '1.00:00:00', 53]]));
  test('parseurl() is parse_url()', () => check('print h = tostring(parseurl("https://example.com:8080/p?q=1").Host)', [['example.com']]));
  test('every alias stands for a function the engine knows', () => {
    // column_ifexists is a special form of the core; arg_max/arg_min are summarize's row pickers.
    const known = new Set([...scalarFunctionNames(), 'column_ifexists', 'arg_max', 'arg_min']);
    for (const [alias, current] of DEPRECATED_ALIASES) assert.ok(known.has(current.name) || isAggregateName(current.name), `${alias} → ${current.name}`);
  });
});
