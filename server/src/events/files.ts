// The only part of the event readers that touches the file system: read the files bound to each
// table and hand their bytes to the pure readers.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { ColumnSchema, TableProvider, ValueFilter } from '../engine/table';
import { TIME_COLUMNS } from '../engine/schema';
import type { ReadResult } from './jsonTable';
import { lazyTable, type EventTable } from './lazyTable';
import { uniqueProblems, type FileProblem } from '../text/problem';
import { readJsonLinesProjected } from './projected';
import { concatTables, EventProvider, filterTable, formatOf, readEvents } from './read';

export interface EventBinding {
  /** The table name queries use, e.g. `DeviceProcessEvents`. */
  table: string;
  /** One or more files, concatenated in this order. Format by extension: .jsonl/.ndjson, .json, .csv. */
  files: readonly string[];
  /** Column names and types; without one, types are inferred from the first file. */
  schema?: readonly ColumnSchema[];
  /**
   * The columns the caller needs (e.g. those a query references). When given, JSON Lines files
   * are streamed and only these columns kept, so files larger than memory can be read.
   */
  columns?: readonly string[];
}

export interface LoadOptions {
  /** Polled while loading; when it returns true, loading stops with the rows read so far. */
  isCancelled?: () => boolean;
}

/** JSON Lines files above this size are always streamed (keeping all columns if none are named). */
const STREAM_ABOVE_BYTES = 1 << 30;
const BLOCK_BYTES = 64 << 20;

/** Reads every binding's files into an `EventProvider`. Never throws: problems are on the tables. */
export function loadEventFiles(bindings: readonly EventBinding[], options: LoadOptions = {}): EventProvider {
  const tables = new Map<string, EventTable>();
  for (const binding of bindings) {
    const parts: EventTable[] = [];
    let schema = binding.schema;
    for (const file of binding.files) {
      const { table } = readEventFile(file, { ...binding, schema }, options);
      schema ??= table.rowCount > 0 || table.schema.length > 0 ? table.schema : undefined;
      parts.push(table);
    }
    tables.set(binding.table, parts.length > 0 ? concatTables(parts) : emptyTable('', binding.schema ?? [], []));
  }
  return new EventProvider(tables);
}

/** Reads one event file. Never throws. */
export function readEventFile(file: string, binding: Pick<EventBinding, 'schema' | 'columns'>, options: LoadOptions = {}): ReadResult {
  const format = formatOf(file);
  const schema = binding.schema ?? [];
  if (!format) return failed(file, schema, 'unknown event file type (expected .jsonl, .ndjson, .json or .csv)');
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    return failed(file, schema, `cannot read: ${(error as Error).message}`);
  }
  try {
    if (format === 'jsonl' && (binding.columns || size > STREAM_ABOVE_BYTES)) {
      return readJsonLinesProjected(fileBlocks(file), file, { schema: binding.schema, columns: binding.columns, isCancelled: options.isCancelled });
    }
    return readEvents(readFileSync(file), file, format, { schema: binding.schema, isCancelled: options.isCancelled });
  } catch (error) {
    // Only I/O fails here (the readers do not throw): a file that vanished, or one too large to hold.
    return failed(file, schema, `cannot read: ${(error as Error).message}`);
  }
}

/** Event files bound to one table, read only when the engine first uses them. */
export interface DeferredEvents {
  table: EventTable;
  /** Problems of every read so far (a read happens when the engine uses the table). */
  problems(): FileProblem[];
  /** Event keys the schema has no column for, once per file and key (warnings). */
  unknownFields(): FileProblem[];
  /** Events in the files, once a read has counted them (filtered reads count every line). */
  eventsRead(): number | undefined;
}

/**
 * The events of `files` as one table read on first use. When the engine hands it the leading
 * `where` tests (`filter`), JSON Lines files are streamed once: the tested columns are decoded
 * on every line and `columns` only on the lines that pass, so memory follows the matches, not
 * the file. Any other use reads the files in full (only `columns`, if given).
 */
export function deferredEventFiles(
  files: readonly string[],
  schema: readonly ColumnSchema[],
  columns: readonly string[] | undefined,
  onWholeRead?: (table: EventTable) => void,
): DeferredEvents {
  const reads: { table: EventTable; eventsRead: number }[] = [];
  let full: EventTable | undefined;
  const load = (): EventTable => {
    if (!full) {
      full = concatTables(files.map((file) => readEventFile(file, { schema, columns }).table));
      reads.push({ table: full, eventsRead: full.rowCount });
      onWholeRead?.(full);
    }
    return full;
  };
  const table: EventTable = {
    schema,
    get rowCount() {
      return load().rowCount;
    },
    column: (name) => load().column(name),
    source: (row) => load().source(row),
    get problems() {
      // A bad line is found by every read of its file: list it once.
      return uniqueProblems(reads.flatMap((read) => read.table.problems));
    },
    get unknownFields() {
      return uniqueProblems(reads.flatMap((read) => read.table.unknownFields));
    },
    filter(filters: readonly ValueFilter[]): EventTable {
      const parts = files.map((file) => readFiltered(file, schema, columns, filters));
      const filtered = concatTables(parts.map((part) => part.table));
      reads.push({ table: filtered, eventsRead: parts.reduce((sum, part) => sum + (part.eventsRead ?? part.table.rowCount), 0) });
      return filtered;
    },
  };
  return { table, problems: () => [...table.problems], unknownFields: () => [...table.unknownFields], eventsRead: () => reads[0]?.eventsRead };
}

/** Event files read as a query uses them and never kept: a first look at a large event set. */
export interface StreamedEvents {
  /** Each table deferred (see `deferredEventFiles`): the leading `where`s filter as it streams. */
  provider: EventProvider;
  /** Events a table's read went through; undefined for a table no read reached. */
  eventsRead(table: string): number | undefined;
  /** The tables with their time columns only (`now()` from the latest event), read on first use. */
  timeColumns: TableProvider;
}

/**
 * The bindings as streamed reads; undefined when a binding has no schema to read by. A query the
 * reads cannot filter for reads its tables whole: once every table is, `onWholeRead` gets them as
 * `loadEventFiles` would have given them, so the caller can keep them.
 */
export function streamEventFiles(bindings: readonly EventBinding[], onWholeRead?: (provider: EventProvider) => void): StreamedEvents | undefined {
  const deferred = new Map<string, DeferredEvents>();
  const whole = new Map<string, EventTable>();
  for (const binding of bindings) {
    if (!binding.schema) return undefined;
    const keep = (table: EventTable) => {
      whole.set(binding.table, table);
      if (whole.size === bindings.length) onWholeRead?.(new EventProvider(new Map(bindings.map((b) => [b.table, whole.get(b.table)!]))));
    };
    deferred.set(binding.table, deferredEventFiles(binding.files, binding.schema, binding.columns, keep));
  }
  let times: EventProvider | undefined;
  const timeTables = (): EventProvider =>
    (times ??= loadEventFiles(bindings.map((binding) => ({ ...binding, columns: TIME_COLUMNS.filter((name) => binding.schema!.some((c) => c.name === name)) })).filter((binding) => binding.columns.length > 0)));
  return {
    provider: new EventProvider(new Map([...deferred].map(([name, events]) => [name, events.table]))),
    eventsRead: (table) => deferred.get(table)?.eventsRead(),
    timeColumns: { table: (name) => timeTables().table(name), tableNames: () => timeTables().tableNames() },
  };
}

/**
 * One file's rows that pass `filters`. Errors other than I/O (a filter that stops the query)
 * propagate to the engine, which reports them.
 */
function readFiltered(file: string, schema: readonly ColumnSchema[], columns: readonly string[] | undefined, filters: readonly ValueFilter[]): ReadResult {
  if (formatOf(file) !== 'jsonl') {
    const { table } = readEventFile(file, { schema, columns });
    return { table: filterTable(table, filters), problems: table.problems, eventsRead: table.rowCount };
  }
  try {
    statSync(file);
  } catch (error) {
    return failed(file, schema, `cannot read: ${(error as Error).message}`);
  }
  return readJsonLinesProjected(fileBlocks(file), file, { schema, columns, filters });
}

/** The file's bytes in blocks, read into one reused buffer. */
function* fileBlocks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

function failed(file: string, schema: readonly ColumnSchema[], message: string): ReadResult {
  const problems: FileProblem[] = [{ file, line: 0, column: 0, message }];
  const table = emptyTable(file, schema, problems);
  return { table, problems };
}

function emptyTable(file: string, schema: readonly ColumnSchema[], problems: readonly FileProblem[]): EventTable {
  return lazyTable(schema, 0, () => [], () => ({ file, line: 0 }), () => ({ problems, unknownFields: [] }));
}
