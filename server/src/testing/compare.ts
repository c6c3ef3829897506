// Checks a case's expectations against the detection's result table and explains a failure as
// a row diff. Rows compare on the columns the spec names, by column type, ignoring row order
// unless the spec asks for it.

import type { ColumnSchema, ResultTable } from '../engine/index';
import type { Value } from '../engine/values';
import type { FileProblem } from '../text/problem';
import { displayValue, sameValue, toValue } from './cells';
import type { Expectation, Position, TestCase, WrittenRow } from './spec';

/** An expected row no result row matched, shown on the diff's columns. */
export interface MissingRow {
  cells: string[];
  at: Position;
}

/** A result row no expected row matched, shown on the diff's columns. */
export interface UnexpectedRow {
  /** Index in the result table. */
  row: number;
  cells: string[];
}

export interface RowDiff {
  /** The columns the expected rows name, in result order. */
  columns: string[];
  missing: MissingRow[];
  unexpected: UnexpectedRow[];
}

export interface CheckResult {
  /** One line per unmet expectation; empty when the case passes. */
  failures: string[];
  diff?: RowDiff;
  /** Spec mistakes found while checking (an expected column the result lacks, a bad value). */
  problems: FileProblem[];
}

export function checkCase(testCase: TestCase, result: ResultTable, file: string): CheckResult {
  const count = result.rows.length;
  if (testCase.mustNotMatch) {
    return { failures: count === 0 ? [] : [`benign events matched: the detection returned ${rows(count)}, expected none`], problems: [] };
  }
  const expectation = testCase.expect;
  const failures = countFailures(expectation, count);
  if (!expectation.rows) return { failures, problems: [] };

  const problems: FileProblem[] = [];
  const { expected, projection } = typedRows(expectation.rows, result.columns, file, problems);
  if (problems.length > 0) return { failures, problems };
  const diff = expectation.ordered ? orderedDiff(expected, result, projection) : unorderedDiff(expected, result, projection);
  const rowsDiffer = diff.missing.length > 0 || diff.unexpected.length > 0;
  if (rowsDiffer) {
    failures.push(
      expectation.ordered
        ? `rows differ in order or content (${diff.missing.length} expected not found in place, ${diff.unexpected.length} unexpected)`
        : `rows differ: ${diff.missing.length} expected not found, ${diff.unexpected.length} unexpected`,
    );
  }
  return { failures, diff: rowsDiffer ? diff : undefined, problems };
}

function countFailures(expectation: Expectation, count: number): string[] {
  if (expectation.count !== undefined && count !== expectation.count) return [`expected ${rows(expectation.count)}, got ${count}`];
  if (expectation.min !== undefined && count < expectation.min) return [`expected at least ${rows(expectation.min)}, got ${count}`];
  if (expectation.max !== undefined && count > expectation.max) return [`expected at most ${rows(expectation.max)}, got ${count}`];
  return [];
}

interface TypedRow {
  /** Parallel to the diff's columns; undefined where this row names no value. */
  values: (Value | undefined)[];
  written: WrittenRow;
}

interface Projection {
  columns: ColumnSchema[];
  /** Index of each diff column in the result table. */
  indexes: number[];
}

/** Expected rows typed by the result's columns; reports columns the result does not have. */
function typedRows(written: WrittenRow[], resultColumns: ColumnSchema[], file: string, problems: FileProblem[]): { expected: TypedRow[]; projection: Projection } {
  const named = new Set<string>();
  for (const row of written) for (const name of row.cells.keys()) named.add(name);
  const indexes = resultColumns.map((_, i) => i).filter((i) => named.has(resultColumns[i].name));
  const columns = indexes.map((i) => resultColumns[i]);
  for (const row of written) {
    for (const [name, cell] of row.cells) {
      if (!resultColumns.some((c) => c.name === name)) {
        problems.push({ ...cell.keyAt, file, message: `expected column '${name}' is not in the result (its columns: ${resultColumns.map((c) => c.name).join(', ')})` });
      }
    }
  }
  const typed = written.map((row) => ({
    written: row,
    values: columns.map((column) => {
      const cell = row.cells.get(column.name);
      if (!cell) return undefined;
      const converted = toValue(cell.value, column.type);
      if ('error' in converted) {
        problems.push({ ...cell.at, file, message: `${column.name} is a ${column.type} column: ${converted.error}` });
        return undefined;
      }
      return converted.value;
    }),
  }));
  return { expected: typed, projection: { columns, indexes } };
}

function matches(expected: TypedRow, actual: Value[], projection: Projection): boolean {
  return projection.columns.every((column, k) => {
    const want = expected.values[k];
    return want === undefined || sameValue(want, actual[projection.indexes[k]], column.type);
  });
}

/** Pairs expected and actual rows as a maximum bipartite matching, so the best pairing is found. */
function unorderedDiff(expected: TypedRow[], result: ResultTable, projection: Projection): RowDiff {
  const candidates = expected.map((row) => result.rows.map((_, j) => j).filter((j) => matches(row, result.rows[j], projection)));
  const ownerOfActual = new Array<number>(result.rows.length).fill(-1);
  const augment = (i: number, visited: boolean[]): boolean => {
    for (const j of candidates[i]) {
      if (visited[j]) continue;
      visited[j] = true;
      if (ownerOfActual[j] < 0 || augment(ownerOfActual[j], visited)) {
        ownerOfActual[j] = i;
        return true;
      }
    }
    return false;
  };
  const matched = new Set<number>();
  for (let i = 0; i < expected.length; i++) if (augment(i, new Array<boolean>(result.rows.length).fill(false))) matched.add(i);
  return {
    columns: projection.columns.map((c) => c.name),
    missing: expected.filter((_, i) => !matched.has(i)).map((row) => missingRow(row, projection)),
    unexpected: result.rows.map((_, j) => j).filter((j) => ownerOfActual[j] < 0).map((j) => unexpectedRow(j, result.rows[j], projection)),
  };
}

function orderedDiff(expected: TypedRow[], result: ResultTable, projection: Projection): RowDiff {
  const diff: RowDiff = { columns: projection.columns.map((c) => c.name), missing: [], unexpected: [] };
  const length = Math.max(expected.length, result.rows.length);
  for (let i = 0; i < length; i++) {
    const want = expected[i];
    const got = result.rows[i];
    if (want && got && matches(want, got, projection)) continue;
    if (want) diff.missing.push(missingRow(want, projection));
    if (got) diff.unexpected.push(unexpectedRow(i, got, projection));
  }
  return diff;
}

function missingRow(row: TypedRow, projection: Projection): MissingRow {
  return {
    at: row.written.at,
    cells: projection.columns.map((column, k) => (row.values[k] === undefined ? '*' : displayValue(row.values[k] as Value, column.type))),
  };
}

function unexpectedRow(index: number, row: Value[], projection: Projection): UnexpectedRow {
  return { row: index, cells: projection.columns.map((column, k) => displayValue(row[projection.indexes[k]], column.type)) };
}

function rows(n: number): string {
  return n === 1 ? '1 row' : `${n} rows`;
}
