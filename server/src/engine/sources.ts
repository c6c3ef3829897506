// Operators that start a pipeline without input: datatable, print, range.

import { child, listElements, type SyntaxNode } from '../kusto/syntax';
import type { ExpressionCompiler, Scope } from './scalar/compiled';
import { need } from './operators/context';
import { baseTrace, outputColumns, relFromRows } from './relations';
import { POLL_INTERVAL, Rel, unsupported, type RunState } from './runtime';
import type { Value } from './values';

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

/** `datatable(a:long, b:string) [1, "x", …]`: values row-major. */
export function compileDataTable(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const values = listElements(child(node, 'Values')).map((v) => scalar.evaluateConstant(scalar.requireConstant(v, scope, 'datatable value')));
  if (columns.length === 0 || values.length % columns.length !== 0) throw unsupported(node, 'a datatable whose values do not fill its rows');
  const rows: Value[][] = [];
  for (let i = 0; i < values.length; i += columns.length) rows.push(values.slice(i, i + columns.length));
  return () => relFromRows(columns, rows, state.explain ? baseTrace('datatable', rows.length) : undefined, state.explain ? [] : undefined);
}

/** `print a = 1, 2`: one row. */
export function compilePrint(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const items = listElements(child(node, 'Expressions'));
  if (items.length !== columns.length) throw unsupported(node, 'print with this column list');
  const compiled = items.map((item) => scalar.compile(item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item, scope));
  return () => {
    const row = compiled.map((c) => scalar.evaluateConstant(c));
    return relFromRows(columns, [row], state.explain ? baseTrace('print', 1) : undefined, state.explain ? [] : undefined);
  };
}

/** `range x from a to b step s`: long, real, datetime or timespan steps, capped by maxRows. */
export function compileRange(node: SyntaxNode, scalar: ExpressionCompiler, scope: Scope, state: RunState): () => Rel {
  const columns = outputColumns(node);
  const from = scalar.compile(need(node, 'From'), scope);
  const to = scalar.compile(need(node, 'To'), scope);
  const step = scalar.compile(need(node, 'Step'), scope);
  return () => {
    const start = scalar.evaluateConstant(from);
    const end = scalar.evaluateConstant(to);
    const by = scalar.evaluateConstant(step);
    if (start === null || end === null || by === null) return new Rel(columns, [[]], 0);
    const values: Value[] = [];
    if (typeof start === 'bigint' && typeof end === 'bigint' && typeof by === 'bigint') {
      if (by === 0n) throw unsupported(node, 'range with a zero step');
      for (let v = start; by > 0n ? v <= end : v >= end; v += by) {
        state.checkRows(values.length + 1, node, 'range');
        if ((values.length & POLL_MASK) === 0) state.poll(node);
        values.push(v);
      }
    } else if (typeof start === 'number' && typeof end === 'number' && typeof by === 'number') {
      if (by === 0 || Number.isNaN(by)) throw unsupported(node, 'range with a zero step');
      const count = Math.floor((end - start) / by) + 1;
      state.checkRows(count, node, 'range');
      for (let i = 0; i < count; i++) {
        if ((i & POLL_MASK) === 0) state.poll(node);
        values.push(start + i * by);
      }
    } else {
      throw unsupported(node, 'range over these types');
    }
    return new Rel(columns, [values], values.length, state.explain ? baseTrace('range', values.length) : undefined, state.explain ? [] : undefined);
  };
}
