// translate() against the examples of translate-function.md.

import { describe, test } from 'node:test';
import { check, checkFails } from '../helpers';

describe('translate', () => {
  test('a shorter replacement list repeats its last character', () => check('print t = translate("abc", "x", "abc")', [['xxx']]));
  test('an empty replacement list deletes', () => check('print t = translate("abc", "", "ab")', [['']]));
  test('characters map by position; others stay', () => check('print t = translate("krasp", "otsku", "spark"), u = translate("ab", "xy", "zazb")', [['kusto', 'zxzy']]));
  test('a repeated search character is reported', () => checkFails('print t = translate("aa", "xy", "a")', 'not-supported-locally', 'repeated character'));
});
