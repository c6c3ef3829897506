// Result tables as an aligned text table, JSON or CSV, for `kql-detect run`.

import type { ResultTable } from '../../engine/index';
import type { Value } from '../../engine/values';
import { displayValue } from '../../testing/cells';

const MAX_CELL_WIDTH = 60;

export function toTextTable(result: ResultTable): string {
  const header = result.columns.map((c) => c.name);
  const rows = result.rows.map((row) => result.columns.map((column, i) => clip(displayValue(row[i], column.type))));
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

/** Rows as objects; datetimes and timespans as Kusto prints them, dynamics as JSON values. */
export function toJsonRows(result: ResultTable): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column.name, jsonValue(row[i], column.type)])));
}

function jsonValue(value: Value, type: ResultTable['columns'][number]['type']): unknown {
  if (value === null || type === 'dynamic') return value;
  return typeof value === 'bigint' ? displayValue(value, type) : value;
}

/** RFC 4180 CSV with a header row, as Advanced Hunting exports results. */
export function toCsv(result: ResultTable): string {
  const lines = [result.columns.map((c) => csvCell(c.name))];
  for (const row of result.rows) lines.push(result.columns.map((column, i) => csvCell(row[i] === null ? '' : displayValue(row[i], column.type))));
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_CELL_WIDTH ? oneLine.slice(0, MAX_CELL_WIDTH - 1) + '…' : oneLine;
}
