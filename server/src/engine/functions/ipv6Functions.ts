// IPv6 functions. IPv4 text is read as the IPv4-mapped address ::ffff:a.b.c.d, and a `/n` written
// after dotted IPv4 notation counts IPv4 bits (so it is 96 + n IPv6 bits), as the ipv6_* examples
// show; text that is not an address gives null.

import type { Dynamic, Value } from '../values';
import type { Binder, FunctionTable } from './call';

interface Ipv6 {
  /** The address as a 128-bit unsigned number. */
  value: bigint;
  /** The prefix length in IPv6 bits, 128 when there is no `/` suffix. */
  prefix: number;
}

const ALL_BITS = (1n << 128n) - 1n;
const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function dottedToNumber(text: string): bigint | null {
  const m = DOTTED.exec(text);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return null;
  return BigInt(((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0);
}

/** Hex groups, at most one `::`, and optionally a dotted IPv4 tail; null if malformed. */
function parseGroups(text: string): { value: bigint; dottedTail: boolean } | null {
  let body = text;
  let tail: bigint | null = null;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    tail = lastColon < 0 ? null : dottedToNumber(text.slice(lastColon + 1));
    if (tail === null) return null;
    body = text.slice(0, lastColon + 1);
    // Drop the colon before the tail unless it belongs to a `::`.
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const width = tail === null ? 8 : 6;
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  let groups: string[];
  if (halves.length === 1) {
    groups = head;
  } else {
    const rest = halves[1] === '' ? [] : halves[1].split(':');
    const fill = width - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  }
  if (groups.length !== width || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail !== null) value = (value << 32n) | tail;
  return { value, dottedTail: tail !== null };
}

function parseIpv6(text: string): Ipv6 | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return null;
  const ipv4 = dottedToNumber(address);
  const parsed = ipv4 !== null ? { value: (0xffffn << 32n) | ipv4, dottedTail: true } : parseGroups(address);
  if (!parsed) return null;
  let value = parsed.value;
  // The deprecated IPv4-compatible form ::a.b.c.d reads as the IPv4-mapped ::ffff:a.b.c.d
  // (parse-ipv6-mask-function#1).
  if (parsed.dottedTail && value >> 32n === 0n) value |= 0xffffn << 32n;
  const written = prefixText === undefined ? undefined : Number(prefixText);
  const prefix = written === undefined ? 128 : parsed.dottedTail ? 96 + written : written;
  if (prefix > 128 || (parsed.dottedTail && written !== undefined && written > 32)) return null;
  return { value, prefix };
}

function masked(value: bigint, prefix: number): bigint {
  return prefix <= 0 ? 0n : value & (ALL_BITS ^ ((1n << BigInt(128 - prefix)) - 1n));
}

function canonical(value: bigint): string {
  return value.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
}

function addressArg(v: Value): Ipv6 | null {
  return typeof v === 'string' ? parseIpv6(v) : null;
}

/** An optional prefix argument in IPv6 bits: 0–128, or null when given but out of range. */
function prefixArg(args: Value[], index: number): number | null | undefined {
  if (args.length <= index) return undefined;
  const v = args[index];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 128 ? v : null;
}

/** Compares two addresses on the shortest of their prefixes and the optional prefix argument. */
function compare(args: Value[]): number | null {
  const a = addressArg(args[0]);
  const b = addressArg(args[1]);
  const prefix = prefixArg(args, 2);
  if (!a || !b || prefix === null) return null;
  const bits = Math.min(a.prefix, b.prefix, prefix ?? 128);
  const x = masked(a.value, bits);
  const y = masked(b.value, bits);
  return x < y ? -1 : x > y ? 1 : 0;
}

function inRange(ip: Ipv6, range: Ipv6): boolean {
  return masked(ip.value, range.prefix) === masked(range.value, range.prefix);
}

/** Range arguments given one by one or as one dynamic array. */
function listArgs(args: Value[]): Dynamic[] {
  return args.length === 1 && Array.isArray(args[0]) ? args[0] : (args as Dynamic[]);
}

const parseMask: Binder = () => (args) => {
  const ip = addressArg(args[0]);
  const prefix = prefixArg(args, 1);
  return ip && prefix !== null ? canonical(masked(ip.value, Math.min(ip.prefix, prefix ?? 128))) : '';
};

export const ipv6Functions: FunctionTable = {
  parse_ipv6: () => (args) => {
    const ip = addressArg(args[0]);
    return ip ? canonical(masked(ip.value, ip.prefix)) : '';
  },
  parse_ipv6_mask: parseMask,
  ipv6_compare: () => (args) => compare(args),
  ipv6_is_match: () => (args) => {
    const order = compare(args);
    return order === null ? null : order === 0;
  },
  ipv6_is_in_range: () => (args) => {
    const ip = addressArg(args[0]);
    const range = addressArg(args[1]);
    return ip && range ? inRange(ip, range) : null;
  },
  ipv6_is_in_any_range: () => (args) => {
    const ip = addressArg(args[0]);
    if (!ip) return null;
    const ranges = listArgs(args.slice(1)).map((r) => (typeof r === 'string' ? parseIpv6(r) : null));
    if (ranges.some((r) => r === null)) return null;
    return ranges.some((range) => inRange(ip, range!));
  },
};
