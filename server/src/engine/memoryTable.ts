// An in-memory `Table` built from rows, for tests, benchmarks and inline data.

import type { ColumnSchema, Table } from './table';
import { emptyValue, type Value } from './values';

/**
 * A table over `rows`, each row in `schema` order. Columns are transposed on first request;
 * a missing cell becomes the column type's empty value ("" for strings, null otherwise).
 */
export function memoryTable(schema: readonly ColumnSchema[], rows: readonly (readonly Value[])[]): Table {
  const columns = new Map<string, Value[]>();
  return {
    schema,
    rowCount: rows.length,
    column(name: string): ArrayLike<Value> | undefined {
      let values = columns.get(name);
      if (values) return values;
      const index = schema.findIndex((c) => c.name === name);
      if (index < 0) return undefined;
      const empty = emptyValue(schema[index].type);
      values = rows.map((row) => row[index] ?? empty);
      columns.set(name, values);
      return values;
    },
  };
}

/** A table whose columns are already arrays (no copying); used by the benchmarks. */
export function columnarTable(schema: readonly ColumnSchema[], columns: Record<string, ArrayLike<Value>>, rowCount: number): Table {
  return {
    schema,
    rowCount,
    column: (name) => columns[name],
  };
}
