// Tabular `let` functions run the body Kusto analyses for each call: a generic `(*)` table
// parameter has the argument's columns, and `table(name)` of a parameter reads the named table.

import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { TableProvider } from '../../../server/src/engine/table';
import type { Environment } from '../../../server/src/kusto/globals';
import { check } from './helpers';

function docCase(id: string): string {
  const line = readFileSync('data/kql-docs-cases/cases.jsonl', 'utf8').split('\n').find((l) => l.includes(`"id":"${id}"`));
  return (JSON.parse(line!) as { query: string }).query;
}

const logins = [
  { name: 'User', type: 'string' as const },
  { name: 'Count', type: 'long' as const },
];
const hosts = [{ name: 'Host', type: 'string' as const }];
const environment: Environment = {
  tables: [
    { name: 'Logins', columns: logins },
    { name: 'Hosts', columns: hosts },
  ],
  openTables: [],
  functions: [],
};
const provider: TableProvider = {
  table: (name) => (name === 'Logins' ? memoryTable(logins, [['alice', 3], ['bob', 7]]) : name === 'Hosts' ? memoryTable(hosts, [['h1']]) : undefined),
  tableNames: () => ['Logins', 'Hosts'],
};
const bound = { environment, provider };

describe('generic (*) table parameters', () => {
  test('the user-defined-functions doc example (distinct * of a generic table)', () => check(docCase('user-defined-functions#5'), [[1], [2], [3]]));
  test("the body's new columns follow the argument's", () =>
    check('let f = (T:(*)) { T | extend n = 1 }; f(Logins) | project User, n', [['alice', 1], ['bob', 1]], { ...bound, columns: ['User', 'n'] }));
  test('each call has its own argument: two tables, two schemas', () =>
    check('let f = (T:(*)) { T | getschema | project ColumnName }; union f(Logins), f(Hosts)', [['User'], ['Count'], ['Host']], bound));
  test('invoke binds the piped rows the same way', () => check('let f = (T:(*)) { T | summarize count() }; Logins | invoke f()', [[2]], bound));
});

describe('table() of a function parameter', () => {
  test('a literal argument', () => check('let f = (t:string) { table(t) | summarize sum(Count) }; f("Logins")', [[10]], bound));
  test('a let argument', () => check('let name = "Logins"; let f = (t:string) { table(t) | summarize sum(Count) }; f(name)', [[10]], bound));
  test('each call reads its own table', () => check('let f = (t:string) { table(t) | count }; union f("Logins"), f("Hosts")', [[2], [1]], bound));
});
