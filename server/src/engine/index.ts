// The public API of the local KQL engine: run a query over tables bound by a provider.

import type { Environment } from '../kusto/globals';
import type { ColumnSchema, TableProvider } from './table';
import type { Value } from './values';

export type { ColumnSchema, Table, TableProvider } from './table';
export type { ScalarType, Value } from './values';

export interface RunOptions {
  /** Pinned now() in ticks; default: one clock reading per query. */
  now?: bigint;
  /** Table name → Table. */
  provider?: TableProvider;
  /** Record the explain trace (cheap when false). */
  explain?: boolean;
  /** Date.now() ms after which evaluation stops with a 'cancelled' diagnostic. */
  deadline?: number;
  /** Polled every few thousand rows. */
  isCancelled?: () => boolean;
  /** Cap on rows any operator may produce (default 5,000,000) → 'limit-exceeded'. */
  maxRows?: number;
}

export interface EngineDiagnostic {
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
  code: 'not-supported-locally' | 'query-error' | 'runtime-error' | 'limit-exceeded' | 'cancelled';
}

export interface Span {
  start: number;
  end: number;
}

/** One input row: the table it came from (its name, or `datatable`/`range`/`print`) and its index there. */
export interface SourceRow {
  table: string;
  row: number;
}

/** Which branch of a `case()`/`iff()` produced a computed column's value. */
export interface BranchTrace {
  column: string;
  /** The whole `case(...)`/`iff(...)` call. */
  call: Span;
  /** 0-based index of the predicate that fired, or 'else'. */
  branch: number | 'else';
  /** The predicate that fired, or the else expression. */
  span: Span;
}

export interface RowTrace {
  /** The input rows this output row was built from (several after a join or summarize). */
  sources: SourceRow[];
  /** The `where` predicates this row passed, in pipeline order. */
  passed: Span[];
  branches: BranchTrace[];
}

export interface DroppedRow {
  sources: SourceRow[];
  /** The first `where` predicate that was not true for this row. */
  droppedBy: Span;
}

export interface ExplainTrace {
  /** Parallel to `ResultTable.rows`. */
  rows: RowTrace[];
  dropped: DroppedRow[];
}

export interface ResultTable {
  columns: ColumnSchema[];
  rows: Value[][];
  trace?: ExplainTrace;
}

export interface RunResult {
  results: ResultTable[];
  diagnostics: EngineDiagnostic[];
}

/** Runs `text` against `environment` plus the tables bound by `options.provider`. Never throws. */
export function runQuery(text: string, _environment: Environment, _options: RunOptions = {}): RunResult {
  return {
    results: [],
    diagnostics: [{ start: 0, end: text.length, severity: 'error', message: 'not supported locally: the engine is not built yet', code: 'not-supported-locally' }],
  };
}
