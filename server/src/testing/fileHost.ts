// The spec host for Node processes (the CLI and the language server): specs and detections from
// disk, events through the event readers. The only module of the test runner that touches files.

import { readFileSync } from 'node:fs';
import type { ColumnSchema, Table } from '../engine/table';
import { readEventFile } from '../events/files';
import type { EventTable } from '../events/lazyTable';
import { concatTables, formatOf } from '../events/read';
import type { FileProblem } from '../text/problem';
import type { SpecHost } from './host';

export interface EventFiles {
  table: Table;
  /** Live: a bad value is found when its column is first decoded, so this can grow during a query. */
  problems(): FileProblem[];
  unknownFields(): FileProblem[];
}

/** True for a file name the event readers read (.jsonl, .ndjson, .json, .csv). */
export function isEventFile(name: string): boolean {
  return formatOf(name) !== undefined;
}

/** Reads event files into one table, in order. Never throws: unreadable files and bad lines are problems. */
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
  return { table, problems: () => [...table.problems], unknownFields: () => [...table.unknownFields] };
}

export function readTextFile(path: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path}: is a directory` : `${path}: cannot read (${code ?? 'error'})` };
  }
}

export const fileSpecHost: SpecHost = {
  readText: readTextFile,
  readEvents: readEventFiles,
};
