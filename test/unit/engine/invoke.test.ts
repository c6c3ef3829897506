// `T | invoke f(args)`: the let function f(T, args), with its lets computed from the piped rows.

import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check, checkFails } from './helpers';

function docCase(id: string): string {
  const line = readFileSync('data/kql-docs-cases/cases.jsonl', 'utf8').split('\n').find((l) => l.includes(`"id":"${id}"`));
  return (JSON.parse(line!) as { query: string }).query;
}

describe('invoke', () => {
  test('binds the piped rows to the first parameter and the arguments to the rest', () =>
    check('let f = (T:(x:long), m:long) { T | where x > m }; range x from 1 to 5 step 1 | invoke f(3)', [[4], [5]]));
  test('the invoke-operator doc example (toscalar lets over the piped rows)', () => check(docCase('invoke-operator#1'), [[52]]));
  test('runs per input: each leg of a union sees its own rows', () =>
    check('let n = (T:(x:long)) { T | count }; union (range x from 1 to 2 step 1 | invoke n()), (range x from 1 to 5 step 1 | invoke n())', [[2], [5]]));
  test('a name that is not a let function is reported', () => checkFails('print x = 1 | invoke nosuch()', 'query-error', 'nosuch'));
});
