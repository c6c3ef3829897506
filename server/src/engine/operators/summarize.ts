// summarize (group keys, aggregates from the functions library, arg_min/arg_max/take_any rows) and distinct.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled } from '../scalar/compiled';
import { nameText, scalarTypeOf } from '../scalar/nodes';
import { bindAggregate, isAggregateName, type Accumulator } from '../functions/aggregates';
import { currentCall } from '../functions/deprecatedAliases';
import { compareValues as importedCompareValues, valueKey as importedValueKey } from '../functions/compare';
import { NOT_CONSTANT } from '../functions/registry';
import type { RowTrace } from '../trace';
import { mergeTraces, outputColumns } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { ColumnSchema } from '../table';
import { emptyValue, type Value } from '../values';
import { need, type Operator, type OperatorContext } from './context';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const valueKey = importedValueKey;
const compareValues = importedCompareValues;

/** Module-local: reading an imported binding per row costs a property lookup. */
const POLL_MASK = POLL_INTERVAL - 1;

export type GroupKey = string | number | boolean | bigint | null;

/** Shared by count() and other argument-less aggregates: no allocation per row. */
const NO_ARGS: Value[] = [];

/** One aggregate's contribution to a group: accumulate rows, then produce its output cells. */
export interface GroupState {
  add(row: number): void;
  results(): Value[];
}

export interface AggregateSpec {
  /** How many output columns it fills (arg_max(x, *) fills several). */
  width: number;
  /** Binds the arguments to one run's input (once per run), giving a new state per group. */
  bind(input: Rel): () => GroupState;
}

/** Row selection aggregates the core handles itself because they return several columns. */
export const ROW_PICKERS = new Set(['arg_max', 'arg_min', 'take_any', 'any']);

export function callName(node: SyntaxNode, text: string): string {
  return currentCall(nameText(need(node, 'Name'), text), []).name;
}

export function callArgs(node: SyntaxNode): SyntaxNode[] {
  return listElements(child(need(node, 'ArgumentList'), 'Expressions'));
}

/** A composite key for several group-by values. */
export function compositeKey(keys: GroupKey[]): GroupKey {
  if (keys.length === 0) return null;
  if (keys.length === 1) return keys[0];
  return JSON.stringify(keys.map((k) => `${typeof k}:${String(k)}`));
}

/** The expression of a summarize item, without its `name =` or `(a, b) =`. */
function itemExpression(item: SyntaxNode): SyntaxNode {
  return item.kind === 'SimpleNamedExpression' || item.kind === 'CompoundNamedExpression' ? need(item, 'Expression') : item;
}

export function isAggregateCall(node: SyntaxNode, text: string): boolean {
  if (node.kind !== 'FunctionCallExpression') return false;
  const name = callName(node, text);
  return ROW_PICKERS.has(name) || isAggregateName(name);
}

export function compileSummarize(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const output = outputColumns(node);
  const byItems = listElements(child(child(node, 'ByClause') ?? node, 'Expressions'));
  const byExprs: Compiled[] = byItems.map((item) => ctx.scalar.compile(item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item, ctx.scope));
  const byNames = new Set(byItems.map((item) => (item.kind === 'SimpleNamedExpression' ? nameText(need(item, 'Name'), text) : item.symbol?.kind === 'Column' ? item.symbol.name : '')));
  const aggregateItems = listElements(child(node, 'Aggregates'));
  const specs: AggregateSpec[] = aggregateItems.map((item, k) => {
    const call = itemExpression(item);
    if (!isAggregateCall(call, text)) return compositeAggregate(call, ctx, text);
    const name = callName(call, text);
    const args = callArgs(call);
    if (ROW_PICKERS.has(name)) return rowPicker(call, name, args, ctx, byNames, aggregateItems.length, byItems.length, output);
    return plainAggregate(call, name, args, output[byItems.length + k]?.type ?? 'dynamic', ctx);
  });
  const width = byItems.length + specs.reduce((n, s) => n + s.width, 0);
  if (width !== output.length) throw unsupported(node, 'a summarize whose output columns could not be matched to its aggregates');
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const keyFns = byExprs.map((e) => e.bind(frame));
    const keyTypes = byExprs.map((e) => e.type);
    const factories = specs.map((s) => s.bind(input));
    const groups = new Map<GroupKey, { keys: Value[]; states: GroupState[]; rows: number[] }>();
    const newGroup = (keys: Value[]) => ({ keys, states: factories.map((create) => create()), rows: [] as number[] });
    // Without group keys there is always exactly one row, even for empty input.
    if (byItems.length === 0) groups.set(null, newGroup([]));
    const single = keyFns.length === 1 ? keyFns[0] : undefined;
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      // One key (the common case) needs no arrays per row.
      const keyValue = single ? single(row) : undefined;
      const keys = single ? undefined : keyFns.map((f) => f(row));
      const key = single ? valueKey(keyValue!, keyTypes[0]) : compositeKey(keys!.map((v, i) => valueKey(v, keyTypes[i])));
      let group = groups.get(key);
      if (!group) {
        group = newGroup(keys ?? [keyValue!]);
        groups.set(key, group);
      }
      for (const state of group.states) state.add(row);
      if (input.trace) group.rows.push(row);
    }
    ctx.state.checkRows(groups.size, node, 'summarize');
    const rows: Value[][] = [];
    const trace: RowTrace[] | undefined = input.trace ? [] : undefined;
    for (const group of groups.values()) {
      const cells = [...group.keys];
      for (const state of group.states) cells.push(...state.results());
      rows.push(cells);
      if (trace) {
        const merged = group.rows.length > 0 ? mergeTraces(group.rows.map((r) => input.trace![r])) : { sources: [], passed: [], branches: [] };
        trace.push({ sources: merged.sources, passed: merged.passed, branches: [] });
      }
    }
    const data = output.map((_, i) => rows.map((r) => r[i]));
    return new Rel(output, data, rows.length, trace, input.dropped);
  };
}

/** An aggregate of the functions library (count, dcount, make_set, percentiles …). */
export function plainAggregate(call: SyntaxNode, name: string, args: SyntaxNode[], resultType: ColumnSchema['type'], ctx: OperatorContext): AggregateSpec {
  const compiled = args.map((a) => ctx.scalar.compile(a, ctx.scope));
  // percentiles(x, p1, p2, …) fills one column per percentile: one percentile(x, p) each.
  const calls: { name: string; argIndexes: number[] }[] =
    name === 'percentiles' && args.length > 2
      ? args.slice(1).map((_, i) => ({ name: 'percentile', argIndexes: [0, i + 1] }))
      : [{ name, argIndexes: args.map((_, i) => i) }];
  const bindings = calls.map((c) => {
    const parts = c.argIndexes.map((i) => compiled[i]);
    const bound = bindAggregate({
      name: c.name,
      argTypes: parts.map((p) => p.type),
      resultType,
      constants: parts.map((p) => (p.constant ? p.constant.value : NOT_CONSTANT)),
      now: ctx.state.now,
    });
    if (bound === undefined) throw unsupported(call, `the aggregate ${name}()`);
    if ('unsupported' in bound) throw unsupported(call, bound.unsupported);
    return { bound, argIndexes: c.argIndexes };
  });
  return {
    width: bindings.length,
    bind: (input) => {
      const frame = { rel: input, branch: 0 };
      const argFns = compiled.map((c) => c.bind(frame));
      return () => {
        const accumulators = bindings.map((b) => ({ accumulator: b.bound.create() as Accumulator, fns: b.argIndexes.map((i) => argFns[i]) }));
        return {
          add: (row) => {
            for (const a of accumulators) a.accumulator.add(a.fns.length === 0 ? NO_ARGS : a.fns.map((f) => f(row)));
          },
          results: () => accumulators.map((a) => a.accumulator.result()),
        };
      };
    },
  };
}

/**
 * A scalar expression over aggregates (`round(avg(x), 2)`, `countif(p) * 100.0 / count()`): each
 * aggregate inside accumulates per group, then the expression is evaluated once per group over
 * their results.
 */
function compositeAggregate(expression: SyntaxNode, ctx: OperatorContext, text: string): AggregateSpec {
  const inner: SyntaxNode[] = [];
  walk(expression, (n) => {
    if (!isAggregateCall(n, text)) return true;
    inner.push(n);
    return false;
  });
  if (inner.length === 0) throw unsupported(expression, 'a summarize expression without an aggregate');
  const parts = inner.map((call) => {
    const name = callName(call, text);
    if (ROW_PICKERS.has(name)) throw unsupported(call, `${name}() inside an expression`);
    const spec = plainAggregate(call, name, callArgs(call), scalarTypeOf(call.type), ctx);
    if (spec.width !== 1) throw unsupported(call, `${name}() with several results inside an expression`);
    return spec;
  });
  const resultColumns: ColumnSchema[] = inner.map((call, i) => ({ name: `aggregate ${i}`, type: scalarTypeOf(call.type) }));
  const substitutions = new Map<SyntaxNode, Compiled>(
    inner.map((call, i) => [call, { type: resultColumns[i].type, bind: (frame) => { const values = frame.rel.column(i); return (row) => values[row]; } }]),
  );
  const outer = ctx.scalar.compileSubstituting(expression, ctx.scope, substitutions);
  return {
    width: 1,
    bind: (input) => {
      const factories = parts.map((p) => p.bind(input));
      return () => {
        const states = factories.map((create) => create());
        return {
          add: (row) => {
            for (const state of states) state.add(row);
          },
          results: () => {
            const rel = new Rel(resultColumns, states.map((state) => state.results()), 1);
            return [outer.bind({ rel, branch: 0 })(0)];
          },
        };
      };
    },
  };
}

/**
 * arg_max(e, cols…) / arg_min(e, cols…) / take_any(cols…): the output cells come from one
 * selected input row (the first with the extreme value; the first row for take_any).
 */
function rowPicker(
  call: SyntaxNode,
  name: string,
  args: SyntaxNode[],
  ctx: OperatorContext,
  byNames: Set<string>,
  aggregateCount: number,
  byCount: number,
  output: ColumnSchema[],
): AggregateSpec {
  const ranked = name === 'arg_max' || name === 'arg_min';
  if (ranked && args.length < 1) throw unsupported(call, `${name}() without arguments`);
  const hasStar = args.some((a) => a.kind === 'StarExpression');
  const columnArgs = ranked ? args.slice(1) : args;
  // Output cells: [ranking expression (arg_*)] + one per listed column, or every other input column for `*`.
  let picked: (Compiled | { column: string })[];
  if (hasStar) {
    if (columnArgs.length !== 1) throw unsupported(call, `${name}() with * beside other columns`);
    // `*` is every input column except the group keys and the ranked column; the summarize's
    // overall width check catches any case where Kusto counted otherwise.
    const rankedName = ranked && args[0].kind === 'NameReference' ? args[0].symbol?.name : undefined;
    const rest = ctx.input.filter((c) => !byNames.has(c.name) && c.name !== rankedName);
    if (aggregateCount === 1 && rest.length !== output.length - byCount - (ranked ? 1 : 0)) throw unsupported(call, `${name}(…, *) with these columns`);
    picked = rest.map((c) => ({ column: c.name }));
  } else {
    picked = columnArgs.map((a) => ctx.scalar.compile(a, ctx.scope));
  }
  const rankExpr = ranked ? ctx.scalar.compile(args[0], ctx.scope) : undefined;
  const argExprs = [...(rankExpr ? [rankExpr] : []), ...picked.filter((p): p is Compiled => !('column' in p))];
  const direction = name === 'arg_max' ? 1 : -1;
  const rankType = rankExpr?.type ?? 'long';
  return {
    width: (ranked ? 1 : 0) + picked.length,
    bind: (input) => {
      const frame = { rel: input, branch: 0 };
      const argFns = argExprs.map((c) => c.bind(frame));
      const rank = ranked ? argFns[0] : undefined;
      return () => {
        let best = -1;
        let bestValue: Value = null;
        return {
          add: (row) => {
            if (!rank) {
              if (best < 0) best = row;
              return;
            }
            // The group's first row stands until a non-null value beats it (so an all-null group
            // reports its first row, as the arg_max doc example shows).
            const v = rank(row);
            if (best >= 0 && v === null) return;
            if (best < 0 || bestValue === null || compareValues(v, bestValue, rankType) * direction > 0) {
              best = row;
              bestValue = v;
            }
          },
          results: () => {
            const cells: Value[] = [];
            if (ranked) cells.push(best < 0 ? emptyValue(rankType) : bestValue);
            let next = ranked ? 1 : 0;
            for (const p of picked) {
              if ('column' in p) {
                const index = input.indexOf(p.column);
                cells.push(best < 0 || index < 0 ? emptyValue(index < 0 ? 'dynamic' : input.columns[index].type) : input.column(index)[best]);
              } else {
                const fn = argFns[next++];
                cells.push(best < 0 ? emptyValue(p.type) : fn(best));
              }
            }
            return cells;
          },
        };
      };
    },
  };
}

/** `distinct a, b` / `distinct *` / `distinct tostring(x)`: the first row of each distinct combination. */
export function compileDistinct(node: SyntaxNode, ctx: OperatorContext): Operator {
  const output = outputColumns(node);
  const items = listElements(child(node, 'Expressions'));
  const star = items.some((item) => item.kind === 'StarExpression');
  if (!star && items.length !== output.length) throw unsupported(node, 'distinct with a column list Kusto expands');
  // One output column per item, in order; an expression is evaluated like a projected column.
  const computed: (Compiled | undefined)[] = star
    ? output.map(() => undefined)
    : items.map((item) => {
        const expression = item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item;
        return expression.kind === 'NameReference' && expression.symbol?.kind === 'Column' && item === expression ? undefined : ctx.scalar.compile(expression, ctx.scope);
      });
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const columns = output.map((c, i) => {
      const expression = computed[i];
      if (expression) {
        const fn = expression.bind(frame);
        const values = new Array<Value>(input.rowCount);
        for (let row = 0; row < input.rowCount; row++) values[row] = fn(row);
        return values;
      }
      const index = input.indexOf(c.name);
      if (index < 0) throw unsupported(node, `the column ${c.name}`);
      return input.column(index);
    });
    const seen = new Map<GroupKey, number>();
    const kept: number[] = [];
    const members: number[][] = [];
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      const key = compositeKey(columns.map((values, i) => valueKey(values[row], output[i].type)));
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, kept.length);
        kept.push(row);
        members.push([row]);
      } else if (input.trace) {
        members[at].push(row);
      }
    }
    const data = columns.map((values) => kept.map((r) => values[r]));
    const trace = input.trace ? members.map((rows) => mergeTraces(rows.map((r) => input.trace![r]))) : undefined;
    return new Rel(output, data, kept.length, trace, input.dropped);
  };
}
