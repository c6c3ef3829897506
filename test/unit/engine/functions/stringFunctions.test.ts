// Expected values come from the examples in Microsoft's KQL reference (MicrosoftDocs/dataexplorer-docs,
// CC BY 4.0) where the docs give one; the case ids name the doc example.
import { test } from 'node:test';
import { check, dt, dyn, real, ts, UNSUPPORTED } from './harness';

test('case, length and joining', () => {
  check([
    ['tolower', ['AbC'], 'abc'],
    ['toupper', ['AbC'], 'ABC'],
    ['strlen', ['hello'], 5], // strlen-function#1
    ['strlen', ['⒦⒰⒮⒯⒪'], 5], // strlen-function#2
    ['strlen', ['C\u0327edilla'], 8], // strlen-function#3
    ['strcat', ['hello', ' ', 'world'], 'hello world'], // strcat-function#1
    ['strcat', ['a', 1, real(1.5), true, dt('2017-10-15 12:00'), ts('3h'), dyn({ k: [1] })], 'a11.5true2017-10-15T12:00:00.0000000Z03:00:00{"k":[1]}'],
    ['strcat_delim', ['-', 1, '2', 'A', ts('1s')], '1-2-A-00:00:01'], // strcat-delim-function#1
    ['strcat_array', [dyn([1, 2, 3]), '->'], '1->2->3'], // strcat-array-function#1
    ['strcat_array', [dyn([1, 2, 3]), '"'], '1"2"3'], // strcat-array-function#2
    ['strrep', ['ABC', 2], 'ABCABC'], // strrep-function#1
    ['strrep', [123, 3, '.'], '123.123.123'],
    ['strrep', [ts('3s'), 2, ' '], '00:00:03 00:00:03'],
    ['reverse', ['ABCDEFGHIJKLMNOPQRSTUVWXYZ'], 'ZYXWVUTSRQPONMLKJIHGFEDCBA'], // reverse-function#1
    ['reverse', [12345], '54321'], // reverse-function#2
    ['reverse', [real(123.45)], '54.321'],
    ['reverse', [dt('2017-10-15 12:00')], 'Z0000000.00:00:21T51-01-7102'],
    ['reverse', [ts('3h')], '00:00:30'],
    ['strcmp', ['ABC', 'ABC'], 0],
    ['strcmp', ['abc', 'ABC'], 1],
    ['strcmp', ['ABC', 'abc'], -1],
  ]);
});

test('substring, split, indexof, replace_string', () => {
  check([
    ['substring', ['123456', 1], '23456'],
    ['substring', ['123456', 2, 2], '34'],
    ['substring', ['ABCD', 0, 2], 'AB'],
    ['substring', ['123456', -2, 2], '56'],
    ['substring', ['abc', 5], ''],
    ['substring', ['abc', 1, -1], UNSUPPORTED],
    ['split', ['aa_bb', '_'], ['aa', 'bb']], // split-function#1
    ['split', ['aaa_bbb_ccc', '_', 1], ['bbb']],
    ['split', ['', '_'], ['']],
    ['split', ['a__b', '_'], ['a', '', 'b']],
    ['split', ['aabbcc', 'bb'], ['aa', 'cc']],
    // indexof-function examples
    ['indexof', ['abcdefg', 'cde'], 2],
    ['indexof', ['abcdefg', 'cde', 1, 4], 2],
    ['indexof', ['abcdefg', 'cde', 1, 2], -1],
    ['indexof', ['abcdefg', 'cde', 3, 4], -1],
    ['indexof', ['abcdefg', 'cde', -5], 2],
    ['indexof', [1234567, 5, 1, 4], 4],
    ['indexof', ['abcdefg', 'cde', 2, -1], 2],
    ['indexof', ['abcdefgabcdefg', 'cde', 1, 10, 2], 9],
    ['indexof', ['abcdefgabcdefg', 'cde', 1, -1, 3], -1],
    ['indexof', ['abcdefg', 'cde', -10], null],
    ['indexof', ['abcdefg', 'cde', 0, -2], null],
    ['replace_string', ['A magic trick can turn a cat into a dog', 'cat', 'hamster'], 'A magic trick can turn a hamster into a dog'], // replace-string-function#1
    ['replace_string', ['aaa', 'a', 'b'], 'bbb'],
  ]);
});

test('encodings', () => {
  check([
    ['base64_encode_tostring', ['Kusto'], 'S3VzdG8='], // base64-encode-tostring-function#1
    ['base64_decode_tostring', ['S3VzdG8='], 'Kusto'], // base64-decode-tostring-function#1
    ['base64_decode_tostring', ['U3RyaW5n0KHR0tGA0L7Rh9C60LA='], ''], // base64-decode-tostring-function#2: not valid UTF-8
    ['base64_decode_tostring', ['not base64!'], ''],
    ['url_decode', ['https%3a%2f%2fwww.bing.com%2f'], 'https://www.bing.com/'], // url-decode-function#1
    ['url_encode', ['https://www.bing.com/hello world'], 'https%3a%2f%2fwww.bing.com%2fhello+world'], // url-encode-function#1
    ['url_decode', ['a+b%20c%zz'], 'a b c%zz'],
    ['url_encode', ['é'], '%c3%a9'],
  ]);
});

test('has_any_index (has-any-index-function#1)', () => {
  check([
    ['has_any_index', ['this is an example', dyn(['this', 'example'])], 0, 'long'],
    ['has_any_index', ['this is an example', dyn(['not', 'example'])], 1, 'long'],
    ['has_any_index', ['this is an example', dyn(['not', 'found'])], -1, 'long'],
    ['has_any_index', ['Example number 2', dyn([1, 2, 3])], 1, 'long'],
    ['has_any_index', ['this is an example', dyn([])], -1, 'long'],
  ]);
});
