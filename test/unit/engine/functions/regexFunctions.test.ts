// Expected values from Microsoft's KQL reference examples (CC BY 4.0) where the docs give one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRegex, type RegexHandle } from '../../../../server/src/engine/functions/regex';
import { check, dyn, UNSUPPORTED } from './harness';

function regex(pattern: string, flags?: string): RegexHandle {
  const compiled = compileRegex(pattern, flags);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.regex;
}

test('compileRegex: RE2 syntax, flags, errors instead of throws', () => {
  assert.equal(regex('a.c').test('xxabcxx'), true);
  assert.equal(regex('A').test('a'), false);
  assert.equal(regex('A', 'i').test('a'), true);
  assert.equal(regex('(?i)A').test('a'), true);
  assert.equal(regex('a.b', 's').test('a\nb'), true);
  assert.equal(regex('^b', 'm').test('a\nb'), true);
  assert.deepEqual(regex('a+', 'U').match('aaa')?.groups, ['a']);
  assert.deepEqual(regex('(?P<first>\\w)(?<second>\\w)').groupNames, new Map([['first', 1], ['second', 2]]));
  assert.ok('error' in compileRegex('(a'));
  assert.ok('error' in compileRegex('(a)\\1'), 'backreferences are not RE2');
  assert.ok('error' in compileRegex('(?<=a)b'), 'lookbehind is not RE2');
  assert.ok('error' in compileRegex('a', 'x'));
});

test('a hostile pattern runs in linear time', () => {
  // (a+)+$ on "aaaa…b" takes exponential time in a backtracking engine.
  assert.equal(regex('(a+)+$').test('a'.repeat(50_000) + 'b'), false);
});

test('global matching skips an empty match that abuts the previous one (RE2)', () => {
  assert.deepEqual(
    regex('a*').matchAll('baaac').map((m) => [m.start, m.end]),
    [[0, 0], [1, 4], [5, 5]],
  );
  assert.equal(regex('a*').replace('baaac', '-'), '-b-c-');
  assert.equal(regex('(\\d)(x)?').replace('1x2', '[\\0|\\1|\\2]'), '[1x|1|x][2|2|]');
  assert.equal(regex('b').replace('abc', '$0\\\\'), 'a$0\\\\c');
});

test('extract, extract_all, replace_regex', () => {
  const text1 = 'User: James, Email: James@example.com, Age: 29';
  const text2 = 'User: David, Age: 35';
  const id = '82b8be2d-dfa7-4bd1-8f63-24ad26d31449';
  check([
    // extract-function#1
    ['extract', ['User: ([^,]+)', 1, text1], 'James'],
    ['extract', ['Email: (\\S+),', 1, text1], 'James@example.com'],
    ['extract', ['Email: (\\S+),', 1, text2], ''],
    ['extract', ['\\d+', 0, text2], '35'],
    // extract-function#2: typeof(int)
    ['extract', ['-(\\d{2})-', 1, '21-07-2023', dyn('int')], 7, 'int'],
    ['extract', ['-(\\d{2})-', 1, 'nothing', dyn('int')], null, 'int'],
    ['extract', ['(a)|(b)', 2, 'a'], ''],
    ['extract', ['(a', 1, 'a'], UNSUPPORTED],
    // extract-all-function#2..#5
    ['extract_all', ['([\\da-f]{2})', id], ['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']],
    ['extract_all', ['(\\w)(\\w+)(\\w)', id], [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]],
    ['extract_all', ['(\\w)(\\w+)(\\w)', dyn([1, 3]), id], [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]],
    ['extract_all', ['(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)', dyn(['first', 2, 'last']), id], [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]],
    ['extract_all', ['(x)', 'abc'], null],
    ['extract_all', ['x', 'x'], UNSUPPORTED],
    // replace-regex-function#1 (with the source as the engine prints it)
    ['replace_regex', ['Number is 1', 'is (\\d+)', 'was: \\1'], 'Number was: 1'],
  ]);
});

test('trim, trim_start, trim_end remove one anchored match', () => {
  check([
    ['trim', ['--', '--https://bing.com--'], 'https://bing.com'], // trim-function#1
    ['trim', ['[^\\w]+', '-  Te st1// $'], 'Te st1'], // trim-function#2
    ['trim', ['1', '10'], '0'], // let-statement#4
    ['trim', ['1', '11'], ''],
    ['trim_start', ['https://', 'https://bing.com'], 'bing.com'], // trim-start-function#1
    ['trim_start', ['[^\\w]+', '-  Te st1// $'], 'Te st1// $'], // trim-start-function#2
    ['trim_end', ['.com', 'bing.com'], 'bing'], // trim-end-function#1
    ['trim_end', ['[^\\w]+', '-  Te st1// $'], '-  Te st1'], // trim-end-function#2
    ['trim_end', ['\\s+', '    Hello, world!    '], '    Hello, world!'],
    ['trim_start', ['\\s+', '    Hello, world!    '], 'Hello, world!    '],
  ]);
});

test('countof', () => {
  check([
    ['countof', ['aaa', 'a'], 3],
    ['countof', ['aaa', 'aa'], 2],
    ['countof', ['aaa', 'a', 'normal'], 3],
    ['countof', ['aaa', 'a{2}', 'regex'], 1],
    ['countof', ['abcabc', 'a.c', 'regex'], 2],
    ['countof', ['abc', ''], 0],
  ]);
});
