// The rows a table shows: sorting, column filters and a free-text search over cells. Pure.

import type { CellValue } from '../../server/src/protocol/preview';

export interface GridData {
  columns: string[];
  rows: CellValue[][];
}

export interface GridView {
  sortColumn?: number;
  descending: boolean;
  /** Case-insensitive text any cell must contain. */
  search: string;
  /** Per column: case-insensitive text that column's cell must contain. */
  filters: Map<number, string>;
}

export function emptyView(): GridView {
  return { descending: false, search: '', filters: new Map() };
}

export function cellText(cell: CellValue): string {
  return cell === null ? '' : String(cell);
}

/** Indices of `data.rows` to show, in display order. */
export function visibleRows(data: GridData, view: GridView): number[] {
  const search = view.search.trim().toLowerCase();
  const filters = [...view.filters].map(([column, value]) => [column, value.trim().toLowerCase()] as const).filter(([, value]) => value !== '');
  const indices: number[] = [];
  for (let i = 0; i < data.rows.length; i++) {
    const row = data.rows[i];
    if (search && !row.some((cell) => cellText(cell).toLowerCase().includes(search))) continue;
    if (filters.some(([column, value]) => !cellText(row[column]).toLowerCase().includes(value))) continue;
    indices.push(i);
  }
  if (view.sortColumn !== undefined) {
    const column = view.sortColumn;
    const sign = view.descending ? -1 : 1;
    indices.sort((a, b) => sign * compareCells(data.rows[a][column], data.rows[b][column]) || a - b);
  }
  return indices;
}

/** Nulls first, then booleans, numbers, and text; numbers by value, text by code point. */
export function compareCells(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : 3);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = cellText(a);
  const y = cellText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
