// Bitwise functions on longs. Values go through 64-bit two's complement BigInts; a long beyond
// 2^53 has already lost precision as a JavaScript number (values.ts).

import type { Value } from '../values';
import { NotSupportedLocally, nullIfAnyNull, type Binder, type FunctionTable } from './call';

function toInt64(v: Value): bigint {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new NotSupportedLocally('a bitwise operation on a value that is not a finite number');
  return BigInt.asIntN(64, BigInt(Math.trunc(n)));
}

function bitwise(op: (a: bigint, b: bigint) => bigint): Binder {
  return () => nullIfAnyNull(([a, b]) => Number(BigInt.asIntN(64, op(toInt64(a), toInt64(b)))));
}

export const bitFunctions: FunctionTable = {
  binary_and: bitwise((a, b) => a & b),
  binary_or: bitwise((a, b) => a | b),
  binary_xor: bitwise((a, b) => a ^ b),
  binary_not: () => nullIfAnyNull(([a]) => Number(BigInt.asIntN(64, ~toInt64(a)))),
  binary_shift_left: bitwise((a, n) => (n < 0n || n > 63n ? 0n : a << n)),
  binary_shift_right: bitwise((a, n) => (n < 0n || n > 63n ? 0n : BigInt.asIntN(64, BigInt.asUintN(64, a) >> n))),
  bitset_count_ones: () =>
    nullIfAnyNull(([a]) => {
      let bits = BigInt.asUintN(64, toInt64(a));
      let count = 0;
      for (; bits > 0n; bits >>= 1n) count += Number(bits & 1n);
      return count;
    }),
};
