// Golden tests for scalar operators: null rules, string operators, arithmetic, dynamic access.

import { describe, test } from 'node:test';
import { check, checkFails } from './helpers';

/** `print r = <expr>` must give `expected`. */
function value(expression: string, expected: unknown): void {
  check(`print r = ${expression}`, [[expected]]);
}

describe('logic and null rules', () => {
  const B = 'let t = true; let f = false; let n = bool(null);';
  const truth: [string, unknown][] = [
    ['t and n', null],
    ['f and n', false],
    ['n and f', false],
    ['n and n', null],
    ['t or n', true],
    ['n or t', true],
    ['f or n', null],
    ['not(n)', null],
    ['not(f)', true],
  ];
  for (const [expression, expected] of truth) test(expression, () => check(`${B} print r = ${expression}`, [[expected]]));
  test('null == null is null', () => value('long(null) == long(null)', null));
  test('null == value is false', () => value('long(null) == 1', false));
  test('null != value is true', () => value('long(null) != 1', true));
  test('null < value is null', () => value('long(null) < 1', null));
  test('arithmetic propagates null', () => value('long(null) + 1', null));
  test('case() skips a null predicate', () => value('case(bool(null), "a", 1 > 0, "b", "c")', 'b'));
  test('case() else', () => value('case(1 < 0, "a", "c")', 'c'));
  test('iff with a null condition takes the else branch', () => value('iff(bool(null), 1, 2)', 2));
  test('iif is iff', () => value('iif(true, 1, 2)', 1));
  test('coalesce takes the first non-null', () => value('coalesce(long(null), 2, 3)', 2));
  test('coalesce skips empty strings', () => value('coalesce("", "b")', 'b'));
});

describe('arithmetic', () => {
  test('long division truncates', () => value('7 / 2', 3));
  test('negative long division truncates toward zero', () => value('-7 / 2', -3));
  test('real division', () => value('7.0 / 2', 3.5));
  test('modulo', () => value('7 % 3', 1));
  test('unary minus', () => value('-(2 + 3)', -5));
  test('datetime + timespan', () => value('datetime(2020-01-01) + 1d', '2020-01-02T00:00:00.0000000Z'));
  test('datetime - datetime', () => value('datetime(2020-01-02) - datetime(2020-01-01 12:00)', '12:00:00'));
  test('timespan * number', () => value('1h * 3', '03:00:00'));
  test('timespan / timespan', () => value('1d / 1h', 24));
  test('now() is pinned', () => value('now()', '2026-01-15T12:00:00.0000000Z'));
  test('ago()', () => value('ago(1d)', '2026-01-14T12:00:00.0000000Z'));
  test('now(offset)', () => value('now(-2h)', '2026-01-15T10:00:00.0000000Z'));
});

describe('comparisons', () => {
  test('between', () => value('5 between (1 .. 5)', true));
  test('!between', () => value('5 !between (1 .. 4)', true));
  test('between datetimes with a timespan width', () => value('datetime(2020-01-01 10:00) between (datetime(2020-01-01) .. 1d)', true));
  test('datetime comparison', () => value('datetime(2020-01-01) > datetime(2019-12-31)', true));
});

describe('string operators', () => {
  const cases: [string, boolean][] = [
    ['"North America" has "america"', true],
    ['"North America" !has "amer"', true],
    ['"KustoExplorerQueryRun" has "Explorer"', false],
    ['"tvnserver.exe" has "vnc"', false],
    ['"North America" has_cs "America"', true],
    ['"North America" !has_cs "america"', true],
    ['"North America" hasprefix "ame"', true],
    ['"North America" !hasprefix "mer"', true],
    ['"North America" hasprefix_cs "Ame"', true],
    ['"North America" hassuffix "ica"', true],
    ['"North America" !hassuffix_cs "ICA"', true],
    ['"KustoExplorerQueryRun" contains "explorer"', true],
    ['"Kusto" !contains "x"', true],
    ['"Kusto" contains_cs "Ku"', true],
    ['"Kusto" !contains_cs "ku"', true],
    ['"Fabrikam" startswith "fab"', true],
    ['"Fabrikam" !startswith_cs "fab"', true],
    ['"Fabrikam" endswith "Kam"', true],
    ['"Fabrikam" endswith_cs "kam"', true],
    ['"Fabrikam" !endswith "x"', true],
    ['"abc" == "abc"', true],
    ['"abc" != "ABC"', true],
    ['"abc" =~ "ABC"', true],
    ['"abc" !~ "abd"', true],
    ['"North and South America" has_all("south", "north")', true],
    ['"North and South America" has_all("south", "east")', false],
    ['"North America" has_any("south", "north")', true],
    ['"North America" has_any(dynamic(["south", "america"]))', true],
    ['"abc" in ("x", "abc")', true],
    ['"ABC" in ("abc")', false],
    ['"ABC" in~ ("abc")', true],
    ['"ABC" !in ("abc")', true],
    ['"ABC" !in~ ("abc")', false],
    ['2 in (dynamic([1, [2, 3]]))', true],
    ['4 !in (dynamic([1, [2, 3]]))', true],
    ['"abc" in (datatable(x:string)["abc"])', true],
    ['"a1b" matches regex "[0-9]"', true],
    ['"ab" matches regex "^[0-9]+$"', false],
  ];
  for (const [expression, expected] of cases) test(expression, () => value(expression, expected));
  test('has_any over a tabular argument uses its first column', () =>
    check('let words = datatable(w:string)["north"]; print r = "North America" has_any (words)', [[true]]));
  test('in over a let-bound table', () => check('let t = datatable(x:long)[1, 2]; datatable(v:long)[1, 3] | where v in (t)', [[1]]));
  test('in with per-row values on the right', () =>
    check('datatable(a:string, b:string, c:string)["x", "y", "X", "q", "r", "q"] | project i = a in (b, c), j = a in~ (b, c), k = a !in (b, "z")', [
      [false, true, true],
      [true, true, true],
    ]));
  test('string operators on a dynamic operand use its text', () => check('print d = dynamic("abc") | project r = d has "abc"', [[true]]));
});

describe('dynamic access', () => {
  const D = 'let d = dynamic({"a": {"b": [10, 20, 30]}, "k": "v"});';
  test('.a.b[0]', () => check(`${D} print r = d.a.b[0]`, [[10]]));
  test('["k"]', () => check(`${D} print r = d["k"]`, [['v']]));
  test('negative index counts from the end', () => check(`${D} print r = d.a.b[-1]`, [[30]]));
  test('missing members are null', () => check(`${D} print r = d.x.y`, [[null]]));
  test('a dynamic number in arithmetic and comparisons', () =>
    check('print d = dynamic({"n": 2, "r": 1.5}) | project a = d.n + 1, b = d.r * 2.0, c = d.n > 1, e = d.absent > 1', [[3, 3, true, null]]));
  test('a dynamic value of another kind is reported, not converted by guess', () =>
    checkFails('print d = dynamic({"n": "7"}) | project a = d.n + 1', 'not-supported-locally', 'used as long'));
  test('a column of bags', () => check('datatable(e:dynamic)[dynamic({"p": 1}), dynamic({"p": 2})] | project p = e.p', [[1], [2]]));
});
