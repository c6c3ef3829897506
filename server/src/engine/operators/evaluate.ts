// `evaluate plugin(...)`: the plugins the engine evaluates. `bag_unpack` (bag-unpack-plugin doc):
// each top-level slot of a dynamic column's property bags becomes a column.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { nameText } from '../scalar/nodes';
import { Rel, runtimeError, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import type { Dynamic, ScalarType, Value } from '../values';
import { need, type Operator, type OperatorContext } from './context';

export function compileEvaluate(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const call = need(node, 'FunctionCall');
  const name = call.kind === 'FunctionCallExpression' ? nameText(need(call, 'Name'), text) : text.slice(call.start, call.end);
  if (name === 'bag_unpack') return compileBagUnpack(node, call, ctx, text);
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
