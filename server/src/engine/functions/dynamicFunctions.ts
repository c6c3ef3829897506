// Functions over dynamic arrays and property bags. Element equality (sets, lookups) compares
// JSON values, so 1 and 1.0 are the same element and "1" is not.

import { TICKS_PER_HOUR, type Dynamic, type ScalarType, type Value } from '../values';
import { NotSupportedLocally, type Binder, type CallInfo, type FunctionTable } from './call';
import { toKustoString } from './convert';

type Bag = { [key: string]: Dynamic };

function isBag(v: Value): v is Bag {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A scalar argument as a dynamic element: datetimes, timespans and guids become their text. */
function asElement(v: Value, type: ScalarType): Dynamic {
  return type === 'datetime' || type === 'timespan' ? (v === null ? null : toKustoString(v, type)) : (v as Dynamic);
}

function elementArgs(info: CallInfo, args: Value[]): Dynamic[] {
  return args.map((v, i) => asElement(v, info.argTypes[i] ?? 'dynamic'));
}

/** The identity of an element for set operations and lookups. */
function elementKey(v: Dynamic): string {
  return JSON.stringify(v);
}

/** A function of arrays: null unless every argument (up to `arrayCount`) is an array. */
function overArrays(arrayCount: number, compute: (arrays: Dynamic[][], rest: Value[]) => Value): Binder {
  return () => (args) => {
    const arrays = args.slice(0, arrayCount);
    if (!arrays.every(Array.isArray)) return null;
    return compute(arrays as Dynamic[][], args.slice(arrayCount));
  };
}

/** Like `overArrays` for functions taking any number of arrays. */
function overAllArrays(compute: (arrays: Dynamic[][]) => Value): Binder {
  return () => (args) => (args.every(Array.isArray) ? compute(args as Dynamic[][]) : null);
}

function distinct(elements: Iterable<Dynamic>): Dynamic[] {
  const seen = new Set<string>();
  const out: Dynamic[] = [];
  for (const element of elements) {
    const key = elementKey(element);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(element);
    }
  }
  return out;
}

/** Resolves a negative index from the end and clamps into [0, length]. */
function clampIndex(index: number, length: number): number {
  const resolved = index < 0 ? length + index : index;
  return Math.min(Math.max(resolved, 0), length);
}

// --- sorting ----------------------------------------------------------------------------------

/**
 * array_sort_asc/desc order: numbers, then strings, then every other kind in its original order
 * (array_sort_asc documents numbers/datetimes/timespans before strings before guids before the
 * rest; our datetimes and timespans inside dynamic values are already text). Nulls go last unless
 * `nulls_last` is false (array-sort-asc#4, #5).
 */
function sortRank(v: Dynamic): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function compareElements(a: Dynamic, b: Dynamic): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra !== rb || ra === 2) return ra - rb;
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}

/**
 * `array_sort_asc(a1 [, a2 …] [, nulls_last])`: one array gives the sorted array; several are all
 * reordered by the first and returned as an array of arrays (so `array_sort_asc(a, b)[1]` works).
 */
function arraySort(descending: boolean): Binder {
  return (info) => {
    const hasNullsFlag = info.argTypes[info.argTypes.length - 1] === 'bool';
    return (args) => {
      const arrays = hasNullsFlag ? args.slice(0, -1) : args;
      const nullsLast = hasNullsFlag ? args[args.length - 1] !== false : true;
      if (arrays.length === 0 || !arrays.every(Array.isArray)) return null;
      const [keys, ...others] = arrays as Dynamic[][];
      if (others.some((other) => other.length !== keys.length)) throw new NotSupportedLocally(`${info.name}() of arrays with different lengths`);
      const order = keys.map((_, i) => i);
      order.sort((i, j) => {
        const a = keys[i];
        const b = keys[j];
        if (a === null || b === null) return a === b ? 0 : (a === null) === nullsLast ? 1 : -1;
        return (descending ? -1 : 1) * compareElements(a, b);
      });
      const sorted = arrays.map((array) => order.map((i) => (array as Dynamic[])[i]));
      return sorted.length === 1 ? sorted[0] : sorted;
    };
  };
}

// --- bags and paths ---------------------------------------------------------------------------

/** A key, or a `$.a.b` / `$['a']` JSONPath, as a list of property names. */
function keyPath(key: string): string[] {
  if (!key.startsWith('$')) return [key];
  const names: string[] = [];
  const pattern = /\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < key.length) {
    const m = pattern.exec(key);
    if (!m) throw new NotSupportedLocally(`the JSONPath ${JSON.stringify(key)}`);
    names.push(m[1] ?? m[2] ?? m[3]);
  }
  return names;
}

function hasPath(bag: Bag, path: string[]): boolean {
  let node: Dynamic = bag;
  for (const name of path) {
    if (!isBag(node) || !Object.hasOwn(node, name)) return false;
    node = node[name];
  }
  return true;
}

function withoutPath(bag: Bag, path: string[]): Bag {
  const [head, ...rest] = path;
  if (!Object.hasOwn(bag, head)) return bag;
  const copy = { ...bag };
  if (rest.length === 0) delete copy[head];
  else if (isBag(copy[head])) copy[head] = withoutPath(copy[head] as Bag, rest);
  return copy;
}

function withPath(bag: Bag, path: string[], value: Dynamic): Bag {
  const [head, ...rest] = path;
  const child = bag[head];
  return { ...bag, [head]: rest.length === 0 ? value : withPath(isBag(child) ? child : {}, rest, value) };
}

const bagPack: Binder = (info) => (args) => {
  if (args.length % 2 !== 0) throw new NotSupportedLocally('bag_pack() with an odd number of arguments');
  const bag: Bag = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = toKustoString(args[i], info.argTypes[i] ?? 'string');
    bag[key] = asElement(args[i + 1], info.argTypes[i + 1] ?? 'dynamic');
  }
  return bag;
};

/** `bag_zip(keys, values)`: keys that are not strings are skipped; missing values are null (bag-zip#1..#6). */
const bagZip: Binder = () => (args) => {
  const [keys, values] = args;
  if (!Array.isArray(keys)) return null;
  const bag: Bag = {};
  keys.forEach((key, i) => {
    if (typeof key === 'string') bag[key] = Array.isArray(values) && i < values.length ? values[i] : null;
  });
  return bag;
};

// --- other array functions --------------------------------------------------------------------

/** `array_index_of(array, lookup [, start [, length [, occurrence]]])`: -1 when not found. */
const arrayIndexOf: Binder = (info) => (args) => {
  const [array, lookup, start = 0, length = -1, occurrence = 1] = args;
  if (!Array.isArray(array) || start === null || length === null || occurrence === null) return null;
  const target = elementKey(asElement(lookup, info.argTypes[1] ?? 'dynamic'));
  const from = clampIndex(Number(start), array.length);
  const to = Number(length) < 0 ? array.length : Math.min(array.length, from + Number(length));
  let seen = 0;
  for (let i = from; i < to; i++) {
    if (elementKey(array[i]) === target && ++seen === Number(occurrence)) return i;
  }
  return -1;
};

/** `array_slice(array, start, end)`: end inclusive; negative indices count from the end. */
const arraySlice = overArrays(1, ([array], [start, end]) => {
  if (start === null || end === null) return null;
  const from = clampIndex(Number(start), array.length);
  const to = Number(end) < 0 ? array.length + Number(end) : Math.min(Number(end), array.length - 1);
  return from > to || to < 0 ? [] : array.slice(from, to + 1);
});

function shift(direction: 1 | -1): Binder {
  return (info) => (args) => {
    const [array, count, fill = null] = args;
    if (!Array.isArray(array) || count === null) return null;
    const n = direction * Math.trunc(Number(count));
    const filler = asElement(fill, info.argTypes[2] ?? 'dynamic');
    return array.map((_, i) => {
      const source = i + n;
      return source >= 0 && source < array.length ? array[source] : filler;
    });
  };
}

function rotate(direction: 1 | -1): Binder {
  return overArrays(1, ([array], [count]) => {
    if (count === null) return null;
    const length = array.length;
    if (length === 0) return [];
    const n = (((direction * Math.trunc(Number(count))) % length) + length) % length;
    return [...array.slice(n), ...array.slice(0, n)];
  });
}

/** `array_split(array, index or indices)`: the pieces between the split points. */
const arraySplit = overArrays(1, ([array], [indices]) => {
  const points = (Array.isArray(indices) ? indices : [indices]).map((i) => clampIndex(Number(i), array.length));
  const pieces: Dynamic[][] = [];
  let from = 0;
  for (const point of [...points, array.length]) {
    pieces.push(array.slice(from, Math.max(from, point)));
    from = Math.max(from, point);
  }
  return pieces;
});

/** `array_iff(conditions, ifTrue, ifFalse)`: element-wise choice; scalars apply to every element. */
const arrayIff: Binder = () => (args) => {
  const [conditions, ifTrue, ifFalse] = args;
  if (!Array.isArray(conditions)) return null;
  const pick = (source: Value, i: number): Dynamic => (Array.isArray(source) ? (i < source.length ? source[i] : null) : (source as Dynamic));
  return conditions.map((c, i) => {
    if (c === null) return null;
    const truth = typeof c === 'boolean' ? c : typeof c === 'number' ? c !== 0 : null;
    if (truth === null) return null;
    return pick(truth ? ifTrue : ifFalse, i);
  });
};

/** JSON text with the keys of every bag sorted, as `dynamic_to_json` documents (dynamic-to-json#1). */
function sortedJson(v: Dynamic): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (isBag(v)) return `{${Object.keys(v).sort().map((key) => `${JSON.stringify(key)}:${sortedJson(v[key])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** The most elements `range()` produces, as for make_list. */
const MAX_RANGE = 1048576;

/**
 * `range(start, stop [, step])`: start, start + step, … while not past stop. Datetimes and
 * timespans step by a timespan (1h unless given: range-function#4) and become their text inside
 * the array, like any datetime in a dynamic value.
 */
const range: Binder = (info) => {
  const type = info.argTypes[0] ?? 'long';
  return (args) => {
    const [start, stop, step = type === 'datetime' || type === 'timespan' ? TICKS_PER_HOUR : 1] = args;
    if (start === null || stop === null || step === null) return null;
    if (typeof start === 'bigint') {
      const by = step as bigint;
      if (typeof by !== 'bigint' || by === 0n) return null;
      const count = (((stop as bigint) - start) / by) + 1n;
      if (count > BigInt(MAX_RANGE)) throw new NotSupportedLocally(`range() of more than ${MAX_RANGE} elements`);
      return Array.from({ length: Math.max(0, Number(count)) }, (_, i) => toKustoString(start + BigInt(i) * by, type));
    }
    const from = Number(start);
    const by = Number(step);
    if (by === 0 || !Number.isFinite(by)) return null;
    const count = Math.floor((Number(stop) - from) / by) + 1;
    if (count > MAX_RANGE) throw new NotSupportedLocally(`range() of more than ${MAX_RANGE} elements`);
    return Array.from({ length: Math.max(0, count) }, (_, i) => from + i * by);
  };
};

export const dynamicFunctions: FunctionTable = {
  dynamic_to_json: (info) => (args) => (info.argTypes[0] === 'dynamic' ? sortedJson(args[0] as Dynamic) : toKustoString(args[0], info.argTypes[0] ?? 'string')),
  range,
  array_length: () => (args) => (Array.isArray(args[0]) ? args[0].length : null),
  pack_array: (info) => (args) => elementArgs(info, args),
  bag_pack: bagPack,
  pack: bagPack,
  pack_dictionary: bagPack,
  bag_keys: () => (args) => (isBag(args[0]) ? Object.keys(args[0]) : null),
  bag_has_key: () => (args) => (isBag(args[0]) && typeof args[1] === 'string' ? hasPath(args[0], keyPath(args[1])) : null),
  bag_remove_keys: () => (args) => {
    const [bag, keys] = args;
    if (!isBag(bag) || !Array.isArray(keys)) return null;
    return keys.reduce<Bag>((current, key) => (typeof key === 'string' ? withoutPath(current, keyPath(key)) : current), bag);
  },
  bag_set_key: (info) => (args) => (isBag(args[0]) && typeof args[1] === 'string' ? withPath(args[0], keyPath(args[1]), asElement(args[2], info.argTypes[2] ?? 'dynamic')) : null),
  bag_merge: () => (args) => {
    if (!args.every(isBag)) return null;
    const merged: Bag = {};
    // On a key clash the first bag's value stays.
    for (const bag of args as Bag[]) for (const [key, value] of Object.entries(bag)) if (!Object.hasOwn(merged, key)) merged[key] = value;
    return merged;
  },
  bag_zip: bagZip,
  set_has_element: (info) => (args) => {
    if (!Array.isArray(args[0])) return null;
    const target = elementKey(asElement(args[1], info.argTypes[1] ?? 'dynamic'));
    return args[0].some((element) => elementKey(element) === target);
  },
  array_index_of: arrayIndexOf,
  array_concat: overAllArrays((arrays) => arrays.flat(1)),
  array_slice: arraySlice,
  array_reverse: overArrays(1, ([array]) => [...array].reverse()),
  array_sort_asc: arraySort(false),
  array_sort_desc: arraySort(true),
  array_shift_left: shift(1),
  array_shift_right: shift(-1),
  array_rotate_left: rotate(1),
  array_rotate_right: rotate(-1),
  array_split: arraySplit,
  array_iff: arrayIff,
  array_sum: overArrays(1, ([array]) => (array.every((e) => typeof e === 'number') ? (array as number[]).reduce((a, b) => a + b, 0) : null)),
  set_union: overAllArrays((arrays) => distinct(arrays.flat(1))),
  set_intersect: overAllArrays(([first, ...others]) => {
    const keys = others.map((other) => new Set(other.map(elementKey)));
    return distinct(first).filter((element) => keys.every((set) => set.has(elementKey(element))));
  }),
  set_difference: overAllArrays(([first, ...others]) => {
    const excluded = new Set(others.flat(1).map(elementKey));
    return distinct(first).filter((element) => !excluded.has(elementKey(element)));
  }),
  jaccard_index: overArrays(2, ([a, b]) => {
    const setA = new Set(a.map(elementKey));
    const setB = new Set(b.map(elementKey));
    const union = new Set([...setA, ...setB]);
    if (union.size === 0) throw new NotSupportedLocally('jaccard_index() of two empty sets');
    return [...setA].filter((key) => setB.has(key)).length / union.size;
  }),
  zip: overAllArrays((arrays) => {
    const length = Math.max(0, ...arrays.map((array) => array.length));
    return Array.from({ length }, (_, i) => arrays.map((array) => (i < array.length ? array[i] : null)));
  }),
};
