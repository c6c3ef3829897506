// A string is never null: a library function typed string that has nothing to return gives "",
// so string operators downstream see "" (found by the corpus: tohex(tolong(x)) =~ "775").

import { describe, test } from 'node:test';
import { check } from './helpers';

describe('string results are never null', () => {
  test('tohex of null is ""', () => check('print h = tohex(long(null))', [['']]));
  test('a string operator over it evaluates', () => check('print m = tohex(long(null)) =~ "775", e = isempty(tohex(long(null)))', [[false, true]]));
});
