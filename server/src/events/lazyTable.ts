// The `Table` that event readers return: columns decoded on first request and then kept.

import type { ColumnSchema, RowSource, Table } from '../engine/table';
import type { Value } from '../engine/values';
import type { FileProblem } from '../text/problem';

/** What reading event files found wrong with them. */
export interface EventReport {
  /**
   * Problems found so far. Line-level problems are known once the table is returned; a bad value
   * is found when its column is first decoded, so this list can grow as a query runs.
   */
  readonly problems: readonly FileProblem[];
  /** Event keys the schema has no column for, once per file and key: their values are ignored. */
  readonly unknownFields: readonly FileProblem[];
}

export interface EventTable extends Table, EventReport {
  source(row: number): RowSource;
}

/** A table whose column `index` is produced by `decode(index)` the first time it is asked for. */
export function lazyTable(
  schema: readonly ColumnSchema[],
  rowCount: number,
  decode: (index: number) => Value[],
  source: (row: number) => RowSource,
  report: () => EventReport,
): EventTable {
  const indexByName = new Map(schema.map((column, index) => [column.name, index]));
  const decoded: (Value[] | undefined)[] = [];
  return {
    schema,
    rowCount,
    get problems() {
      return report().problems;
    },
    get unknownFields() {
      return report().unknownFields;
    },
    source,
    column(name: string): ArrayLike<Value> | undefined {
      const index = indexByName.get(name);
      if (index === undefined) return undefined;
      return (decoded[index] ??= decode(index));
    },
  };
}
