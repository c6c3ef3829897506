// Copy and export of the rows the table shows: CSV (RFC 4180) and JSON.

import type { CellValue } from '../../server/src/protocol/preview';
import { cellText, type GridData } from './grid';

export function toCsv(data: GridData, indices: readonly number[]): string {
  const lines = [data.columns.map(csvField), ...indices.map((i) => data.rows[i].map(csvCell))];
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

function csvCell(cell: CellValue): string {
  return typeof cell === 'string' ? csvField(cell) : cellText(cell);
}

/**
 * A CSV field, quoted when it must be. A leading = + - @ is prefixed with ' so that a spreadsheet
 * opening the export does not run an attacker's formula from an event field.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toJson(data: GridData, indices: readonly number[]): string {
  const rows = indices.map((i) => Object.fromEntries(data.columns.map((column, c) => [column, data.rows[i][c] as CellValue])));
  return JSON.stringify(rows, null, 2) + '\n';
}
