// make-series (make-series-operator doc): the rows grouped by the `by` values and by the bin of
// the axis column; each aggregate becomes an array over the bins, with its default where a bin
// has no rows, and the last column holds the bins' axis values.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { scalarTypeOf } from '../scalar/nodes';
import { asDynamic } from '../functions/aggregates';
import { binTicks } from '../functions/datetimeFunctions';
import { valueKey } from '../functions/compare';
import type { RowTrace, Span } from '../trace';
import { mergeTraces, outputColumns } from '../relations';
import { POLL_INTERVAL, Rel, unsupported } from '../runtime';
import type { Dynamic, ScalarType, Value } from '../values';
import { callArgs, callName, compositeKey, isAggregateCall, plainAggregate, ROW_PICKERS, type AggregateSpec, type GroupKey, type GroupState } from './summarize';
import { namedParameters, need, type Operator, type OperatorContext } from './context';

const POLL_MASK = POLL_INTERVAL - 1;

/** The documented limit on the arrays make-series builds (2^20 values). */
const MAX_BINS = 1_048_576;

interface SeriesAggregate {
  spec: AggregateSpec;
  type: ScalarType;
  /** The array element of a bin without rows (`default=`, else 0). */
  fallback: Dynamic;
}

/**
 * The bins: `first + i * step` for i < count. Rows whose axis lies in `[low, high)` are binned;
 * a row whose bin is in the array but whose axis lies outside `[low, high)` is reported, since the
 * doc does not say whether it counts (`to` off the step grid, `in range()` bounds inside a bin).
 */
interface Bins {
  first: bigint;
  step: bigint;
  count: number;
  low: bigint;
  high: bigint;
}

export function compileMakeSeries(node: SyntaxNode, ctx: OperatorContext, text: string): Operator {
  const output = outputColumns(node);
  const parameters = namedParameters(node, text);
  for (const name of parameters.keys()) if (name !== 'kind' && !name.startsWith('hint.')) throw unsupported(node, `make-series with ${name}`);
  const kind = parameters.get('kind')?.toLowerCase();
  if (kind !== undefined && kind !== 'nonempty') throw unsupported(node, `make-series kind=${kind}`);
  const byItems = listElements(child(child(node, 'ByClause') ?? node, 'Expressions'));
  const byExprs = byItems.map((item) => ctx.scalar.compile(item.kind === 'SimpleNamedExpression' ? need(item, 'Expression') : item, ctx.scope));
  const aggregates = listElements(child(node, 'Aggregates')).map((item) => seriesAggregate(item, ctx, text));
  const axisNode = need(need(node, 'OnClause'), 'Expression');
  const axis = ctx.scalar.compile(axisNode, ctx.scope);
  if (axis.type !== 'datetime' && axis.type !== 'timespan') throw unsupported(axisNode, `make-series on a ${axis.type} axis`);
  const axisType = axis.type;
  const bins = seriesBins(need(node, 'RangeClause'), ctx, axisType);
  if (output.length !== byItems.length + aggregates.length + 1) throw unsupported(node, 'a make-series whose output columns could not be matched to its aggregates');
  return (input) => {
    const frame = { rel: input, branch: 0 };
    const axisFn = axis.bind(frame);
    const keyFns = byExprs.map((e) => e.bind(frame));
    const factories = aggregates.map((a) => a.spec.bind(input));
    const groups = new Map<GroupKey, { keys: Value[]; bins: Map<number, GroupState[]>; rows: number[] }>();
    for (let row = 0; row < input.rowCount; row++) {
      if ((row & POLL_MASK) === 0) ctx.state.poll(node);
      const at = axisFn(row);
      if (at === null) continue;
      const bin = binOf(at as bigint, bins, axisType, axisNode);
      if (bin === undefined) continue;
      const keys = keyFns.map((f) => f(row));
      const key = compositeKey(keys.map((v, i) => valueKey(v, byExprs[i].type)));
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { keys, bins: new Map(), rows: [] }));
      let states = group.bins.get(bin);
      if (!states) group.bins.set(bin, (states = factories.map((create) => create())));
      for (const state of states) state.add(row);
      if (input.trace) group.rows.push(row);
    }
    const axisValues = Array.from({ length: bins.count }, (_, i) => asDynamic(bins.first + BigInt(i) * bins.step, axisType));
    const list = [...groups.values()];
    if (list.length === 0 && kind === 'nonempty') {
      // The doc's kind=nonempty example: empty input gives one row of defaults.
      if (input.rowCount > 0 || byItems.length > 0) throw unsupported(node, 'make-series kind=nonempty with no rows in its range or with by columns');
      list.push({ keys: [], bins: new Map(), rows: [] });
    }
    ctx.state.checkRows(list.length, node, 'make-series');
    const data: Value[][] = [
      ...byItems.map((_, k) => list.map((g) => g.keys[k])),
      ...aggregates.map((a, k) => list.map((g) => Array.from({ length: bins.count }, (_, bin) => {
        const states = g.bins.get(bin);
        return states ? asDynamic(states[k].results()[0], a.type) : a.fallback;
      }))),
      list.map(() => axisValues),
    ];
    const trace: RowTrace[] | undefined = input.trace ? list.map((g) => (g.rows.length > 0 ? mergeTraces(g.rows.map((r) => input.trace![r])) : { sources: [], passed: [], branches: [] })) : undefined;
    return new Rel(output, data, list.length, trace, input.dropped);
  };
}

/** `[Column =] Aggregation [default = DefaultValue]`: an aggregate of one value per bin. */
function seriesAggregate(item: SyntaxNode, ctx: OperatorContext, text: string): SeriesAggregate {
  const named = need(item, 'Expression');
  const call = named.kind === 'SimpleNamedExpression' ? need(named, 'Expression') : named;
  if (!isAggregateCall(call, text) || ROW_PICKERS.has(callName(call, text))) throw unsupported(call, 'a make-series expression that is not an aggregate call');
  const type = scalarTypeOf(call.type);
  const spec = plainAggregate(call, callName(call, text), callArgs(call), type, ctx);
  if (spec.width !== 1) throw unsupported(call, 'a make-series aggregate with several results');
  const clause = child(item, 'DefaultExpression');
  if (!clause) return { spec, type, fallback: 0 };
  const compiled = ctx.scalar.requireConstant(need(clause, 'Expression'), ctx.scope, 'make-series default');
  return { spec, type, fallback: asDynamic(ctx.scalar.evaluateConstant(compiled), compiled.type) };
}

/** The bins of `from start to end step s` (bin_at from start, end exclusive) or `in range(start, stop, s)` (bin(), stop inclusive). */
function seriesBins(clause: SyntaxNode, ctx: OperatorContext, axisType: 'datetime' | 'timespan'): Bins {
  const constant = (node: SyntaxNode, what: string): bigint => {
    const value = ctx.scalar.evaluateConstant(ctx.scalar.requireConstant(node, ctx.scope, what));
    if (typeof value !== 'bigint') throw unsupported(node, `a make-series ${what} that is not a ${what === 'step' ? 'timespan' : axisType}`);
    return value;
  };
  let bins: Bins;
  if (clause.kind === 'MakeSeriesInRangeClause') {
    const args = listElements(child(need(clause, 'Arguments'), 'Expressions'));
    if (args.length !== 3) throw unsupported(clause, 'make-series in range() without start, stop and step');
    const step = positiveStep(constant(args[2], 'step'), args[2]);
    const start = constant(args[0], 'start');
    const stop = constant(args[1], 'stop');
    const first = binTicks(start, step, axisType);
    const last = binTicks(stop, step, axisType);
    bins = { first, step, count: stop < start ? 0 : Number((last - first) / step) + 1, low: start, high: stop + 1n };
  } else {
    const from = child(clause, 'MakeSeriesFromClause');
    const to = child(clause, 'MakeSeriesToClause');
    const stepNode = need(need(clause, 'MakeSeriesStepClause'), 'Expression');
    // Without them, the doc gives each series its own first and last bin with data, leaving open how they align.
    if (!from || !to) throw unsupported(clause, 'make-series without from and to (the doc leaves the bins of each series open)');
    const step = positiveStep(constant(stepNode, 'step'), stepNode);
    const start = constant(need(from, 'Expression'), 'start');
    const end = constant(need(to, 'Expression'), 'end');
    bins = { first: start, step, count: end <= start ? 0 : Number((end - start + step - 1n) / step), low: start, high: end };
  }
  if (bins.count > MAX_BINS) throw unsupported(clause, 'make-series of more than 2^20 bins');
  return bins;
}

function positiveStep(step: bigint, node: SyntaxNode): bigint {
  if (step <= 0n) throw unsupported(node, 'make-series with a step that is not positive');
  return step;
}

/** The row's bin index, or undefined when its bin is not in the array. */
function binOf(at: bigint, bins: Bins, axisType: 'datetime' | 'timespan', span: Span): number | undefined {
  const offset = at - bins.first;
  if (offset < 0n) return undefined;
  const bin = offset / bins.step;
  if (bin >= BigInt(bins.count)) return undefined;
  if (at < bins.low || at >= bins.high) throw unsupported(span, `make-series of a ${axisType} inside a bin but outside the range (the doc does not say whether it counts)`);
  return Number(bin);
}
