// Numeric functions. Arguments are JavaScript numbers (int, long, real, decimal alike); the result
// type Kusto resolved tells integer results from real ones.

import type { ScalarType, Value } from '../values';
import { NotSupportedLocally, nullIfAnyNull, type Binder, type FunctionTable } from './call';
import { compareValues } from './compare';

/** A function of numbers that gives null when any argument is null. */
function numeric(compute: (...n: number[]) => number | null): Binder {
  return () => nullIfAnyNull((args) => compute(...args.map(Number)));
}

/** Logarithms: null for zero or negative input (log-function). */
function logarithm(log: (x: number) => number): Binder {
  return numeric((x) => (x > 0 ? log(x) : null));
}

/**
 * `round(x [, precision])`: half away from zero on the decimal value, so round(2.15, 1) is 2.2 as
 * documented, although 2.15 × 10 is 21.499999999999996 in binary floating point.
 */
function roundTo(x: number, precision: number): number {
  const scale = 10 ** precision;
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / scale || 0;
}

/** `tohex(x [, minLength])`: two's complement for negatives, 32-bit for int and 64-bit for long. */
const tohex: Binder = (info) =>
  nullIfAnyNull((args) => {
    const value = args[0] as number;
    if (!Number.isInteger(value)) throw new NotSupportedLocally('tohex() of a non-integer');
    const bits = info.argTypes[0] === 'int' ? 32n : 64n;
    const n = BigInt(value);
    const text = (n < 0n ? (1n << bits) + n : n).toString(16);
    return args.length > 1 ? text.padStart(Number(args[1]), '0') : text;
  });

/** min_of / max_of: nulls are ignored; all null gives null (max-of-function#2). */
function extremeOf(sign: 1 | -1): Binder {
  return (info) => {
    const type: ScalarType = info.resultType;
    return (args) => {
      let best: Value = null;
      for (const v of args) {
        if (v === null) continue;
        if (best === null || sign * compareValues(v, best, type) > 0) best = v;
      }
      return best;
    };
  };
}

/** `around(value, center, delta)`: value within [center - delta, center + delta] (around-function#1). */
const around: Binder = () =>
  nullIfAnyNull(([value, center, delta]) => {
    if (typeof value === 'bigint') return value >= (center as bigint) - (delta as bigint) && value <= (center as bigint) + (delta as bigint);
    const n = Number(value);
    return n >= Number(center) - Number(delta) && n <= Number(center) + Number(delta);
  });

export const mathFunctions: FunctionTable = {
  abs: numeric(Math.abs),
  sign: numeric(Math.sign),
  sqrt: numeric((x) => (x >= 0 ? Math.sqrt(x) : null)),
  ceiling: numeric(Math.ceil),
  round: numeric((x, precision = 0) => roundTo(x, precision)),
  exp: numeric(Math.exp),
  exp2: numeric((x) => 2 ** x),
  exp10: numeric((x) => 10 ** x),
  log: logarithm(Math.log),
  log2: logarithm(Math.log2),
  log10: logarithm(Math.log10),
  pow: numeric((base, exponent) => base ** exponent),
  pi: () => () => Math.PI,
  cos: numeric(Math.cos),
  sin: numeric(Math.sin),
  tan: numeric(Math.tan),
  acos: numeric(Math.acos),
  asin: numeric(Math.asin),
  atan: numeric(Math.atan),
  atan2: numeric(Math.atan2),
  cot: numeric((x) => 1 / Math.tan(x)),
  degrees: numeric((x) => (x * 180) / Math.PI),
  radians: numeric((x) => (x * Math.PI) / 180),
  isnan: () => (args) => typeof args[0] === 'number' && Number.isNaN(args[0]),
  isinf: () => (args) => args[0] === Infinity || args[0] === -Infinity,
  isfinite: () => (args) => typeof args[0] === 'number' && Number.isFinite(args[0]),
  tohex,
  around,
  min_of: extremeOf(-1),
  max_of: extremeOf(1),
};
