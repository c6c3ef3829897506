// Building tables from tables: row selection, column arrays, and the schemas Kusto gives operators.

import type { SyntaxNode } from '../kusto/syntax';
import { normalizeTypeName } from './scalar/nodes';
import type { DroppedRow, RowTrace } from './trace';
import { Rel, unsupported } from './runtime';
import type { ColumnSchema, Table } from './table';
import type { Value } from './values';

/** The output columns Kusto's analysis gives a tabular node, in Kusto's order. */
export function outputColumns(node: SyntaxNode): ColumnSchema[] {
  if (node.type?.kind !== 'table') throw unsupported(node, `${node.kind} without a known result schema`);
  return node.type.columns.map((c) => ({ name: c.name, type: normalizeTypeName(c.type) }));
}

/** The rows `indices` of `input`, columns copied only when first read. */
export function selectRows(input: Rel, indices: ArrayLike<number>, trace?: RowTrace[], dropped?: DroppedRow[]): Rel {
  const data = input.columns.map((_, i) => () => gather(input.column(i), indices));
  const ingestion = () => {
    const times = input.ingestionTimes();
    return times && gather(times, indices);
  };
  return new Rel(input.columns, data, indices.length, trace ?? (input.trace ? pick(input.trace, indices) : undefined), dropped ?? input.dropped, input.columnsFromData, ingestion);
}

export function gather(values: ArrayLike<Value>, indices: ArrayLike<number>): Value[] {
  const out = new Array<Value>(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]];
  return out;
}

export function pick<T>(items: readonly T[], indices: ArrayLike<number>): T[] {
  const out = new Array<T>(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = items[indices[k]];
  return out;
}

/** A table from row arrays. */
export function relFromRows(columns: readonly ColumnSchema[], rows: readonly Value[][], trace?: RowTrace[], dropped?: DroppedRow[]): Rel {
  const data = columns.map((_, i) => rows.map((row) => row[i]));
  return new Rel(columns, data, rows.length, trace, dropped);
}

/** Shared by every fresh trace entry: operators copy on write, so it is never mutated. */
const NOTHING_YET = Object.freeze([]) as unknown as never[];

/** Source-row trace entries for a base table of `count` rows. */
export function baseTrace(table: string, count: number): RowTrace[] {
  const trace = new Array<RowTrace>(count);
  for (let i = 0; i < count; i++) trace[i] = { sources: [{ table, row: i }], passed: NOTHING_YET, branches: NOTHING_YET };
  return trace;
}

/** Base traces per provider table, by the name rows are traced under. */
const tableTraces = new WeakMap<Table, Map<string, RowTrace[]>>();

/**
 * The base trace of a provider's table, built once per table object: an event set kept between
 * previews would otherwise rebuild an entry per event on every run. Operators copy traces on
 * write, so sharing is safe; the array is frozen so that a write would fail rather than leak
 * into the next run.
 */
export function tableTrace(table: Table, name: string): RowTrace[] {
  let byName = tableTraces.get(table);
  if (!byName) tableTraces.set(table, (byName = new Map()));
  let trace = byName.get(name);
  if (!trace) byName.set(name, (trace = Object.freeze(baseTrace(name, table.rowCount)) as RowTrace[]));
  return trace;
}

/** The trace of a row built from several rows (a group, a join pair). */
export function mergeTraces(traces: readonly RowTrace[]): RowTrace {
  if (traces.length === 1) return traces[0];
  return {
    sources: traces.flatMap((t) => t.sources),
    passed: [...new Set(traces.flatMap((t) => t.passed))],
    branches: traces.flatMap((t) => t.branches),
  };
}

export function concatDropped(...lists: (DroppedRow[] | undefined)[]): DroppedRow[] | undefined {
  const present = lists.filter((l): l is DroppedRow[] => l !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.flat();
}
