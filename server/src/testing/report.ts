// Plain-text explanations of case results, shared by the CLI's human reporter, JUnit messages
// and the editor's test results.

import type { ResultTable } from '../engine/index';
import { formatProblem } from '../text/problem';
import { displayValue } from './cells';
import type { RowDiff } from './compare';
import type { CaseResult } from './run';

const MAX_ROWS_SHOWN = 10;
const MAX_CELL_WIDTH = 60;

/**
 * The row diff as an aligned table: `-` lines are expected rows no result row matched (`*`
 * where the spec names no value), `+` lines are result rows no expected row matched.
 */
export function formatDiff(diff: RowDiff): string[] {
  const table = [
    ['', ...diff.columns, ''],
    ...diff.missing.map((row) => ['-', ...row.cells, `(expected, spec line ${row.at.line})`]),
    ...diff.unexpected.map((row) => ['+', ...row.cells, `(result row ${row.row + 1})`]),
  ];
  return align(table);
}

/** The first rows of a result, on every column, for failures that have no row expectations. */
export function formatRows(result: ResultTable, limit = MAX_ROWS_SHOWN): string[] {
  const shown = result.rows.slice(0, limit).map((row) => result.columns.map((column, i) => clip(displayValue(row[i], column.type))));
  const lines = align([result.columns.map((c) => c.name), ...shown]);
  if (result.rows.length > limit) lines.push(`… ${result.rows.length - limit} more rows`);
  return lines;
}

/** Everything a reader needs to see about a case that did not simply pass. */
export function explainCase(result: CaseResult): string[] {
  const lines = [...result.messages, ...result.problems.map(formatProblem)];
  if (result.diff) lines.push(...formatDiff(result.diff));
  else if (result.result && result.result.rows.length > 0 && result.outcome !== 'now-passes') lines.push('result:', ...formatRows(result.result));
  return lines;
}

function align(table: string[][]): string[] {
  const widths: number[] = [];
  for (const row of table) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return table.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_CELL_WIDTH ? oneLine.slice(0, MAX_CELL_WIDTH - 1) + '…' : oneLine;
}
