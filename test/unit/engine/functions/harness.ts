// Calls registry functions the way the engine core does, for data-driven tests.

import assert from 'node:assert/strict';
import { bindScalarFunction, NOT_CONSTANT, NotSupportedLocally, type CallInfo } from '../../../../server/src/engine/functions/registry';
import { parseDateTime, parseTimespan, type ScalarType, type Value } from '../../../../server/src/engine/values';

/** An argument with an explicit Kusto type (bigints, dynamic values, ints vs reals). */
export class Typed {
  constructor(
    readonly type: ScalarType,
    readonly value: Value,
  ) {}
}
export const dt = (text: string) => new Typed('datetime', parseDateTime(text));
export const ts = (text: string) => new Typed('timespan', parseTimespan(text));
export const dyn = (value: Value) => new Typed('dynamic', value);
export const real = (value: number | null) => new Typed('real', value);
export const int = (value: number | null) => new Typed('int', value);
export const nullOf = (type: ScalarType) => new Typed(type, null);

export type Arg = Value | Typed;

function typeOf(arg: Arg): ScalarType {
  if (arg instanceof Typed) return arg.type;
  switch (typeof arg) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(arg) ? 'long' : 'real';
    default:
      return 'dynamic';
  }
}

/** A marker for "the call is reported as not supported locally", at bind time or per row. */
export const UNSUPPORTED = Symbol('unsupported');

export const NOW = parseDateTime('2024-01-15 10:30:00')!;

/**
 * Evaluates `name(args)`. With `constant` the arguments are literals the binder sees at compile
 * time; without, they arrive per row. Both paths must give the same answer, so `call` runs both.
 */
export function call(name: string, args: Arg[], resultType: ScalarType = 'string'): Value | typeof UNSUPPORTED {
  const results = [true, false].map((constant) => evaluate(name, args, resultType, constant));
  assert.deepEqual(results[1], results[0], `${name}: literal and per-row arguments disagree`);
  return results[0];
}

function evaluate(name: string, args: Arg[], resultType: ScalarType, constant: boolean): Value | typeof UNSUPPORTED {
  const values = args.map((arg) => (arg instanceof Typed ? arg.value : arg));
  const info: CallInfo = {
    name,
    argTypes: args.map(typeOf),
    resultType,
    constants: constant ? values : values.map(() => NOT_CONSTANT),
    now: NOW,
  };
  const binding = bindScalarFunction(info);
  if (binding === undefined) throw new Error(`unknown function ${name}`);
  if (typeof binding !== 'function') return UNSUPPORTED;
  try {
    return binding(values);
  } catch (error) {
    if (error instanceof NotSupportedLocally) return UNSUPPORTED;
    throw error;
  }
}

export type Case = [call: string, args: Arg[], expected: Value | typeof UNSUPPORTED, resultType?: ScalarType];

/** Runs a table of cases; each row names the function, its arguments and the expected value. */
export function check(cases: Case[]): void {
  for (const [name, args, expected, resultType] of cases) {
    const label = `${name}(${args.map((a) => (a instanceof Typed ? `${a.type}:${String(a.value)}` : JSON.stringify(a))).join(', ')})`;
    const actual = call(name, args, resultType);
    if (typeof expected === 'number' && Number.isNaN(expected)) {
      assert.ok(typeof actual === 'number' && Number.isNaN(actual), `${label}: ${String(actual)} is not NaN`);
    } else if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
      assert.ok(Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${label}: ${actual} ≉ ${expected}`);
    } else {
      assert.deepEqual(actual, expected, label);
    }
  }
}
