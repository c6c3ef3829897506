// mv-expand: one output row per element of a dynamic array or property bag, arrays in parallel.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled } from '../scalar/compiled';
import { firstArgumentColumn, nameText, normalizeTypeName } from '../scalar/nodes';
import type { RowTrace } from '../trace';
import { outputColumns } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import { parseDateTime, parseGuid, parseTimespan, type Dynamic, type ScalarType, type Value } from '../values';
import { namedParameters, need, type Operator, type OperatorContext } from './context';

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

interface Expansion {
  name: string;
  compiled: Compiled;
  type: ScalarType;
}

/**
 * The records a dynamic value expands to (per the mv-expand doc): null → one null record; an
 * empty array or bag → none; an array → its elements; a bag → one `{key: value}` bag per property.
 */
export function elementsOf(value: Dynamic, bagsAsArrays = false): Dynamic[] {
  if (value === null) return [null];
  if (Array.isArray(value)) return value;
  // kind=array: each property becomes a two-element array [key, value] (mv-expand doc).
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => (bagsAsArrays ? [k, v] : { [k]: v }));
  return [value];
}

/** `to typeof(T)` is a cast, not a conversion: elements that are not already a T become null. */
export function castElement(value: Dynamic, type: ScalarType): Value {
  switch (type) {
    case 'dynamic':
      return value;
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'long':
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    // Datetimes, timespans and guids live in dynamic values as their text.
    case 'datetime':
      return typeof value === 'string' ? parseDateTime(value) : null;
    case 'timespan':
      return typeof value === 'string' ? parseTimespan(value) : null;
    case 'guid':
      return typeof value === 'string' ? parseGuid(value) : null;
  }
}

export function compileMvExpand(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const parameters = namedParameters(node, text);
  const kind = (parameters.get('kind') ?? parameters.get('bagexpansion') ?? 'bag').toLowerCase();
  if (kind !== 'bag' && kind !== 'array') throw unsupported(node, `mv-expand kind=${kind}`);
  const bagsAsArrays = kind === 'array';
  const indexColumn = parameters.get('with_itemindex');
  const output = outputColumns(node);
  // Unnamed expressions (`mv-expand d.items`) take Kusto's new output columns, in order.
  const inputNames = new Set(ctx.input.map((c) => c.name));
  const generated = output.map((c) => c.name).filter((name) => !inputNames.has(name) && name !== indexColumn);
  const expansions: Expansion[] = listElements(child(node, 'Expressions')).map((item) => {
    const expression = need(item, 'Expression');
    const named = expression.kind === 'SimpleNamedExpression';
    const valueNode = named ? need(expression, 'Expression') : expression;
    const taken = named ? generated.indexOf(nameText(need(expression, 'Name'), text)) : -1;
    if (taken >= 0) generated.splice(taken, 1);
    const name = named
      ? nameText(need(expression, 'Name'), text)
      : valueNode.kind === 'NameReference' && valueNode.symbol?.kind === 'Column'
        ? valueNode.symbol.name
        : (generated.shift() ?? firstArgumentColumn(valueNode));
    if (!name || !output.some((c) => c.name === name)) throw unsupported(item, 'mv-expand of an unnamed expression');
    const typeOf = child(item, 'ToTypeOf');
    const type = typeOf ? normalizeTypeName(output.find((c) => c.name === name)?.type ?? 'dynamic') : 'dynamic';
    return { name, compiled: ctx.scalar.compile(valueNode, ctx.scope), type };
  });
  const limitClause = child(node, 'RowLimitClause');
  const limitValue = limitClause ? ctx.scalar.evaluateConstant(ctx.scalar.requireConstant(need(limitClause, 'RowLimit'), ctx.scope, 'mv-expand limit')) : Infinity;
  const limit = typeof limitValue === 'number' ? limitValue : Infinity;
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const fns = expansions.map((e) => e.compiled.bind(frame));
    const sourceRows: number[] = [];
    const itemIndex: number[] = [];
    const expanded: Value[][] = expansions.map(() => []);
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      const lists = fns.map((fn) => elementsOf(fn(row) as Dynamic, bagsAsArrays));
      const count = Math.min(limit, Math.max(...lists.map((l) => l.length)));
      for (let i = 0; i < count; i++) {
        sourceRows.push(row);
        itemIndex.push(i);
        lists.forEach((list, e) => expanded[e].push(i < list.length ? castElement(list[i], expansions[e].type) : null));
      }
      ctx.state.checkRows(sourceRows.length, node, 'mv-expand');
    }
    const data = output.map((column: ColumnSchema) => {
      const e = expansions.findIndex((x) => x.name === column.name);
      if (e >= 0) return expanded[e];
      if (column.name === indexColumn) return itemIndex;
      const index = input.indexOf(column.name);
      if (index < 0) throw unsupported(node, `the mv-expand output column ${column.name}`);
      return () => {
        const values = input.column(index);
        return sourceRows.map((r) => values[r]);
      };
    });
    const trace: RowTrace[] | undefined = input.trace ? sourceRows.map((r) => input.trace![r]) : undefined;
    return new Rel(output, data, sourceRows.length, trace, input.dropped);
  };
}
