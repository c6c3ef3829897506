// Aggregation functions for summarize and make-series. Each binds once per call site and
// creates one accumulator per group. Nulls are ignored by every aggregate (null-values.md); the
// results on empty input follow summarize-operator.md §"Default values of aggregations".

import type { Dynamic, ScalarType, Value } from '../values';
import { asNotSupported, constantArg, NotSupportedLocally, type CallInfo } from './call';
import { compareValues as importedCompareValues, valueKey as importedValueKey } from './compare';
import { toKustoString } from './convert';

// Module-local copies for the per-row paths: under a CommonJS transform every use of an imported
// binding is a property read through the module object.
const compareValues = importedCompareValues;
const valueKey = importedValueKey;

export interface Accumulator {
  add(args: Value[]): void;
  result(): Value;
}

type Factory = { create(): Accumulator };
type AggregateBinding = Factory | { unsupported: string };
type AggregateBinder = (info: CallInfo) => AggregateBinding;

/**
 * Assumption: only null is skipped. A string is never null in Kusto, so `""` counts as a value
 * (for dcount, make_list, min, …); the docs only say that nulls are ignored.
 */
function isSkipped(v: Value): boolean {
  return v === null;
}

/** The documented default and maximum `maxSize` of make_list / make_set / make_bag. */
const MAX_SIZE = 1048576;

/** Calls `add` only for rows whose predicate (argument `predicateIndex`) is true (the `*if` forms). */
function onlyIf(add: (args: Value[]) => void, predicateIndex: number): (args: Value[]) => void {
  return (args) => {
    if (args[predicateIndex] === true) add(args);
  };
}

/** Builds a factory from an `add`/`result` pair over a fresh state per group. */
function factory<S>(initial: () => S, add: (state: S, args: Value[]) => void, result: (state: S) => Value, predicateIndex?: number): Factory {
  return {
    create() {
      const state = initial();
      const addRow = (args: Value[]) => add(state, args);
      return { add: predicateIndex === undefined ? addRow : onlyIf(addRow, predicateIndex), result: () => result(state) };
    },
  };
}

// --- counting ---------------------------------------------------------------------------------

const count: AggregateBinder = (info) =>
  // count() counts rows; count(x) counts rows where x is not null.
  factory(
    () => ({ n: 0 }),
    (s, args) => {
      if (info.argTypes.length === 0 || !isSkipped(args[0])) s.n++;
    },
    (s) => s.n,
  );

const countif: AggregateBinder = () => factory(() => ({ n: 0 }), (s) => s.n++, (s) => s.n, 0);

/**
 * Exact distinct count. Kusto's dcount is a HyperLogLog estimate, but the docs say small sets are
 * counted exactly (about 1000 distinct values at the default accuracy), so on sample data the
 * exact count is what Kusto returns; above that it may differ from Kusto's estimate.
 */
function distinctCount(predicateIndex?: number): AggregateBinder {
  return (info) => {
    const type = info.argTypes[0];
    return factory(
      () => new Set<unknown>(),
      (s, args) => {
        if (!isSkipped(args[0])) s.add(valueKey(args[0], type));
      },
      (s) => s.size,
      predicateIndex,
    );
  };
}

// --- sums and averages ------------------------------------------------------------------------

function isTicks(type: ScalarType): boolean {
  return type === 'timespan' || type === 'datetime';
}

function sum(predicateIndex?: number): AggregateBinder {
  return (info) => {
    if (isTicks(info.argTypes[0])) {
      return factory(
        () => ({ total: 0n }),
        (s, args) => {
          if (!isSkipped(args[0])) s.total += args[0] as bigint;
        },
        (s) => s.total,
        predicateIndex,
      );
    }
    return factory(
      () => ({ total: 0 }),
      (s, args) => {
        if (!isSkipped(args[0])) s.total += Number(args[0]);
      },
      (s) => s.total,
      predicateIndex,
    );
  };
}

/** avg: NaN on empty input (documented by summarize-operator#5); a timespan/datetime average is rounded to ticks. */
function avg(predicateIndex?: number): AggregateBinder {
  return (info) => {
    const ticks = isTicks(info.argTypes[0]);
    return factory(
      () => ({ total: 0n, sum: 0, n: 0 }),
      (s, args) => {
        const v = args[0];
        if (isSkipped(v)) return;
        if (ticks) s.total += v as bigint;
        else s.sum += Number(v);
        s.n++;
      },
      (s) => {
        if (!ticks) return s.n === 0 ? NaN : s.sum / s.n;
        return s.n === 0 ? null : BigInt(Math.round(Number(s.total) / s.n));
      },
      predicateIndex,
    );
  };
}

// --- spread -----------------------------------------------------------------------------------

/**
 * variance / stdev (sample, n-1) and variancep / stdevp (population), by Welford's method. Empty
 * input gives 0 (documented); so does a single value for the sample forms.
 */
function spread(kind: 'variance' | 'stdev', population: boolean, predicateIndex?: number): AggregateBinder {
  return () =>
    factory(
      () => ({ n: 0, mean: 0, m2: 0 }),
      (s, args) => {
        if (isSkipped(args[0])) return;
        const x = Number(args[0]);
        s.n++;
        const delta = x - s.mean;
        s.mean += delta / s.n;
        s.m2 += delta * (x - s.mean);
      },
      (s) => {
        const divisor = population ? s.n : s.n - 1;
        const variance = divisor <= 0 ? 0 : s.m2 / divisor;
        return kind === 'variance' ? variance : Math.sqrt(variance);
      },
      predicateIndex,
    );
}

// --- extremes ---------------------------------------------------------------------------------

function extreme(sign: 1 | -1, predicateIndex?: number): AggregateBinder {
  return (info) => {
    const type = info.argTypes[0];
    return factory(
      () => ({ best: null as Value }),
      (s, args) => {
        const v = args[0];
        if (isSkipped(v) || (typeof v === 'number' && Number.isNaN(v))) return;
        if (s.best === null || sign * compareValues(v, s.best, type) > 0) s.best = v;
      },
      (s) => s.best,
      predicateIndex,
    );
  };
}

/** take_any(x): some non-null value of the group (the first one; for strings the first non-empty one). */
function takeAny(predicateIndex?: number): AggregateBinder {
  return (info) => {
    if (info.argTypes.length !== (predicateIndex === undefined ? 1 : 2)) return { unsupported: `${info.name}() with several arguments or *` };
    return factory(
      () => ({ value: null as Value, found: false }),
      (s, args) => {
        const v = args[0];
        if (s.found || isSkipped(v) || v === '') return;
        s.value = v;
        s.found = true;
      },
      (s) => (s.found ? s.value : info.argTypes[0] === 'string' ? '' : null),
      predicateIndex,
    );
  };
}

// --- collections ------------------------------------------------------------------------------

/** A value as an element of a dynamic array: datetimes, timespans and guids as their text. */
export function asDynamic(v: Value, type: ScalarType): Dynamic {
  return (type === 'datetime' || type === 'timespan') && v !== null ? toKustoString(v, type) : (v as Dynamic);
}

/** The maxSize argument at `index`, or the default; unsupported when it is not a literal. */
function maxSizeArg(info: CallInfo, index: number): number | { unsupported: string } {
  if (info.argTypes.length <= index) return MAX_SIZE;
  const size = constantArg(info, index);
  if (typeof size !== 'number') return { unsupported: `${info.name}() with a maxSize that is not a literal` };
  return Math.min(size, MAX_SIZE);
}

function makeList(predicateIndex?: number, keepNulls = false): AggregateBinder {
  return (info) => {
    const limit = maxSizeArg(info, predicateIndex === undefined ? 1 : 2);
    if (typeof limit !== 'number') return limit;
    const type = info.argTypes[0];
    return factory(
      () => [] as Dynamic[],
      (list, args) => {
        if ((keepNulls || !isSkipped(args[0])) && list.length < limit) list.push(asDynamic(args[0], type));
      },
      (list) => [...list],
      predicateIndex,
    );
  };
}

/** make_set: distinct values in first-seen order; a dynamic array contributes its elements (make-set#2). */
function makeSet(predicateIndex?: number): AggregateBinder {
  return (info) => {
    const limit = maxSizeArg(info, predicateIndex === undefined ? 1 : 2);
    if (typeof limit !== 'number') return limit;
    const type = info.argTypes[0];
    return factory(
      () => ({ seen: new Set<unknown>(), items: [] as Dynamic[] }),
      (s, args) => {
        const v = args[0];
        if (isSkipped(v)) return;
        const elements = type === 'dynamic' && Array.isArray(v) ? v : [asDynamic(v, type)];
        for (const element of elements) {
          if (s.items.length >= limit) return;
          const key = valueKey(element, type === 'dynamic' ? 'dynamic' : type);
          if (element === null || s.seen.has(key)) continue;
          s.seen.add(key);
          s.items.push(element);
        }
      },
      (s) => [...s.items],
      predicateIndex,
    );
  };
}

/**
 * make_bag: the union of the property bags of the group; other values are ignored. A key seen
 * twice keeps its first value (the docs say an arbitrary one is kept). Empty input gives `[]`, as
 * summarize-operator.md's defaults table says.
 */
function makeBag(predicateIndex?: number): AggregateBinder {
  return (info) => {
    const limit = maxSizeArg(info, predicateIndex === undefined ? 1 : 2);
    if (typeof limit !== 'number') return limit;
    return factory(
      () => ({ rows: 0, bag: {} as Record<string, Dynamic>, size: 0 }),
      (s, args) => {
        s.rows++;
        const v = args[0];
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
        for (const [key, value] of Object.entries(v as Record<string, Dynamic>)) {
          if (key in s.bag || s.size >= limit) continue;
          s.bag[key] = value;
          s.size++;
        }
      },
      (s) => (s.rows === 0 ? [] : { ...s.bag }),
      predicateIndex,
    );
  };
}

/** binary_all_and / _or / _xor over longs (64-bit); null when no value was seen. */
function bitwiseAll(name: string, op: (a: bigint, b: bigint) => bigint): AggregateBinder {
  return () =>
    factory(
      () => ({ value: null as bigint | null }),
      (s, args) => {
        if (isSkipped(args[0])) return;
        const n = Number(args[0]);
        if (!Number.isFinite(n)) throw new NotSupportedLocally(`${name}() of a value that is not a finite number`);
        const v = BigInt.asIntN(64, BigInt(Math.trunc(n)));
        s.value = s.value === null ? v : BigInt.asIntN(64, op(s.value, v));
      },
      (s) => (s.value === null ? null : Number(s.value)),
    );
}

// --- percentiles ----------------------------------------------------------------------------

/**
 * Percentiles by the nearest-rank definition: the smallest value such that at least p% of the
 * values are less than or equal to it (rank ⌈p/100 · n⌉, at least 1). Kusto estimates with a
 * T-Digest, which is exact at 0 and 100 and documented to be within 1% of rank elsewhere; on small
 * sets the exact nearest rank is what it returns (invoke-operator#1 relies on that).
 */
function nearestRank(sorted: Value[], p: number): Value {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** The literal percentiles from argument 1 on, or undefined if one is not a literal in 0–100. */
function percentileArgs(info: CallInfo): number[] | undefined {
  const ps = info.constants.slice(1);
  return ps.length > 0 && ps.every((p) => typeof p === 'number' && p >= 0 && p <= 100) ? (ps as number[]) : undefined;
}

/** Collects the non-null, non-NaN values of a group and hands them over sorted. */
function sortedValues(type: ScalarType, result: (sorted: Value[]) => Value): Factory {
  return factory(
    () => [] as Value[],
    (values, args) => {
      const v = args[0];
      if (!isSkipped(v) && !(typeof v === 'number' && Number.isNaN(v))) values.push(v);
    },
    (values) => result(values.sort((a, b) => compareValues(a, b, type))),
  );
}

/** `percentile(x, p)`; `percentiles` with one percentile is the same. */
function percentile(info: CallInfo): AggregateBinding {
  const ps = percentileArgs(info);
  if (!ps) return { unsupported: `${info.name}() with a percentile that is not a literal between 0 and 100` };
  if (ps.length > 1) return { unsupported: `${info.name}() with several percentiles (bind percentile() once per percentile, or use percentiles_array())` };
  return sortedValues(info.argTypes[0], (sorted) => (sorted.length === 0 ? null : nearestRank(sorted, ps[0])));
}

/** `percentiles_array(x, p1, p2, …)`: the percentiles as one dynamic array. */
function percentilesArray(info: CallInfo): AggregateBinding {
  const ps = percentileArgs(info);
  if (!ps) return { unsupported: `${info.name}() with percentiles that are not literals between 0 and 100` };
  const type = info.argTypes[0];
  return sortedValues(type, (sorted) => ps.map((p) => (sorted.length === 0 ? null : asDynamic(nearestRank(sorted, p), type))));
}

const AGGREGATES = new Map<string, AggregateBinder>(Object.entries({
  count,
  countif,
  dcount: distinctCount(),
  dcountif: distinctCount(1),
  count_distinct: distinctCount(),
  count_distinctif: distinctCount(1),
  sum: sum(),
  sumif: sum(1),
  avg: avg(),
  avgif: avg(1),
  min: extreme(-1),
  max: extreme(1),
  minif: extreme(-1, 1),
  maxif: extreme(1, 1),
  take_any: takeAny(),
  any: takeAny(),
  take_anyif: takeAny(1),
  anyif: takeAny(1),
  make_list: makeList(),
  makelist: makeList(),
  make_list_if: makeList(1),
  make_list_with_nulls: makeList(undefined, true),
  make_set: makeSet(),
  makeset: makeSet(),
  make_set_if: makeSet(1),
  make_bag: makeBag(),
  make_bag_if: makeBag(1),
  variance: spread('variance', false),
  varianceif: spread('variance', false, 1),
  variancep: spread('variance', true),
  variancepif: spread('variance', true, 1),
  stdev: spread('stdev', false),
  stdevif: spread('stdev', false, 1),
  stdevp: spread('stdev', true),
  stdevpif: spread('stdev', true, 1),
  binary_all_and: bitwiseAll('binary_all_and', (a, b) => a & b),
  binary_all_or: bitwiseAll('binary_all_or', (a, b) => a | b),
  binary_all_xor: bitwiseAll('binary_all_xor', (a, b) => a ^ b),
  percentile,
  percentiles: percentile,
  percentiles_array: percentilesArray,
}));

/** Whether `name` is an aggregate function of the library. */
export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name);
}

/**
 * How to aggregate a call of `info.name`, or undefined when it is not a known aggregate. As with
 * scalar functions, nothing but NotSupportedLocally escapes (see registry.ts `guarded`).
 */
export function bindAggregate(info: CallInfo): Factory | { unsupported: string } | undefined {
  const binder = AGGREGATES.get(info.name);
  if (!binder) return undefined;
  let binding: AggregateBinding;
  try {
    binding = binder(info);
  } catch (error) {
    return { unsupported: asNotSupported(info.name, error).what };
  }
  if ('unsupported' in binding) return binding;
  const { create } = binding;
  return {
    create() {
      const accumulator = create();
      return {
        add(args) {
          try {
            accumulator.add(args);
          } catch (error) {
            throw asNotSupported(info.name, error);
          }
        },
        result() {
          try {
            return accumulator.result();
          } catch (error) {
            throw asNotSupported(info.name, error);
          }
        },
      };
    },
  };
}
