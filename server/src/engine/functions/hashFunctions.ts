// Hash functions. Every hash reads the value's text as tostring() renders it, in UTF-8: the
// documented hash_sha256(datetime(2020-01-01)) is the SHA-256 of "2020-01-01T00:00:00.0000000Z".

import { createHash } from 'node:crypto';
import type { Value } from '../values';
import { NotSupportedLocally, type Binder, type FunctionTable } from './call';
import { toKustoString } from './convert';

function digest(algorithm: 'sha256' | 'sha1' | 'md5'): Binder {
  return (info) => (args) => (args[0] === null ? null : createHash(algorithm).update(toKustoString(args[0], info.argTypes[0] ?? 'string'), 'utf8').digest('hex'));
}

// --- xxHash64 ---------------------------------------------------------------------------------

const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & MASK;
const mul = (a: bigint, b: bigint) => (a * b) & MASK;
const round = (acc: bigint, lane: bigint) => mul(rotl((acc + mul(lane, P2)) & MASK, 31n), P1);
const merge = (acc: bigint, v: bigint) => (mul(acc ^ round(0n, v), P1) + P4) & MASK;

/** xxHash64 of `bytes` with seed 0, as an unsigned 64-bit bigint. */
export function xxhash64(bytes: Uint8Array): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  let offset = 0;
  let h: bigint;
  if (length >= 32) {
    let v1 = (P1 + P2) & MASK;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (MASK + 1n - P1) & MASK;
    for (; offset + 32 <= length; offset += 32) {
      v1 = round(v1, view.getBigUint64(offset, true));
      v2 = round(v2, view.getBigUint64(offset + 8, true));
      v3 = round(v3, view.getBigUint64(offset + 16, true));
      v4 = round(v4, view.getBigUint64(offset + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    for (const v of [v1, v2, v3, v4]) h = merge(h, v);
  } else {
    h = P5;
  }
  h = (h + BigInt(length)) & MASK;
  for (; offset + 8 <= length; offset += 8) {
    h ^= round(0n, view.getBigUint64(offset, true));
    h = (mul(rotl(h, 27n), P1) + P4) & MASK;
  }
  if (offset + 4 <= length) {
    h ^= mul(BigInt(view.getUint32(offset, true)), P1);
    h = (mul(rotl(h, 23n), P2) + P3) & MASK;
    offset += 4;
  }
  for (; offset < length; offset++) {
    h ^= mul(BigInt(bytes[offset]), P5);
    h = mul(rotl(h, 11n), P1);
  }
  h ^= h >> 33n;
  h = mul(h, P2);
  h ^= h >> 29n;
  h = mul(h, P3);
  h ^= h >> 32n;
  return h;
}

/** Ticks from 0001-01-01 to 1970-01-01: .NET's DateTime.Ticks is what hash() reads for datetimes. */
const DOTNET_EPOCH_OFFSET = 621355968000000000n;

/**
 * The bytes hash() reads: UTF-8 text for strings (hash-function#1) and the 8-byte little-endian
 * .NET ticks for datetimes (hash-function#3). Other types are not documented.
 */
function hashInput(value: Value, type: string): Uint8Array {
  if (type === 'string') return Buffer.from(value as string, 'utf8');
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE((value as bigint) + DOTNET_EPOCH_OFFSET);
  return bytes;
}

/**
 * `hash(value [, mod])` / `hash_xxhash64`: xxHash64 as a signed long; with `mod`, the remainder
 * (hash-function#2). Long results beyond 2^53 lose precision, like every long in the engine.
 */
const hash: Binder = (info) => {
  const type = info.argTypes[0];
  if (type !== 'string' && type !== 'datetime') return { unsupported: `${info.name}() of a ${type} value` };
  return (args) => {
    const [value, mod] = args as [Value, Value];
    if (value === null) return null;
    const unsigned = xxhash64(hashInput(value, type));
    const signed = unsigned >= 1n << 63n ? unsigned - (1n << 64n) : unsigned;
    if (args.length < 2) return Number(signed);
    if (mod === null || Number(mod) <= 0) return null;
    if (signed < 0n) throw new NotSupportedLocally(`${info.name}() with a modulo of a negative hash`);
    return Number(signed % BigInt(Number(mod)));
  };
};

export const hashFunctions: FunctionTable = {
  hash_sha256: digest('sha256'),
  hash_sha1: digest('sha1'),
  hash_md5: digest('md5'),
  hash,
  hash_xxhash64: hash,
};
