// Reads event files for the CLI through the event readers: one table from several files, each
// row keeping its origin (file and line).

import type { ColumnSchema, Table } from '../engine/table';
import { readEventFile } from '../events/files';
import type { EventTable } from '../events/lazyTable';
import type { EventProblem } from '../events/problems';
import { concatTables, formatOf } from '../events/read';

export interface EventFiles {
  table: Table;
  /** Live: a bad value is found when its column is first decoded, so this can grow during a query. */
  problems(): EventProblem[];
}

/** True for a file name the event readers read (.jsonl, .ndjson, .json, .csv). */
export function isEventFile(name: string): boolean {
  return formatOf(name) !== undefined;
}

/** Never throws: unreadable files and bad lines are problems of the returned table. */
export function readEventFiles(paths: readonly string[], schema: readonly ColumnSchema[] | undefined): EventFiles {
  const parts: EventTable[] = [];
  // Without a schema, the first file's inferred columns type the others too, so the parts agree.
  let shared = schema;
  for (const path of paths) {
    const { table } = readEventFile(path, { schema: shared });
    shared ??= table.rowCount > 0 ? table.schema : undefined;
    parts.push(table);
  }
  const table = concatTables(parts);
  return { table, problems: () => [...table.problems] };
}
