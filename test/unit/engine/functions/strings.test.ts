import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileHasAll,
  compileHasAny,
  compileStringOperator,
  contains,
  containsCs,
  endsWith,
  endsWithCs,
  equalsIgnoreCase,
  foldCase,
  has,
  hasCs,
  hasPrefix,
  hasPrefixCs,
  hasSuffix,
  hasSuffixCs,
  isTermChar,
  startsWith,
  startsWithCs,
  type StringOperator,
} from '../../../../server/src/engine/functions/strings';
import { TERM_CLASS } from '../../../../server/src/engine/functions/terms';

type Case = [haystack: string, op: StringOperator, needle: string, expected: boolean];

const OPERATORS: Record<StringOperator, (h: string, n: string) => boolean> = {
  has,
  has_cs: hasCs,
  hasprefix: hasPrefix,
  hasprefix_cs: hasPrefixCs,
  hassuffix: hasSuffix,
  hassuffix_cs: hasSuffixCs,
  contains,
  contains_cs: containsCs,
  startswith: startsWith,
  startswith_cs: startsWithCs,
  endswith: endsWith,
  endswith_cs: endsWithCs,
  '==': (h, n) => h === n,
  '=~': equalsIgnoreCase,
};

/** Each case runs through the direct function and the compiled form, which must agree. */
function check(cases: Case[]): void {
  for (const [haystack, op, needle, expected] of cases) {
    const label = `${JSON.stringify(haystack)} ${op} ${JSON.stringify(needle)}`;
    assert.equal(OPERATORS[op](haystack, needle), expected, label);
    assert.equal(compileStringOperator(op, needle)(haystack), expected, `${label} (compiled)`);
  }
}

test('documented examples (datatypes-string-operators.md, has-cs, startswith/endswith tables)', () => {
  check([
    ['North America', 'has', 'america', true],
    ['North America', 'has', 'amer', false],
    ['KustoExplorerQueryRun', 'has', 'Explorer', false],
    ['KustoExplorerQueryRun', 'contains', 'Explorer', true],
    ['North America', 'has_cs', 'America', true],
    ['North America', 'has_cs', 'america', false],
    ['North America', 'hasprefix', 'ame', true],
    ['North America', 'hassuffix', 'ica', true],
    ['North America', 'hasprefix_cs', 'Ame', true],
    ['North America', 'hassuffix_cs', 'ICA', false],
    ['FabriKam', 'contains', 'BRik', true],
    ['FabriKam', 'contains_cs', 'Kam', true],
    ['FabriKam', 'contains_cs', 'kam', false],
    ['Fabrikam', 'startswith', 'fab', true],
    ['Fabrikam', 'startswith_cs', 'fab', false],
    ['Fabrikam', 'endswith', 'Kam', true],
    ['Fabrikam', 'endswith_cs', 'kam', true],
    ['abc', '=~', 'ABC', true],
    ['aBc', '==', 'abc', false],
    ['Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun', 'has', 'c1db', true],
    ['Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun', 'has', 'KustoExplorerQueryRun', true],
  ]);
});

test('has is term matching, not substring matching', () => {
  check([
    ['tvnserver.exe', 'has', 'vnc', false],
    ['tvnserver.exe', 'has', 'tvnserver', true],
    ['tvnserver.exe', 'has', 'exe', true],
    ['C:\\Program Files\\AnyDesk\\AnyDesk.exe', 'has', 'anydesk', true],
    ['anydesk', 'has', 'anydesk', true],
    ['xanydesk', 'has', 'anydesk', false],
    ['anydeskx', 'has', 'anydesk', false],
    ['a1b2', 'has', 'a1b2', true],
    ['abc abcd', 'has', 'abcd', true],
    ['abcd abc', 'has', 'abc', true],
  ]);
});

test('working model: a needle with non-term characters is a phrase aligned to term boundaries', () => {
  check([
    ['C:\\ProgramData\\teamviewer_service.exe', 'has', 'teamviewer_service.exe', true],
    ['C:\\x\\myteamviewer_service.exe', 'has', 'teamviewer_service.exe', false],
    ['C:\\x\\teamviewer_service.exe2', 'has', 'teamviewer_service.exe', false],
    ['C:\\Users\\bob\\AppData\\Local\\Temp\\x.exe', 'has', '\\Temp\\', true],
    ['C:\\Users\\bob\\AppData\\Local\\Temporary\\x.exe', 'has', '\\Temp\\', false],
    ['https://x/subscriptions/1/resourcegroups/test.rg000001?api=1', 'has', 'resourcegroups/test.rg000001', true],
    ['https://x/subscriptions/1/resourcegroups/test.rg000001?api=1', 'has', '/resourcegroups/test.rg000001?', true],
    ['North America', 'has', 'North America', true],
    ['/subscriptions/x/providers/y', 'has', '/providers/', true],
    ['North America', 'hasprefix', 'north am', true],
    ['North America', 'hassuffix', 'th america', true],
  ]);
});

test('assumption: only ASCII letters and digits are term characters (`_` and non-ASCII separate terms)', () => {
  assert.equal(isTermChar('_'.charCodeAt(0)), false);
  assert.equal(isTermChar('é'.charCodeAt(0)), false);
  assert.equal(isTermChar('z'.charCodeAt(0)), true);
  check([
    ['Hello_World', 'has', 'world', true],
    ['Hello_World', 'has', 'hello', true],
    ['caféteria', 'has', 'caf', true],
  ]);
});

test('assumption: case-insensitive operators fold ASCII letters only', () => {
  assert.equal(foldCase('É'.charCodeAt(0)), 'É'.charCodeAt(0));
  check([
    ['ÉCOLE', '=~', 'école', false],
    ['École', '=~', 'École', true],
    ['ÉCOLE x', 'contains', 'Écol', true],
    ['ÉCOLE x', 'contains', 'écol', false],
  ]);
});

test('assumption: an empty needle matches every haystack', () => {
  for (const op of ['has', 'has_cs', 'hasprefix', 'hassuffix', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs'] as StringOperator[]) {
    check([
      ['abc', op, '', true],
      ['', op, '', true],
    ]);
  }
  check([['', 'has', 'a', false], ['', 'contains', 'a', false]]);
});

test('has_any / has_all over many needles', () => {
  const rmm = compileHasAny(['AnyDesk', 'teamviewer', 'tvnserver.exe', 'screenconnect.windowsclient.exe', 'vnc'], false);
  const cases: [string, boolean][] = [
    ['C:\\Program Files\\AnyDesk\\AnyDesk.exe', true],
    ['c:\\tools\\TVNSERVER.EXE', true],
    ['c:\\tools\\tvnserver.exe.bak', true],
    ['c:\\tools\\mytvnserver.exe', false],
    ['C:\\x\\ScreenConnect.WindowsClient.exe', true],
    ['C:\\x\\winvnc.exe', false],
    ['C:\\x\\vnc viewer.exe', true],
    ['', false],
  ];
  for (const [haystack, expected] of cases) assert.equal(rmm(haystack), expected, haystack);
  assert.equal(compileHasAny(['AnyDesk'], true)('anydesk.exe'), false);
  assert.equal(compileHasAny(['AnyDesk'], true)('AnyDesk.exe'), true);
  assert.equal(compileHasAny([], false)('anything'), false);

  const both = compileHasAll(['south', 'north'], false);
  assert.equal(both('North and South America'), true);
  assert.equal(both('North America'), false);
  assert.equal(both('North America'), false, 'a second call starts afresh');
  assert.equal(compileHasAll(['north', 'north america'], false)('North America'), true);
  assert.equal(compileHasAll(['north', 'south america'], false)('North America'), false);
  assert.equal(compileHasAll([], false)('x'), true);
});

test('has_any agrees with has on each needle over generated inputs', () => {
  const needles = ['ab', 'b_c', 'A1', 'x.y', 'Q', 'zz', '.a', 'b.', '..', '_', '_a_b'];
  const any = compileHasAny(needles, false);
  const all = compileHasAll(needles.slice(0, 3), false);
  const phrases = ['a.B', '_b', 'A1'];
  const some = compileHasAny(phrases, true);
  const alphabet = ['a', 'b', 'A', '1', '_', 'c', '.', ' ', 'x', 'y', 'q', 'z'];
  let seed = 7;
  for (let n = 0; n < 2000; n++) {
    let haystack = '';
    const length = n % 14;
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      haystack += alphabet[seed % alphabet.length];
    }
    assert.equal(any(haystack), needles.some((needle) => has(haystack, needle)), haystack);
    assert.equal(all(haystack), needles.slice(0, 3).every((needle) => has(haystack, needle)), haystack);
    assert.equal(some(haystack), phrases.some((needle) => hasCs(haystack, needle)), haystack);
  }
});

test('the regex character class for terms is the same set as isTermChar', () => {
  const termClass = new RegExp(`[${TERM_CLASS}]`);
  for (let code = 0; code <= 0xffff; code++) {
    assert.equal(termClass.test(String.fromCharCode(code)), isTermChar(code), `U+${code.toString(16)}`);
  }
});

test('compiled matchers agree with the direct functions over generated inputs', () => {
  const alphabet = ['a', 'B', 'b', '1', '_', '.', '\\', ' ', '(', '*', 'é', 'É', '$'];
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const word = (max: number) => Array.from({ length: next() % max }, () => alphabet[next() % alphabet.length]).join('');
  const ops = Object.keys(OPERATORS) as StringOperator[];
  for (let n = 0; n < 3000; n++) {
    const haystack = word(10);
    const needle = word(4);
    for (const op of ops) {
      assert.equal(compileStringOperator(op, needle)(haystack), OPERATORS[op](haystack, needle), `${JSON.stringify(haystack)} ${op} ${JSON.stringify(needle)}`);
    }
  }
});
