// ingestion_time(): the hidden ingestion-time column of a table's rows (ingestion-time-function
// doc), read from the table; rows with none bound are reported, never given another column's time.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import { INGESTION_TIME, type ColumnSchema, type TableProvider } from '../../../server/src/engine/table';
import { parseDateTime } from '../../../server/src/engine/values';
import { check, run } from './helpers';

const environment = { tables: [{ name: 'T', columns: [{ name: 'Name', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' }] }], openTables: [], functions: [] };
const schema: ColumnSchema[] = [
  { name: 'Name', type: 'string' },
  { name: 'TimeGenerated', type: 'datetime' },
];
const at = (text: string): bigint => parseDateTime(text)!;
const rows = [
  ['a', at('2026-01-15T10:00:00Z')],
  ['b', at('2026-01-15T10:30:00Z')],
  ['c', at('2026-01-15T11:00:00Z')],
];

function provider(ingested: boolean): TableProvider {
  const table = memoryTable(schema, rows);
  const times = [at('2026-01-15T10:05:00Z'), at('2026-01-15T11:40:00Z'), at('2026-01-15T11:02:00Z')];
  return {
    table: (name) => (name !== 'T' ? undefined : ingested ? { ...table, column: (column) => (column === INGESTION_TIME ? times : table.column(column)) } : table),
    tableNames: () => [],
  };
}

const options = { provider: provider(true), environment };

test('where ingestion_time() filters on each row\'s ingestion time, not on TimeGenerated', () =>
  check('T | where ingestion_time() > ago(1h) | project Name', [['b'], ['c']], options));

test('the doc example: extend ingestionTime = ingestion_time() | top 10 by ingestionTime', () =>
  check('T | extend ingestionTime = ingestion_time() | top 10 by ingestionTime | project Name, ingestionTime', [
    ['b', '2026-01-15T11:40:00.0000000Z'],
    ['c', '2026-01-15T11:02:00.0000000Z'],
    ['a', '2026-01-15T10:05:00.0000000Z'],
  ], options));

test('the times follow the rows through where, sort and extend, and into an aggregate', () => {
  check('T | where Name != "a" | sort by Name asc | extend delay = ingestion_time() - TimeGenerated | project Name, delay', [
    ['b', '01:10:00'],
    ['c', '00:02:00'],
  ], options);
  check('T | summarize latest = max(ingestion_time())', [['2026-01-15T11:40:00.0000000Z']], options);
});

test('a leading where that also reads a column is not handed to the table as a value test', () =>
  check('T | where ingestion_time() - TimeGenerated > 30m', [['b', '2026-01-15T10:30:00.0000000Z']], options));

test('rows without bound ingestion times are reported at the call, never given TimeGenerated', () => {
  const query = 'T | where ingestion_time() > ago(1h)';
  const result = run(query, { provider: provider(false) }, environment);
  assert.deepEqual(result.results, []);
  assert.equal(result.diagnostics[0].code, 'not-supported-locally');
  assert.match(result.diagnostics[0].message, /^not supported locally: ingestion_time\(\)/);
  assert.equal(query.slice(result.diagnostics[0].start, result.diagnostics[0].end), 'ingestion_time()');
});

test('after an operator that rebuilds the rows (project, summarize), ingestion_time() is reported', () => {
  const result = run('T | project Name | extend t = ingestion_time()', { provider: provider(true) }, environment);
  assert.match(result.diagnostics[0]?.message ?? '', /not supported locally: ingestion_time\(\)/);
});
