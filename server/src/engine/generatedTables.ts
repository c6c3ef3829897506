// Tables of generated rows for every table an environment declares: what a query can be run on
// when no events are at hand, to learn whether the engine can evaluate it (the corpus
// robustness test, `kql-detect support`). The values are typed, not realistic.

import type { Environment } from '../kusto/globals';
import { memoryTable } from './memoryTable';
import { INGESTION_TIME, WATCHLIST_COLUMNS, type ColumnSchema, type Table, type TableProvider } from './table';
import { scalarType, type ScalarType, type Value } from './values';

/** One hour in ticks: sample datetimes lie an hour before `now`, inside the usual `ago()` windows. */
const ONE_HOUR = 36_000_000_000n;

/** A typed, non-empty value per type, so predicates and functions see real values. */
function sampleValue(type: ScalarType, now: bigint): Value {
  switch (type) {
    case 'string':
      return 'sample';
    case 'bool':
      return true;
    case 'int':
    case 'long':
      return 1;
    case 'real':
    case 'decimal':
      return 1.5;
    case 'datetime':
      return now - ONE_HOUR;
    case 'timespan':
      return ONE_HOUR;
    case 'guid':
      return '00000000-0000-0000-0000-000000000001';
    case 'dynamic':
      return { key: ['value'] };
  }
}

/** Two rows over `columns`: one of empty values, one of typed sample values. */
export function generatedTable(columns: readonly ColumnSchema[], now: bigint): Table {
  return memoryTable(columns, [columns.map((c) => (c.type === 'string' ? '' : null)), columns.map((c) => sampleValue(c.type, now))]);
}

/** A generated workspace table: both rows ingested at the sample datetime, as every ingested row has an ingestion time. */
function ingestedTable(columns: readonly ColumnSchema[], now: bigint): Table {
  const table = generatedTable(columns, now);
  const ingested = [sampleValue('datetime', now), sampleValue('datetime', now)];
  return { ...table, column: (name) => (name === INGESTION_TIME ? ingested : table.column(name)) };
}

/**
 * A provider with a generated table for each declared table, each `externaldata` source (its
 * declared columns) and each watchlist (Sentinel's item columns). An open table (a parser whose
 * columns are not recorded) has the columns `openColumns` gives it, else none.
 */
export function generatedTables(environment: Environment, now: bigint, openColumns: ReadonlyMap<string, readonly ColumnSchema[]> = new Map()): TableProvider {
  const tables = new Map<string, Table>();
  const schemas = new Map(environment.tables.map((t) => [t.name, t.columns]));
  const open = new Set(environment.openTables);
  return {
    table(name) {
      let table = tables.get(name);
      if (!table && (schemas.has(name) || open.has(name))) {
        const columns = openColumns.get(name) ?? (schemas.get(name) ?? []).map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' }));
        table = ingestedTable(columns, now);
        tables.set(name, table);
      }
      return table;
    },
    // Declared tables are known to the analyser already, and open tables stay open to it: their
    // columns keep the unknown type Kusto gives them, which any use accepts.
    tableNames: () => [],
    externalData: (request) => generatedTable(request.columns, now),
    watchlist: () => generatedTable(WATCHLIST_COLUMNS, now),
  };
}
