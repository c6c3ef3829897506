// Evaluates the `where` predicates of a spec over a table with the engine. All predicates over
// one table are evaluated in a single query, because analysing a query costs far more than
// evaluating a predicate over a few test events; a failing batch is retried one predicate at a
// time, so each error is reported for the predicate that caused it.

import { runQuery } from '../engine/index';
import type { Table, TableProvider } from '../engine/table';
import type { Environment } from '../kusto/globals';

/** The rows a predicate keeps, or why it cannot be evaluated. */
export type PredicateOutcome = { rows: number[] } | { errors: string[] };

export interface PredicateContext {
  environment: Environment;
  now: bigint | undefined;
  /** A provider serving exactly `table` under `name`. */
  provider(name: string, table: Table): TableProvider;
}

export function evaluatePredicates(name: string, table: Table, predicates: readonly string[], context: PredicateContext): Map<string, PredicateOutcome> {
  const outcomes = new Map<string, PredicateOutcome>();
  const distinct = [...new Set(predicates)];
  if (distinct.length === 0) return outcomes;
  const batch = evaluate(name, table, distinct, context);
  if (batch) {
    distinct.forEach((predicate, i) => outcomes.set(predicate, batch[i]));
    return outcomes;
  }
  for (const predicate of distinct) {
    outcomes.set(predicate, evaluate(name, table, [predicate], context)?.[0] ?? { errors: ['the predicate could not be evaluated'] });
  }
  return outcomes;
}

/** One outcome per predicate; undefined when the query as a whole failed (and several were asked). */
function evaluate(name: string, table: Table, predicates: string[], context: PredicateContext): PredicateOutcome[] | undefined {
  const columns = predicates.map((_, i) => `['kql_detect_where_${i}']`);
  // Each predicate on lines of its own, so a trailing // comment cannot swallow the rest.
  const text = `${quoteName(name)}\n| extend\n${predicates.map((p, i) => `${columns[i]} = (\n${p}\n)`).join(',\n')}\n| project ${columns.join(', ')}`;
  const run = runQuery(text, context.environment, { now: context.now, provider: context.provider(name, table) });
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || run.results.length !== 1) {
    return predicates.length > 1 ? undefined : [{ errors: errors.length > 0 ? errors.map((e) => e.message) : ['the predicate did not produce a table'] }];
  }
  const result = run.results[0];
  return predicates.map((_, i) => {
    if (result.columns[i].type !== 'bool') return { errors: [`a 'where' needs a true/false predicate, not a ${result.columns[i].type}`] };
    const rows: number[] = [];
    result.rows.forEach((row, r) => {
      if (row[i] === true) rows.push(r);
    });
    return { rows };
  });
}

/** The rows `rows` of `table`, in that order, keeping each row's origin. */
export function rowSubset(table: Table, rows: readonly number[]): Table {
  const columns = new Map<string, ArrayLike<unknown>>();
  const source = table.source?.bind(table);
  return {
    schema: table.schema,
    rowCount: rows.length,
    column(name) {
      let values = columns.get(name);
      if (!values) {
        const all = table.column(name);
        if (!all) return undefined;
        values = rows.map((r) => all[r]);
        columns.set(name, values);
      }
      return values as ReturnType<Table['column']>;
    },
    source: source && ((row) => source(rows[row])),
  };
}

export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}
