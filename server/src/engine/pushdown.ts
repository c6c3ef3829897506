// Late materialisation: the leading `where` predicates over a table that each read one column
// and nothing of the row's context are handed to the table as value tests (`Table.filter`), so
// a reader can test those columns as it reads and decode the rest only for the rows that pass.
// The tests are the engine's own compiled predicates, bound to a one-row probe table; a predicate
// of one column is a function of that column's value, so a reader may remember its answers.

import { walk, type SyntaxNode } from '../kusto/syntax';
import { need, type OperatorContext } from './operators/context';
import { POLL_INTERVAL, Rel } from './runtime';
import type { ValueFilter } from './table';
import { emptyValue, type Value } from './values';

const POLL_MASK = POLL_INTERVAL - 1;

/** Functions whose value depends on the row's place, neighbours or hidden columns, not on its columns alone. */
const ROW_CONTEXT_FUNCTIONS = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_window_session', 'row_rank_dense', 'row_rank_min', 'column_ifexists', 'ingestion_time']);

export interface Pushdown {
  /** How many of the leading `where`s the table may run. */
  count: number;
  /** Builds their value tests for one run. */
  filters(): ValueFilter[];
}

/** The longest run of leading `where`s that a table can run as value tests; undefined if none. */
export function pushableFilters(nodes: readonly SyntaxNode[], ctx: OperatorContext): Pushdown | undefined {
  const columns: string[] = [];
  for (const node of nodes) {
    const column = singleColumnOf(need(node, 'Condition'), ctx);
    if (column === undefined) break;
    columns.push(column);
  }
  if (columns.length === 0) return undefined;
  const conditions = nodes.slice(0, columns.length).map((node) => need(node, 'Condition'));
  const compiled = conditions.map((condition) => ctx.scalar.compile(condition, ctx.scope));
  return {
    count: columns.length,
    filters: () => compiled.map((c, i) => valueFilter(columns[i], c.bind, ctx, i === 0 ? nodes[0] : undefined)),
  };
}

/** The one input column `condition` reads, if it reads exactly one and no row context or table. */
function singleColumnOf(condition: SyntaxNode, ctx: OperatorContext): string | undefined {
  const names = new Set<string>();
  let pure = true;
  walk(condition, (node) => {
    if (!pure) return false;
    if (node !== condition && node.type?.kind === 'table') pure = false;
    else if (node.kind === 'FunctionCallExpression' || node.kind === 'NameReference') {
      const symbol = node.symbol;
      const bound = symbol ? ctx.scope.get(symbol) : undefined;
      if (bound && bound.kind !== 'scalar') pure = false;
      else if (!bound && symbol?.kind === 'Column') names.add(symbol.name);
      else if (symbol && ROW_CONTEXT_FUNCTIONS.has(symbol.name)) pure = false;
      else if (node.kind === 'FunctionCallExpression' && !symbol) pure = false;
    }
    return pure;
  });
  if (!pure || names.size !== 1) return undefined;
  const [name] = names;
  return ctx.input.some((c) => c.name === name) ? name : undefined;
}

/** The compiled predicate over a one-row probe whose `column` cell is set per test. */
function valueFilter(column: string, bind: (frame: { rel: Rel; branch: number }) => (row: number) => Value, ctx: OperatorContext, pollAt: SyntaxNode | undefined): ValueFilter {
  const cell: Value[] = [null];
  const data = ctx.input.map((c) => (c.name === column ? cell : () => [emptyValue(c.type)]));
  const fn = bind({ rel: new Rel(ctx.input, data, 1), branch: 0 });
  const empty = emptyValue(ctx.input.find((c) => c.name === column)!.type);
  if (!pollAt) {
    return {
      column,
      empty,
      test: (value) => {
        cell[0] = value;
        return fn(0) === true;
      },
    };
  }
  // The first filter sees every row: it polls for cancellation as the `where` loop does.
  const state = ctx.state;
  let calls = 0;
  return {
    column,
    empty,
    test: (value) => {
      if ((calls++ & POLL_MASK) === 0) state.poll(pollAt);
      cell[0] = value;
      return fn(0) === true;
    },
  };
}
