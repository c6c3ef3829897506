// The detection test spec as plain data: what a `*.test.yaml` file says once it has been loaded.
// Every part remembers where it was written, so errors and the editor can point at it.

import type { SchemaKind } from '../kusto/environment';
import type { FileProblem } from '../text/problem';

/** A 1-based position in the spec file. */
export interface Position {
  line: number;
  column: number;
}

/** One cell of an inline row or of an expected row, as written in YAML (typed later, by column). */
export interface WrittenCell {
  value: unknown;
  /** Where the value is written. */
  at: Position;
  /** Where the column name is written. */
  keyAt: Position;
}

export interface WrittenRow {
  cells: Map<string, WrittenCell>;
  at: Position;
}

/**
 * Where a table's rows come from: event files, inline rows, or (with neither) the spec-level
 * binding of the same table; `where` then keeps only the rows a KQL predicate is true for.
 */
export interface TableBinding {
  /** Paths as written, relative to the spec file. */
  files?: string[];
  rows?: WrittenRow[];
  /** A KQL predicate over the table's columns, e.g. `DeviceName == "ws-042"`. */
  where?: string;
  at: Position;
  whereAt?: Position;
}

export interface Expectation {
  /** Exact row count. */
  count?: number;
  /** At least this many rows. */
  min?: number;
  /** At most this many rows. */
  max?: number;
  /** The result, projected on the columns each row names, must be exactly these rows. */
  rows?: WrittenRow[];
  /** Compare `rows` in order; by default the comparison ignores row order. */
  ordered: boolean;
}

export interface TestCase {
  name: string;
  at: Position;
  tags: string[];
  /** Table bindings of this case, overriding the spec's bindings of the same tables. */
  events: Map<string, TableBinding>;
  expect: Expectation;
  /** A benign baseline: any row the detection returns is a failure. */
  mustNotMatch: boolean;
  /** Why the detection is known to get this case wrong today (strict expected failure). */
  knownGap?: string;
  /** Problems confined to this case: the case is reported as an error, the others still run. */
  problems: FileProblem[];
}

export interface DetectionSpec {
  /** The spec's own path, as given to the loader. */
  file: string;
  /** Path of the detection (a `.kql` file or a rule file), as written (relative to the spec file). */
  detection: string;
  detectionAt: Position;
  /** The tables the cases run against: as written, else the rule file's product, else defender. */
  schema: SchemaKind;
  /** Where `schema` is written; undefined when the spec leaves it to the detection. */
  schemaAt?: Position;
  /**
   * Which query of the detection the cases run: its 1-based number, or the name of a `.kql`
   * block's `// name:` comment or of a rule (an ARM template may hold several).
   */
  block?: { number: number; at: Position } | { name: string; at: Position };
  /**
   * Pinned `now()` in ticks. Undefined: each case pins it to its latest event time, as the
   * preview does (and the loader warns).
   */
  now?: bigint;
  /** Things worth saying that do not stop the spec from running (no `now`). */
  warnings: FileProblem[];
  tables: Map<string, TableBinding>;
  cases: TestCase[];
}
