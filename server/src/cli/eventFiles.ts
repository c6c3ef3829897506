// Reads event files for the CLI: picks the reader by extension and joins several files of one
// table into one table, keeping every row's origin (file and line).

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ColumnSchema, RowSource, Table } from '../engine/table';
import type { Value } from '../engine/values';
import { readJsonDocument, readJsonLines } from '../events/jsonTable';
import type { EventTable } from '../events/lazyTable';
import type { EventProblem } from '../events/problems';

export interface EventFiles {
  table: Table;
  /** Live: a bad value is found when its column is first decoded, so this can grow during a query. */
  problems(): EventProblem[];
}

const READERS: Record<string, typeof readJsonLines> = {
  '.jsonl': readJsonLines,
  '.ndjson': readJsonLines,
  '.json': readJsonDocument,
};

export const EVENT_EXTENSIONS = Object.keys(READERS);

export function readEventFiles(paths: readonly string[], schema: readonly ColumnSchema[] | undefined): EventFiles | { error: string } {
  const tables: EventTable[] = [];
  for (const path of paths) {
    const reader = READERS[extname(path).toLowerCase()];
    if (!reader) return { error: `${path}: unsupported event file type (expected ${EVENT_EXTENSIONS.join(', ')})` };
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { error: code === 'ENOENT' ? `${path}: no such event file` : `${path}: cannot read (${code ?? 'error'})` };
    }
    tables.push(reader(bytes, path, { schema }).table);
  }
  return { table: concatTables(tables, schema), problems: () => tables.flatMap((t) => [...t.problems]) };
}

/** Tables of one event type one after another; columns are joined lazily, by name. */
function concatTables(tables: EventTable[], schema: readonly ColumnSchema[] | undefined): Table {
  if (tables.length === 1) return tables[0];
  const columns = schema ?? unionSchema(tables);
  const offsets: number[] = [];
  let rowCount = 0;
  for (const table of tables) {
    offsets.push(rowCount);
    rowCount += table.rowCount;
  }
  const joined = new Map<string, Value[]>();
  return {
    schema: columns,
    rowCount,
    column(name) {
      const cached = joined.get(name);
      if (cached) return cached;
      const column = columns.find((c) => c.name === name);
      if (!column) return undefined;
      const values: Value[] = [];
      for (const table of tables) {
        const part = table.column(name);
        for (let i = 0; i < table.rowCount; i++) values.push(part ? part[i] : column.type === 'string' ? '' : null);
      }
      joined.set(name, values);
      return values;
    },
    source(row): RowSource | undefined {
      let index = tables.length - 1;
      while (index > 0 && offsets[index] > row) index--;
      return tables[index].source(row - offsets[index]);
    },
  };
}

/** Without a schema, each file's inferred columns, first file first. */
function unionSchema(tables: EventTable[]): ColumnSchema[] {
  const seen = new Map<string, ColumnSchema>();
  for (const table of tables) for (const column of table.schema) if (!seen.has(column.name)) seen.set(column.name, column);
  return [...seen.values()];
}
