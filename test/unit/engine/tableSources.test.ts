// table(name) over a tabular let or a bound table, with the name known at compile time.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { TableProvider } from '../../../server/src/engine/table';
import type { Environment } from '../../../server/src/kusto/globals';
import { check, run } from './helpers';

const columns = [
  { name: 'User', type: 'string' as const },
  { name: 'Count', type: 'long' as const },
];
const environment: Environment = { tables: [{ name: 'Logins', columns }], openTables: [], functions: [] };
const provider: TableProvider = {
  table: (name) => (name === 'Logins' ? memoryTable(columns, [['alice', 3], ['bob', 7]]) : undefined),
  tableNames: () => ['Logins'],
};

describe('table()', () => {
  test('a bound table by a literal name', () => check('table("Logins") | where Count > 5 | project User', [['bob']], { environment, provider }));
  test('a name Kusto does not resolve at the call site is reported, not read as untyped columns', () => {
    const result = run('let f = (t:string) { table(t) | summarize sum(Count) }; f(strcat("Log", "ins"))', { provider }, environment);
    assert.deepEqual(result.results, []);
    assert.match(result.diagnostics[0].message, /not supported locally: table\(\) of a name Kusto does not resolve to a table/);
  });
  test('a tabular let by name', () => check('let T = print x = 1; table("T")', [[1]]));
  test('the table-function doc example', () =>
    check("let T1 = print x=1;\nlet T2 = print x=2;\nlet _choose = (_selector:string)\n{\n    union\n    (T1 | where _selector == 'T1'),\n    (T2 | where _selector == 'T2')\n};\n_choose('T2')", [[2]]));
  test('a table with no bound rows is reported', () => {
    const result = run('table("Logins") | count', {}, environment);
    assert.deepEqual(result.results, []);
    assert.match(result.diagnostics[0].message, /not supported locally: the table Logins/);
  });
});
