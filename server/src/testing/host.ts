// What the test runner needs from its surroundings. The runner itself touches no files: the
// CLI and the language server each supply a host (and unit tests an in-memory one).

import type { ColumnSchema, Table } from '../engine/table';
import type { FileProblem } from '../text/problem';

export interface ReadEvents {
  table: Table;
  /**
   * Bad lines or values, located in their file; the rest of the events still load. A function,
   * because a lazy reader finds a bad value only when the query first reads its column.
   */
  problems(): FileProblem[];
  /** Event keys the schema has no column for, once per file and key (warnings: their values are ignored). */
  unknownFields?(): FileProblem[];
}

export interface SpecHost {
  /** The text of a file (a spec or a detection), or why it cannot be read. */
  readText(path: string): { text: string } | { error: string };
  /**
   * Reads event files (JSONL, JSON, CSV) into one table, in file order. Columns are typed by
   * `schema` when the table is a known one, inferred from the values otherwise.
   */
  readEvents(paths: readonly string[], schema: readonly ColumnSchema[] | undefined): ReadEvents | { error: string };
}
