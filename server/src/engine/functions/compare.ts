// Ordering and equality of values of one Kusto type: what sort, summarize keys, distinct, join
// and `in` build on. Nulls are placed by the caller (sort has its own nulls-first/last rules).

import type { Dynamic, ScalarType, Value } from '../values';

/**
 * A total order on non-null values of `type`: negative, zero or positive like `Array.sort`'s
 * comparator. Strings compare ordinally (UTF-16 code units), `false < true`, and for reals NaN
 * sorts below -∞ (Kusto sorts `null, NaN, -inf, …, +inf` ascending). A null, if passed anyway,
 * sorts below everything.
 */
export function compareValues(a: Value, b: Value, type: ScalarType): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return compareNumbers(a as number, b as number);
    case 'datetime':
    case 'timespan':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'bool':
      return a === b ? 0 : a ? 1 : -1;
    case 'string':
    case 'guid':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'dynamic':
      return compareDynamic(a as Dynamic, b as Dynamic);
  }
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // At least one NaN: NaN below every number, equal to itself.
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
}

const DYNAMIC_RANK = { boolean: 1, number: 2, string: 3, array: 4, object: 5 } as const;

function dynamicRank(v: Dynamic): number {
  if (v === null) return 0;
  if (Array.isArray(v)) return DYNAMIC_RANK.array;
  return DYNAMIC_RANK[typeof v as 'boolean' | 'number' | 'string' | 'object'];
}

/**
 * Kusto cannot sort by a dynamic column; the engine still needs a deterministic order for
 * `distinct` and friends: by kind (null, bool, number, string, array, object), then by value, with
 * arrays and objects by their JSON text.
 */
function compareDynamic(a: Dynamic, b: Dynamic): number {
  const ra = dynamicRank(a);
  const rb = dynamicRank(b);
  if (ra !== rb) return ra - rb;
  switch (typeof a) {
    case 'number':
      return compareNumbers(a, b as number);
    case 'boolean':
    case 'string':
      return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
    default: {
      const ja = JSON.stringify(a);
      const jb = JSON.stringify(b);
      return ja < jb ? -1 : ja > jb ? 1 : 0;
    }
  }
}

/**
 * A primitive that is equal (under `Map`'s SameValueZero) exactly when two values of `type` are
 * equal as grouping keys: numbers as themselves (NaN groups with NaN, -0 with 0), datetimes and
 * timespans as their tick bigints, dynamic values as their compact JSON text.
 */
export function valueKey(v: Value, type: ScalarType): string | number | boolean | bigint | null {
  if (v === null) return null;
  // Dynamic strings are quoted too, so that the string "[1]" and the array [1] stay apart.
  if (type === 'dynamic' && (typeof v === 'string' || typeof v === 'object')) return JSON.stringify(v);
  return v as string | number | boolean | bigint;
}
