// The explain trace's types: which input rows, predicates and branches are behind each result row.

import type { Span } from '../text/span';

export type { Span };

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
