// Local versus service on the same inlined query: every column and every row that differs.
// Rows compare as multisets with typed comparison; row order is not part of a detection's answer.

import type { ResultTable } from '../engine/index';
import type { Value } from '../engine/values';
import { displayValue, sameValue } from '../testing/cells';

export interface ResultDiff {
  /** Column names or types that differ, as sentences. */
  columns: string[];
  /** Rows only the local engine returned (displayed by column). */
  onlyLocal: Record<string, string>[];
  /** Rows only the service returned. */
  onlyService: Record<string, string>[];
}

export function diffResults(local: ResultTable, service: ResultTable): ResultDiff {
  const columns: string[] = [];
  const names = (t: ResultTable) => t.columns.map((c) => c.name).join(', ');
  if (names(local) !== names(service)) columns.push(`columns differ: local (${names(local)}), service (${names(service)})`);
  for (const c of local.columns) {
    const other = service.columns.find((s) => s.name === c.name);
    if (other && other.type !== c.type) columns.push(`${c.name} is ${c.type} locally, ${other.type} on the service`);
  }
  // Rows compare on the columns both sides have, by name.
  const shared = local.columns.filter((c) => service.columns.some((s) => s.name === c.name));
  const pick = (table: ResultTable, row: Value[]) => shared.map((c) => row[table.columns.findIndex((t) => t.name === c.name)]);
  const serviceRows = service.rows.map((row) => pick(service, row));
  const matched = new Array<boolean>(serviceRows.length).fill(false);
  const onlyLocal: Record<string, string>[] = [];
  for (const row of local.rows) {
    const values = pick(local, row);
    const index = serviceRows.findIndex((other, i) => !matched[i] && shared.every((c, k) => sameValue(values[k], other[k], c.type)));
    if (index >= 0) matched[index] = true;
    else onlyLocal.push(display(shared, values));
  }
  const onlyService = serviceRows.filter((_, i) => !matched[i]).map((values) => display(shared, values));
  return { columns, onlyLocal, onlyService };
}

export function sameResults(diff: ResultDiff): boolean {
  return diff.columns.length === 0 && diff.onlyLocal.length === 0 && diff.onlyService.length === 0;
}

function display(columns: ResultTable['columns'], values: Value[]): Record<string, string> {
  return Object.fromEntries(columns.map((c, i) => [c.name, displayValue(values[i], c.type)]));
}
