// mv-apply (simple forms): per input row, expand arrays into a small table, run the subquery on
// it, and emit its rows.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled } from '../scalar/compiled';
import { nameText, normalizeTypeName } from '../scalar/nodes';
import type { RowTrace } from '../trace';
import { outputColumns } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import type { Dynamic, Value } from '../values';
import { namedParameters, need, type Operator, type OperatorContext } from './context';
import { castElement, elementsOf } from './mvExpand';

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

interface Application {
  name: string;
  compiled: Compiled;
  type: ColumnSchema['type'];
}

export function compileMvApply(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  if (namedParameters(node, text).size > 0 || child(node, 'RowLimitClause') || child(node, 'ContextIdClause')) {
    throw unsupported(node, 'mv-apply with parameters, a row limit or a context id');
  }
  const applications: Application[] = listElements(child(node, 'Expressions')).map((item) => {
    const expression = need(item, 'Expression');
    const named = expression.kind === 'SimpleNamedExpression';
    const valueNode = named ? need(expression, 'Expression') : expression;
    const name = named ? nameText(need(expression, 'Name'), text) : valueNode.symbol?.kind === 'Column' ? valueNode.symbol.name : undefined;
    if (!name) throw unsupported(item, 'mv-apply of an unnamed expression');
    const typeOf = child(item, 'ToTypeOf');
    const typeName = typeOf ? listElements(child(need(typeOf, 'TypeOf'), 'Types'))[0]?.symbol?.name : undefined;
    return { name, compiled: ctx.scalar.compile(valueNode, ctx.scope), type: normalizeTypeName(typeName ?? 'dynamic') };
  });
  // The subquery sees the input row with each applied column replaced (or added) by its element.
  const subqueryInput: ColumnSchema[] = ctx.input.map((c) => {
    const applied = applications.find((a) => a.name === c.name);
    return applied ? { name: c.name, type: applied.type } : c;
  });
  for (const a of applications) if (!subqueryInput.some((c) => c.name === a.name)) subqueryInput.push({ name: a.name, type: a.type });
  const subquery = ctx.compileSubquery(need(node, 'Subquery'), ctx.scope, subqueryInput);
  const output = outputColumns(node);
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const fns = applications.map((a) => a.compiled.bind(frame));
    const inputColumns = subqueryInput.map((c) => input.indexOf(c.name));
    const rows: Value[][] = [];
    const trace: RowTrace[] | undefined = input.trace ? [] : undefined;
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      const lists = fns.map((fn) => elementsOf(fn(row) as Dynamic));
      const count = Math.max(...lists.map((l) => l.length));
      const data = subqueryInput.map((column, c) => {
        const applied = applications.findIndex((a) => a.name === column.name);
        if (applied >= 0) return Array.from({ length: count }, (_, i) => (i < lists[applied].length ? castElement(lists[applied][i], applications[applied].type) : null));
        const value = input.column(inputColumns[c])[row];
        return new Array<Value>(count).fill(value);
      });
      const result = subquery(new Rel(subqueryInput, data, count));
      // Columns the subquery does not return are the input row's own (they are not applied).
      const sources = output.map((column) => {
        const index = result.indexOf(column.name);
        if (index >= 0) return result.column(index);
        const own = input.indexOf(column.name);
        if (own < 0 || applications.some((a) => a.name === column.name)) throw unsupported(node, `the mv-apply output column ${column.name}`);
        return new Array<Value>(result.rowCount).fill(input.column(own)[row]);
      });
      for (let r = 0; r < result.rowCount; r++) {
        rows.push(sources.map((values) => values[r]));
        trace?.push(input.trace![row]);
      }
      ctx.state.checkRows(rows.length, node, 'mv-apply');
    }
    return new Rel(output, output.map((_, i) => rows.map((r) => r[i])), rows.length, trace, input.dropped);
  };
}
