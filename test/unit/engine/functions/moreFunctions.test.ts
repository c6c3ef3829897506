// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import { test } from 'node:test';
import { parseDateTime } from '../../../../server/src/engine/values';
import { check, dt, dyn, ts, Typed, UNSUPPORTED } from './harness';

test('replace_strings resolves overlaps by lookup order (replace-strings-function#1..#4)', () => {
  const magic = 'A magic trick can turn a cat into a dog';
  const example = 'This is an example of using replace_strings()';
  check([
    ['replace_strings', [magic, dyn(['cat', 'dog']), dyn(['dog', 'pigeon'])], 'A magic trick can turn a dog into a pigeon'],
    ['replace_strings', [magic, dyn(['turn', ' into a dog']), dyn(['disappear', ''])], 'A magic trick can disappear a cat'],
    ['replace_strings', [example, dyn(['This', 'is']), dyn(['This', 'was'])], 'This was an example of using replace_strings()'],
    ['replace_strings', [example, dyn(['is', 'This']), dyn(['was', 'This'])], 'Thwas was an example of using replace_strings()'],
    ['replace_strings', [example, dyn(['This', 'is']), dyn([12345, 'was'])], 'This was an example of using replace_strings()'],
  ]);
});

test('string_size, isascii, regex_quote, indexof_regex', () => {
  check([
    ['string_size', ['hello'], 5, 'long'], // string-size-function#1
    ['string_size', ['⒦⒰⒮⒯⒪'], 15, 'long'],
    ['isascii', ['some string'], true, 'bool'], // isascii#1
    ['isascii', ['café'], false, 'bool'],
    ['regex_quote', ['(so$me.Te^xt)'], '\\(so\\$me\\.Te\\^xt\\)'], // regex-quote-function#1
    // indexof-regex-function#1
    ['indexof_regex', ['abcabc', 'a.c'], 0, 'long'],
    ['indexof_regex', ['abcabcdefg', 'a.c', 0, 9, 2], 3, 'long'],
    ['indexof_regex', ['abcabc', 'a.c', 1, -1, 2], -1, 'long'],
    ['indexof_regex', ['ababaa', 'a.a', 0, -1, 2], -1, 'long'],
    ['indexof_regex', ['abcabc', 'a|ab', -1], null, 'long'],
  ]);
});

test('encodings of bytes, guids and code points', () => {
  check([
    ['base64_decode_toarray', ['S3VzdG8='], [75, 117, 115, 116, 111], 'dynamic'], // base64-decode-toarray-function#1
    ['base64_decode_toarray', ['U3RyaW5n0KHR0tGA0L7Rh9C60LA'], null, 'dynamic'],
    ['base64_encode_fromarray', [dyn([75, 117, 115, 116, 111])], 'S3VzdG8='], // base64-encode-fromarray-function#1
    ['base64_encode_fromarray', [dyn(null)], ''], // #2
    ['base64_decode_toguid', ['JpbpECu8dUy7Pv5gbeJXAA=='], UNSUPPORTED, 'guid'], // base64-decode-toguid-function#1 contradicts encode_fromguid#1
    ['base64_encode_fromguid', [new Typed('guid', 'ae3133f2-6e22-49ae-b06a-16e6a9b212eb')], '8jMxriJurkmwahbmqbIS6w=='], // base64-encode-fromguid-function#1
    ['unicode_codepoints_from_string', ['קוסטו - Kusto'], [1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111], 'dynamic'], // #2
    ['unicode_codepoints_to_string', [75, 117, 115, 116, 111], 'Kusto'], // unicode-codepoints-to-string-function#1
    ['unicode_codepoints_to_string', [dyn([75, 117, 115]), 116, 111], 'Kusto'], // #3
    ['unicode_codepoints_to_string', [75, 10, 117], 'K\nu'], // #4
  ]);
});

test('bitwise functions', () => {
  check([
    ['binary_or', [5, 3], 7, 'long'], // binary-or-function#1
    ['binary_and', [6, 3], 2, 'long'],
    ['binary_xor', [6, 3], 5, 'long'],
    ['binary_not', [0], -1, 'long'],
    ['binary_shift_left', [1, 4], 16, 'long'],
    ['binary_shift_right', [-16, 60], 15, 'long'],
    ['bitset_count_ones', [42], 3, 'long'],
  ]);
});

test('dynamic_to_json sorts keys; around; format_bytes; extract_json', () => {
  const bag = { Y10: {}, X8: { c3: 1, d8: 5, a4: 6 }, D1: 114, A1: 12, B1: 2, C1: 3, A14: [15, 13, 18] };
  check([
    ['dynamic_to_json', [dyn(bag)], '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}'], // dynamic-to-json-function#1
    ['around', [dt('2021-01-01 01:29'), dt('2021-01-01 01:30'), ts('1m')], true, 'bool'], // around-function#1
    ['around', [dt('2021-01-01 01:28'), dt('2021-01-01 01:30'), ts('1m')], false, 'bool'],
    ['around', [10, 12, 2], true, 'bool'],
    // format-bytes-function#1
    ['format_bytes', [564], '564 Bytes'],
    ['format_bytes', [10332, 1], '10.1 KB'],
    ['format_bytes', [20010332], '19 MB'],
    ['format_bytes', [20010332, 2], '19.08 MB'],
    ['format_bytes', [20010332, 0, 'KB'], '19541 KB'],
    ['format_bytes', [1, 0, 'YB'], UNSUPPORTED],
    ['extract_json', ['$.name', '{"name": "John", "age": 30, "city": "New York"}', dyn('string')], 'John'], // extract-json-function#1
    ['extract_json', ['$.age', '{"name": "John", "age": 30}', dyn('long')], 30, 'long'],
    ['extract_json', ["$['a'][1]", '{"a": [1, {"b": 2}]}'], '{"b":2}'],
    ['extract_json', ['$.missing', '{}', dyn('long')], null, 'long'],
    ['extract_json', ['$..deep', '{}'], UNSUPPORTED],
  ]);
});

test('the timestamps used above parse', () => {
  check([['todatetime', ['2021-01-01 01:30'], parseDateTime('2021-01-01 01:30'), 'datetime']]);
});
