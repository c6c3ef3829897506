// search over the bound tables: terms as has / hasprefix / hassuffix / contains (search-operator
// doc), Col:"term" on one column, ordinary predicates beside them, `$table` naming each row's table.

import { describe, test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { TableProvider } from '../../../server/src/engine/table';
import type { Environment } from '../../../server/src/kusto/globals';
import { check } from './helpers';

const columns = [
  { name: 'Device', type: 'string' as const },
  { name: 'Action', type: 'string' as const },
  { name: 'Port', type: 'long' as const },
];
const environment: Environment = { tables: [{ name: 'Net', columns }, { name: 'Files', columns }], openTables: [], functions: [] };
const tables = new Map([
  ['Net', memoryTable(columns, [['laptop-01.corp', 'ConnectionSuccess', 443], ['server-7', 'ConnectionFailed', 80]])],
  ['Files', memoryTable(columns, [['laptop-01.corp', 'FileCreated', 0]])],
]);
const provider: TableProvider = { table: (name) => tables.get(name), tableNames: () => [...tables.keys()] };
const options = { environment, provider };

describe('search', () => {
  test('a term across every bound table, with $table', () =>
    check('search "laptop" | project $table, Action | sort by Action asc', [['Net', 'ConnectionSuccess'], ['Files', 'FileCreated']], options));
  test('in (…) limits the tables; a prefix term is hasprefix', () =>
    check('search in (Net) "Connection*" | project Device', [['laptop-01.corp'], ['server-7']], options));
  test('a term is a whole term, not a substring', () => check('search in (Net) "Connection" | count', [[0]], options));
  test('*term* is contains', () => check('search in (Net) "*Fail*" | project Device', [['server-7']], options));
  test('Col:"term" and an ordinary predicate', () =>
    check('search in (Net, Files) Action:"ConnectionSuccess" or Port == 0 | project Action | sort by Action asc', [['ConnectionSuccess'], ['FileCreated']], options));
  test('search * keeps every row', () => check('search * | count', [[3]], options));
  test('a piped search filters its input', () => check('Net | search "server" | project Port', [[80]], options));
});
