// `evaluate plugin(...)`: the plugins the engine evaluates. `bag_unpack` (bag-unpack-plugin doc):
// each top-level slot of a dynamic column's property bags becomes a column.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { nameText } from '../scalar/nodes';
import { mergeTraces } from '../relations';
import { Rel, runtimeError, unsupported } from '../runtime';
import { toKustoString } from '../functions/convert';
import { valueKey } from '../functions/compare';
import type { ColumnSchema } from '../table';
import type { Dynamic, ScalarType, Value } from '../values';
import { need, type Operator, type OperatorContext } from './context';

export function compileEvaluate(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const call = need(node, 'FunctionCall');
  const name = call.kind === 'FunctionCallExpression' ? nameText(need(call, 'Name'), text) : text.slice(call.start, call.end);
  if (name === 'bag_unpack') return compileBagUnpack(node, call, ctx, text);
  if (name === 'pivot') return compilePivot(node, call, text);
  throw unsupported(node, `the evaluate plugin ${name}`);
}

const CONFLICTS = new Set(['error', 'replace_source', 'keep_source']);
const ARGUMENT_NAMES = ['column', 'outputcolumnprefix', 'columnsconflict', 'ignoredproperties'];

/**
 * The output keeps the input's columns in place without the unpacked one, then adds one column
 * per distinct slot. A slot's type is its values' type when they all share one, else dynamic;
 * a row without the slot has null. Working model: the new columns come in ordinal order of
 * their names, as the doc's first example shows (`{"Name", "Age"}` gives Age, Name).
 */
function compileBagUnpack(node: SyntaxNode, call: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  if (child(node, 'Schema')) throw unsupported(node, 'bag_unpack with an output schema');
  const args = pluginArguments(call, text);
  const column = args.get('column');
  if (!column || column.kind !== 'NameReference' || column.symbol?.kind !== 'Column') throw unsupported(call, 'bag_unpack of an expression that is not a column');
  const constant = (key: string): Value => {
    const arg = args.get(key);
    return arg ? ctx.scalar.evaluateConstant(ctx.scalar.requireConstant(arg, ctx.scope, `bag_unpack ${key}`)) : null;
  };
  const prefix = constant('outputcolumnprefix') ?? '';
  const conflict = constant('columnsconflict') ?? 'error';
  const ignored = constant('ignoredproperties') ?? [];
  if (typeof prefix !== 'string' || typeof conflict !== 'string' || !CONFLICTS.has(conflict) || !Array.isArray(ignored)) throw unsupported(call, 'bag_unpack with these arguments');
  const ignore = new Set(ignored.map(String));
  const source = column.symbol.name;
  return (input) => {
    const at = input.indexOf(source);
    if (at < 0) throw unsupported(column, `bag_unpack of ${source}`);
    const bags = input.column(at);
    const slots = slotTypes(bags, ignore);
    const kept = input.columns.map((c, i) => ({ schema: c, values: () => input.column(i) })).filter((_, i) => i !== at);
    const added: { schema: ColumnSchema; values: () => Value[] }[] = [];
    for (const [slot, type] of [...slots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const name = prefix + slot;
      const values = () => slotValues(bags, slot, type);
      const existing = kept.findIndex((k) => k.schema.name === name);
      if (existing < 0) added.push({ schema: { name, type }, values });
      else if (conflict === 'replace_source') kept[existing] = { schema: { name, type }, values };
      else if (conflict === 'error') throw runtimeError(node, `bag_unpack: the column ${name} already exists in the input (columnsConflict='error')`);
    }
    const columns = [...kept, ...added];
    return new Rel(
      columns.map((c) => c.schema),
      columns.map((c) => c.values),
      input.rowCount,
      input.trace,
      input.dropped,
      true,
    );
  };
}

/**
 * `pivot(pivotColumn [, count()] [, column1, …])` (pivot-plugin doc): one row per distinct value
 * of the group columns (by default every column but the pivot column), one column per distinct
 * pivot value holding the count of its rows in the group, 0 where there are none, as the doc's
 * example shows. Other aggregations are reported: the doc does not say what fills their empty
 * cells. Working models: the value columns come in ordinal order of their names (the doc's
 * example has ALABAMA before ALASKA); a value whose text is empty is reported.
 */
function compilePivot(node: SyntaxNode, call: SyntaxNode, text: string): Operator {
  if (child(node, 'Schema')) throw unsupported(node, 'pivot with an output schema');
  const args = listElements(child(need(call, 'ArgumentList'), 'Expressions'));
  const columnName = (arg: SyntaxNode): string => {
    if (arg.kind !== 'NameReference' || arg.symbol?.kind !== 'Column') throw unsupported(arg, 'a pivot argument that is not a column');
    return arg.symbol.name;
  };
  if (args.length === 0) throw unsupported(call, 'pivot without a pivot column');
  const pivot = columnName(args[0]);
  let rest = args.slice(1);
  if (rest[0]?.kind === 'FunctionCallExpression') {
    const aggregate = nameText(need(rest[0], 'Name'), text);
    if (aggregate !== 'count' || listElements(child(need(rest[0], 'ArgumentList'), 'Expressions')).length > 0) throw unsupported(rest[0], `pivot with ${aggregate}()`);
    rest = rest.slice(1);
  }
  const explicit = rest.map(columnName);
  return (input) => {
    const pivotAt = input.indexOf(pivot);
    if (pivotAt < 0) throw unsupported(args[0], `pivot of ${pivot}`);
    const groupColumns = (explicit.length > 0 ? explicit : input.columns.map((c) => c.name).filter((n) => n !== pivot)).map((name) => {
      const at = input.indexOf(name);
      if (at < 0) throw unsupported(call, `pivot by ${name}`);
      return at;
    });
    const pivotValues = input.column(pivotAt);
    const pivotType = input.columns[pivotAt].type;
    const groupValues = groupColumns.map((at) => input.column(at));
    const groups = new Map<string, { first: number; rows: number[]; counts: Map<string, number> }>();
    const names = new Set<string>();
    for (let row = 0; row < input.rowCount; row++) {
      const name = toKustoString(pivotValues[row], pivotType);
      if (name === '') throw unsupported(args[0], 'pivot of an empty value (the doc does not name its column)');
      names.add(name);
      const key = JSON.stringify(groupColumns.map((at, g) => valueKey(groupValues[g][row], input.columns[at].type)));
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { first: row, rows: [], counts: new Map() }));
      if (input.trace) group.rows.push(row);
      group.counts.set(name, (group.counts.get(name) ?? 0) + 1);
    }
    const valueNames = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (valueNames.some((name) => groupColumns.some((at) => input.columns[at].name === name))) throw unsupported(call, 'pivot of a value named like a group column');
    const list = [...groups.values()];
    const columns: ColumnSchema[] = [...groupColumns.map((at) => input.columns[at]), ...valueNames.map((name) => ({ name, type: 'long' as const }))];
    const data: Value[][] = [
      ...groupValues.map((values) => list.map((g) => values[g.first])),
      ...valueNames.map((name) => list.map((g) => g.counts.get(name) ?? 0)),
    ];
    const trace = input.trace ? list.map((g) => mergeTraces(g.rows.map((r) => input.trace![r]))) : undefined;
    return new Rel(columns, data, list.length, trace, input.dropped, true);
  };
}

/** The plugin's arguments by parameter name: positional in the doc's order, or `name=value`. */
function pluginArguments(call: SyntaxNode, text: string): Map<string, SyntaxNode> {
  const found = new Map<string, SyntaxNode>();
  listElements(child(need(call, 'ArgumentList'), 'Expressions')).forEach((arg, i) => {
    if (arg.kind === 'SimpleNamedExpression') found.set(nameText(need(arg, 'Name'), text).toLowerCase(), need(arg, 'Expression'));
    else if (i < ARGUMENT_NAMES.length) found.set(ARGUMENT_NAMES[i], arg);
    else throw unsupported(arg, 'this bag_unpack argument');
  });
  return found;
}

/** Each slot of the bags with the type all its non-null values share, else dynamic. */
function slotTypes(bags: ArrayLike<Value>, ignore: ReadonlySet<string>): Map<string, ScalarType> {
  const types = new Map<string, ScalarType | undefined>();
  for (let row = 0; row < bags.length; row++) {
    const bag = bags[row];
    if (bag === null || typeof bag !== 'object' || Array.isArray(bag)) continue;
    for (const [slot, value] of Object.entries(bag as Record<string, Dynamic>)) {
      if (ignore.has(slot)) continue;
      const type = valueType(value);
      const seen = types.get(slot);
      if (!types.has(slot) || seen === undefined) types.set(slot, type);
      else if (type !== undefined && type !== seen) types.set(slot, 'dynamic');
    }
  }
  return new Map([...types].map(([slot, type]) => [slot, type ?? 'dynamic']));
}

function valueType(value: Dynamic): ScalarType | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'real';
  return 'dynamic';
}

function slotValues(bags: ArrayLike<Value>, slot: string, type: ScalarType): Value[] {
  const values = new Array<Value>(bags.length);
  for (let row = 0; row < bags.length; row++) {
    const bag = bags[row];
    const value = bag !== null && typeof bag === 'object' && !Array.isArray(bag) ? (bag as Record<string, Dynamic>)[slot] : undefined;
    values[row] = value === undefined || value === null ? (type === 'string' ? '' : null) : value;
  }
  return values;
}
