// One entry point over the readers: pick the format from the file name, read, and bind tables.

import type { ColumnSchema, RowSource, TableProvider, ValueFilter } from '../engine/table';
import { emptyValue, type Value } from '../engine/values';
import type { FileProblem } from '../text/problem';
import { readCsv } from './csvTable';
import { readJsonDocument, readJsonLines, type ReadOptions, type ReadResult } from './jsonTable';
import { lazyTable, type EventTable } from './lazyTable';

export type EventFormat = 'jsonl' | 'json' | 'csv';

/** The format of an event file from its extension, or undefined if it is not one we read. */
export function formatOf(fileName: string): EventFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** Reads one file's bytes in `format`. Never throws: what cannot be read is in `problems`. */
export function readEvents(bytes: Uint8Array, file: string, format: EventFormat, options: ReadOptions = {}): ReadResult {
  switch (format) {
    case 'jsonl':
      return readJsonLines(bytes, file, options);
    case 'json':
      return readJsonDocument(bytes, file, options);
    case 'csv':
      return readCsv(bytes, file, options);
  }
}

/**
 * The tables of several files as one, in file order. Each column is concatenated on first
 * request. The parts must share a schema (read them with the same one); without a common
 * schema, the first part's is used and columns are matched by name.
 */
export function concatTables(parts: readonly EventTable[]): EventTable {
  if (parts.length === 1) return parts[0];
  const schema: readonly ColumnSchema[] = parts[0]?.schema ?? [];
  const offsets: number[] = [];
  let rowCount = 0;
  for (const part of parts) {
    offsets.push(rowCount);
    rowCount += part.rowCount;
  }
  return lazyTable(
    schema,
    rowCount,
    (index): Value[] => {
      const values: Value[] = [];
      for (const part of parts) {
        const column = part.column(schema[index].name);
        const empty = emptyValue(schema[index].type);
        for (let row = 0; row < part.rowCount; row++) values.push(column ? column[row] : empty);
      }
      return values;
    },
    (row): RowSource => {
      let part = parts.length - 1;
      while (part > 0 && offsets[part] > row) part--;
      return parts[part].source(row - offsets[part]);
    },
    () => ({ problems: parts.flatMap((part) => part.problems), unknownFields: parts.flatMap((part) => part.unknownFields) }),
  );
}

/**
 * The rows of `table` for which every filter holds (tried in order), as a table of those rows:
 * for readers that cannot filter while they read. Decodes the filter columns in full.
 */
export function filterTable(table: EventTable, filters: readonly ValueFilter[]): EventTable {
  const columns = filters.map((f) => table.column(f.column));
  const kept: number[] = [];
  rows: for (let row = 0; row < table.rowCount; row++) {
    for (let f = 0; f < filters.length; f++) {
      const column = columns[f];
      if (!filters[f].test(column ? column[row] : filters[f].empty)) continue rows;
    }
    kept.push(row);
  }
  return lazyTable(
    table.schema,
    kept.length,
    (index) => {
      const all = table.column(table.schema[index].name)!;
      return kept.map((row) => all[row]);
    },
    (row) => table.source(kept[row]),
    () => table,
  );
}

/** Binds table names to event tables. */
export class EventProvider implements TableProvider {
  constructor(private readonly tables: ReadonlyMap<string, EventTable>) {}

  table(name: string): EventTable | undefined {
    return this.tables.get(name);
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /** Every problem found so far in every bound table (grows as columns are decoded). */
  problems(): FileProblem[] {
    return [...this.tables.values()].flatMap((table) => [...table.problems]);
  }

  /** The event keys of every bound table that its schema has no column for. */
  unknownFields(): FileProblem[] {
    return [...this.tables.values()].flatMap((table) => [...table.unknownFields]);
  }
}
