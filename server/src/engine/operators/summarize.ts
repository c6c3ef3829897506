// summarize (group keys, aggregates from the functions library, arg_min/arg_max/take_any rows) and distinct.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import type { Compiled, RowFn } from '../scalar/compiled';
import { nameText } from '../scalar/nodes';
import { bindAggregate, type Accumulator } from '../functions/aggregates';
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

type GroupKey = string | number | boolean | bigint | null;

/** Shared by count() and other argument-less aggregates: no allocation per row. */
const NO_ARGS: Value[] = [];

/** One aggregate's contribution to a group: accumulate rows, then produce its output cells. */
interface GroupState {
  add(row: number): void;
  results(): Value[];
}

interface AggregateSpec {
  /** How many output columns it fills (arg_max(x, *) fills several). */
  width: number;
  create(frame: BoundInputs): GroupState;
}

/** Per-run bound argument functions of every aggregate, indexed like the specs. */
type BoundInputs = { fns: RowFn[][]; input: Rel };

/** Row selection aggregates the core handles itself because they return several columns. */
const ROW_PICKERS = new Set(['arg_max', 'arg_min', 'take_any', 'any']);

function callName(node: SyntaxNode, text: string): string {
  return nameText(need(node, 'Name'), text);
}

function callArgs(node: SyntaxNode): SyntaxNode[] {
  return listElements(child(need(node, 'ArgumentList'), 'Expressions'));
}

/** A composite key for several group-by values. */
function compositeKey(keys: GroupKey[]): GroupKey {
  if (keys.length === 0) return null;
  if (keys.length === 1) return keys[0];
  return JSON.stringify(keys.map((k) => `${typeof k}:${String(k)}`));
}

export function compileSummarize(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const output = outputColumns(node);
  const byItems = listElements(child(child(node, 'ByClause') ?? node, 'Expressions'));
  const byExprs: Compiled[] = byItems.map((item) => ctx.scalar.compile(item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item, ctx.scope));
  const byNames = new Set(byItems.map((item) => (item.kind === 'SimpleNamedExpression' ? nameText(need(item, 'Name'), text) : item.symbol?.kind === 'Column' ? item.symbol.name : '')));
  const aggregateItems = listElements(child(node, 'Aggregates'));
  const argSets: Compiled[][] = [];
  const specs: AggregateSpec[] = aggregateItems.map((item, k) => {
    const call = item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item;
    if (call.kind !== 'FunctionCallExpression') throw unsupported(call, 'a summarize expression that is not a plain aggregate call');
    const name = callName(call, text);
    const args = callArgs(call);
    if (ROW_PICKERS.has(name)) return rowPicker(call, name, args, k, ctx, argSets, byNames, aggregateItems.length, byItems.length, output);
    const compiled = args.map((a) => ctx.scalar.compile(a, ctx.scope));
    argSets[k] = compiled;
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
        resultType: output[byItems.length + k]?.type ?? 'dynamic',
        constants: parts.map((p) => (p.constant ? p.constant.value : NOT_CONSTANT)),
        now: ctx.state.now,
      });
      if (bound === undefined) throw unsupported(call, `the aggregate ${name}()`);
      if ('unsupported' in bound) throw unsupported(call, bound.unsupported);
      return { bound, argIndexes: c.argIndexes };
    });
    return {
      width: bindings.length,
      create: ({ fns }) => {
        const argFns = fns[k];
        const accumulators = bindings.map((b) => ({ accumulator: b.bound.create() as Accumulator, fns: b.argIndexes.map((i) => argFns[i]) }));
        return {
          add: (row) => {
            for (const a of accumulators) a.accumulator.add(a.fns.length === 0 ? NO_ARGS : a.fns.map((f) => f(row)));
          },
          results: () => accumulators.map((a) => a.accumulator.result()),
        };
      },
    };
  });
  const width = byItems.length + specs.reduce((n, s) => n + s.width, 0);
  if (width !== output.length) throw unsupported(node, 'a summarize whose output columns could not be matched to its aggregates');
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const keyFns = byExprs.map((e) => e.bind(frame));
    const keyTypes = byExprs.map((e) => e.type);
    const bound: BoundInputs = { fns: argSets.map((set) => (set ?? []).map((c) => c.bind(frame))), input };
    const groups = new Map<GroupKey, { keys: Value[]; states: GroupState[]; rows: number[] }>();
    const newGroup = (keys: Value[]) => ({ keys, states: specs.map((s) => s.create(bound)), rows: [] as number[] });
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

/**
 * arg_max(e, cols…) / arg_min(e, cols…) / take_any(cols…): the output cells come from one
 * selected input row (the first with the extreme value; the first row for take_any).
 */
function rowPicker(
  call: SyntaxNode,
  name: string,
  args: SyntaxNode[],
  k: number,
  ctx: OperatorContext,
  argSets: Compiled[][],
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
  argSets[k] = [...(rankExpr ? [rankExpr] : []), ...picked.filter((p): p is Compiled => !('column' in p))];
  const direction = name === 'arg_max' ? 1 : -1;
  const rankType = rankExpr?.type ?? 'long';
  return {
    width: (ranked ? 1 : 0) + picked.length,
    create: ({ fns, input }) => {
      const argFns = fns[k];
      const rank = ranked ? argFns[0] : undefined;
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
    },
  };
}

/** `distinct a, b` / `distinct *`: the first row of each distinct combination. */
export function compileDistinct(node: SyntaxNode, ctx: OperatorContext): Operator {
  const output = outputColumns(node);
  for (const item of listElements(child(node, 'Expressions'))) {
    if (item.kind !== 'NameReference' && item.kind !== 'StarExpression') throw unsupported(item, 'distinct of an expression');
  }
  return (input) => {
    const columns = output.map((c) => {
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
