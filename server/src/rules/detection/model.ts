// What the rules know about a detection: the binary lists it filters on and the classifier that
// labels what it found. Plain data in document offsets, built from the plain syntax tree.

import type { Span } from '../../text/span';

export type { Span };

/** A string literal in a list or a comparison. `start`/`end` cover the literal with its quotes. */
export interface Literal extends Span {
  value: string;
}

/** A comparison of a process-name column with string literals or a list: `FileName has_any (L)`. */
export interface Comparison extends Span {
  /** The operator as written, lowercase: `has_any`, `in~`, `=~`, `has`, `contains`, … */
  operator: string;
  operatorSpan: Span;
  column: string;
  /** True when the comparison sits directly in a `where` condition (through `and`/`or`/parens). */
  inFilter: boolean;
}

/** A list of string literals: `let X = dynamic([...])`, or inline in `has_any (...)` / `in~ (...)`. */
export interface StringList extends Span {
  /** Stable key to find the list again in changed text: `let:<name>` or `at:<offset>`. */
  key: string;
  /** The `let` name, for lists bound to a name. */
  name?: string;
  /** The span to report list-level findings on: the `let` name, or the list itself. */
  anchor: Span;
  entries: Literal[];
  /** Offset just after the opening bracket and just before the closing one. */
  innerStart: number;
  innerEnd: number;
  /** The comparisons of a process-name column that use this list. */
  uses: Comparison[];
}

export interface BranchNeedle extends Literal {
  comparison: Comparison;
  /** The list of literals this needle sits in (for `has_any (...)`), where new needles go. */
  list?: StringList;
}

export interface Branch {
  condition: Span;
  label: Literal;
  needles: BranchNeedle[];
}

/** A `case()` or `iff()` chain over a process-name column that maps to string labels. */
export interface Classifier extends Span {
  kind: 'case' | 'iff';
  /** The column the result is stored in (`extend ToolFamily = case(...)`), if named. */
  output?: string;
  /** Process-name columns the conditions test. */
  columns: string[];
  branches: Branch[];
  /** The default branch's expression; `label` when it is a string literal. */
  fallback: Span & { label?: string };
}

export interface Detection {
  lists: StringList[];
  classifiers: Classifier[];
}
