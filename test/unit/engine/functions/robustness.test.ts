// Every scalar function and aggregate, given odd but well-typed input (nulls, empty strings, NaN,
// huge numbers, odd dynamic shapes), returns a value or reports "not supported locally": it never
// throws anything else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindAggregate } from '../../../../server/src/engine/functions/aggregates';
import { bindScalarFunction, NOT_CONSTANT, NotSupportedLocally, scalarFunctionNames, type CallInfo } from '../../../../server/src/engine/functions/registry';
import { parseDateTime, parseTimespan, type ScalarType, type Value } from '../../../../server/src/engine/values';

const POOL: [ScalarType, Value][] = [
  ['string', ''],
  ['string', 'abc'],
  ['string', 'C:\\Temp\\a.exe'],
  ['string', '192.168.1.1/24'],
  ['string', '(a'],
  ['string', 'year'],
  ['string', '$.a'],
  ['long', null],
  ['long', 0],
  ['long', -1],
  ['long', 3],
  ['long', 9007199254740993],
  ['int', 2],
  ['real', null],
  ['real', NaN],
  ['real', 1.5],
  ['real', -Infinity],
  ['bool', true],
  ['bool', null],
  ['datetime', parseDateTime('2020-02-29 12:00')],
  ['datetime', null],
  ['timespan', parseTimespan('1d')],
  ['timespan', parseTimespan('-1h')],
  ['timespan', null],
  ['guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'],
  ['dynamic', null],
  ['dynamic', [1, 'a', null, [2]]],
  ['dynamic', { a: { b: 1 } }],
  ['dynamic', 'text'],
  ['dynamic', 7],
  ['dynamic', []],
];

/** A deterministic sample of argument lists for one function. */
function* argumentLists(seed: number): Generator<[ScalarType, Value][]> {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  for (let n = 0; n < 60; n++) {
    const count = next() % 5;
    yield Array.from({ length: count }, () => POOL[next() % POOL.length]);
  }
}

/** One failure per function and message, so that a report stays readable. */
function distinctFailures(failures: string[]): string[] {
  const seen = new Map<string, string>();
  for (const failure of failures) {
    const key = failure.replace(/\(.*\):/, ':');
    if (!seen.has(key)) seen.set(key, failure);
  }
  return [...seen.values()];
}

/** Runs `run`; anything thrown other than NotSupportedLocally is recorded in `failures`. */
function attempt(failures: string[], run: () => unknown, label: string): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof NotSupportedLocally)) failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

test('scalar functions never throw on odd input', () => {
  const failures: string[] = [];
  for (const [index, name] of scalarFunctionNames().entries()) {
    for (const args of argumentLists(index + 1)) {
      for (const constant of [true, false]) {
        const values = args.map(([, v]) => v);
        const info: CallInfo = { name, argTypes: args.map(([t]) => t), resultType: 'string', constants: constant ? values : values.map(() => NOT_CONSTANT), now: 0n };
        const label = `${name}(${JSON.stringify(args, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))})`;
        attempt(failures, () => {
          const binding = bindScalarFunction(info);
          if (typeof binding === 'function') binding(values);
        }, label);
      }
    }
  }
  assert.deepEqual(distinctFailures(failures), []);
});

test('aggregates never throw on odd input', () => {
  const names = ['count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'avgif', 'min', 'max', 'minif', 'maxif', 'take_any', 'take_anyif', 'make_list', 'make_list_if', 'make_set', 'make_set_if', 'make_bag', 'make_bag_if', 'make_list_with_nulls', 'stdev', 'stdevif', 'variance', 'varianceif', 'variancep', 'stdevp', 'percentile', 'percentiles', 'percentiles_array', 'binary_all_or', 'binary_all_and', 'binary_all_xor', 'count_distinct'];
  const failures: string[] = [];
  for (const [index, name] of names.entries()) {
    for (const args of argumentLists(1000 + index)) {
      const values = args.map(([, v]) => v);
      const info: CallInfo = { name, argTypes: args.map(([t]) => t), resultType: 'dynamic', constants: values, now: 0n };
      attempt(failures, () => {
        const bound = bindAggregate(info);
        if (!bound || 'unsupported' in bound) return;
        const accumulator = bound.create();
        for (let row = 0; row < 3; row++) accumulator.add(values);
        accumulator.result();
      }, `${name}(${args.map(([t]) => t).join(', ')})`);
    }
  }
  assert.deepEqual(distinctFailures(failures), []);
});

test('null arguments never trip an internal error', () => {
  const nullTypes: ScalarType[] = ['long', 'real', 'bool', 'datetime', 'timespan', 'guid', 'dynamic', 'int'];
  const failures: string[] = [];
  for (const name of scalarFunctionNames()) {
    for (let arity = 1; arity <= 4; arity++) {
      for (const type of nullTypes) {
        const info: CallInfo = { name, argTypes: Array(arity).fill(type), resultType: 'string', constants: Array(arity).fill(NOT_CONSTANT), now: 0n };
        const binding = bindScalarFunction(info);
        if (typeof binding !== 'function') continue;
        try {
          binding(Array(arity).fill(null));
        } catch (error) {
          if ((error as Error).message.includes('on this input (')) failures.push(`${name}(${arity} x ${type} null): ${(error as Error).message}`);
        }
      }
    }
  }
  assert.deepEqual(distinctFailures(failures), []);
});
