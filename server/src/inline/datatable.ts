// A table's rows as a `datatable(...)[...]` expression, typed by the table's schema.

import type { Table } from '../engine/table';
import type { Value } from '../engine/values';
import { kqlLiteral, kqlName } from './literals';

/** `datatable(Col:type, ...)[v, v, ..., v, v, ...]`, one line per row. */
export function datatableText(table: Table, indent = '    '): string {
  const schema = table.schema;
  const header = schema.map((c) => `${kqlName(c.name)}:${c.type}`).join(', ');
  const columns = schema.map((c) => table.column(c.name));
  const lines: string[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const cells = schema.map((c, i) => kqlLiteral((columns[i]?.[row] ?? null) as Value, c.type));
    lines.push(`${indent}${cells.join(', ')}`);
  }
  return lines.length === 0 ? `datatable(${header})[]` : `datatable(${header})[\n${lines.join(',\n')}\n]`;
}
