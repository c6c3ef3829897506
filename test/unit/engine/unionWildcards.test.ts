// union legs with wildcards read the bound tables whose names match (the working model: the
// database is the bound tables).

import { describe, test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { TableProvider } from '../../../server/src/engine/table';
import type { Environment } from '../../../server/src/kusto/globals';
import { check } from './helpers';

const logins = [
  { name: 'User', type: 'string' as const },
  { name: 'Count', type: 'long' as const },
];
const alerts = [
  { name: 'User', type: 'string' as const },
  { name: 'Severity', type: 'string' as const },
];
const environment: Environment = {
  tables: [
    { name: 'LoginEvents', columns: logins },
    { name: 'LoginArchive', columns: logins },
    { name: 'Alerts', columns: alerts },
  ],
  openTables: [],
  functions: [],
};
const tables = new Map([
  ['LoginEvents', memoryTable(logins, [['alice', 3]])],
  ['LoginArchive', memoryTable(logins, [['bob', 7]])],
  ['Alerts', memoryTable(alerts, [['carol', 'High']])],
]);
const provider: TableProvider = { table: (name) => tables.get(name), tableNames: () => [...tables.keys()] };

describe('union wildcards', () => {
  test('a prefix pattern reads the matching tables', () =>
    check('union withsource=T Login* | project T, User, Count | sort by User asc', [['LoginEvents', 'alice', 3], ['LoginArchive', 'bob', 7]], { environment, provider }));
  test('* reads every bound table, columns matched by name', () =>
    check('union * | project User, Severity, Count | sort by User asc', [['alice', '', 3], ['bob', '', 7], ['carol', 'High', null]], { environment, provider }));
  test('a wildcard beside a named leg', () =>
    check('union Alerts, LoginA* | count', [[2]], { environment, provider }));
});
