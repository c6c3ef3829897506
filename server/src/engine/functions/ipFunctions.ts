// IPv4 functions. An address is dotted-decimal text, optionally with a `/prefix` (CIDR) suffix;
// text that is not a valid address gives null, as the ipv4_* pages document.

import type { Dynamic, Value } from '../values';
import type { Binder, FunctionTable } from './call';

interface Ipv4 {
  /** The address as an unsigned 32-bit number. */
  address: number;
  /** The prefix length, 32 when there is no `/` suffix. */
  prefix: number;
}

const IPV4 = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?\s*$/;

function parseIpv4(text: string): Ipv4 | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  return { address: ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0, prefix };
}

/** The address with all but the first `prefix` bits cleared. */
function masked(address: number, prefix: number): number {
  return prefix <= 0 ? 0 : (address & (0xffffffff << (32 - prefix))) >>> 0;
}

function format(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

/** An address argument given as text or as a long (format_ipv4 accepts both). */
function addressArg(v: Value): Ipv4 | null {
  if (typeof v === 'string') return parseIpv4(v);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return { address: v, prefix: 32 };
  return null;
}

/** An optional prefix argument: valid 0–32, or null when given but out of range. */
function prefixArg(args: Value[], index: number): number | null | undefined {
  if (args.length <= index) return undefined;
  const v = args[index];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 32 ? v : null;
}

/** Compares two addresses on the shortest of their prefixes and the optional prefix argument. */
function compareIps(args: Value[]): number | null {
  const a = parseIpv4((args[0] as string | null) ?? '');
  const b = parseIpv4((args[1] as string | null) ?? '');
  const prefix = prefixArg(args, 2);
  if (!a || !b || prefix === null) return null;
  const bits = Math.min(a.prefix, b.prefix, prefix ?? 32);
  const x = masked(a.address, bits);
  const y = masked(b.address, bits);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when the network `ip` (with its prefix) lies inside `range`. */
function inRange(ip: Ipv4, range: Ipv4): boolean {
  return ip.prefix >= range.prefix && masked(ip.address, range.prefix) === masked(range.address, range.prefix);
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => parseIpv4(r)!);

/** Range arguments given one by one or as one dynamic array (ipv4-is-in-any-range#1, #2). */
function listArgs(args: Value[]): Dynamic[] {
  return args.length === 1 && Array.isArray(args[0]) ? args[0] : (args as Dynamic[]);
}

// --- finding addresses in text ----------------------------------------------------------------

const ADDRESS_IN_TEXT = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;

/**
 * The valid addresses that stand alone in `text`: not run together with letters, digits or dots
 * around them (has-ipv4#3: "05:04:54127.0.0.1" holds no address).
 */
function addressesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(ADDRESS_IN_TEXT)) {
    const before = text[m.index - 1] ?? ' ';
    const after = text[m.index + m[0].length] ?? ' ';
    if (/[A-Za-z0-9.]/.test(before) || /[A-Za-z0-9.]/.test(after)) continue;
    if (parseIpv4(m[0])) found.push(m[0]);
  }
  return found;
}

/** A prefix for has_ipv4_prefix: a full address or dotted octets ending with a dot (has-ipv4-prefix#2). */
function isAddressPrefix(prefix: string): boolean {
  return parseIpv4(prefix) !== null || /^(\d{1,3}\.){1,3}$/.test(prefix);
}

function hasAddress(text: string, lookups: Dynamic[], asPrefix: boolean): boolean | null {
  const wanted = lookups.filter((l): l is string => typeof l === 'string' && (asPrefix ? isAddressPrefix(l) : parseIpv4(l) !== null));
  if (wanted.length === 0) return false;
  return addressesIn(text).some((address) => wanted.some((w) => (asPrefix ? address.startsWith(w) : normalise(address) === normalise(w))));
}

function normalise(address: string): string {
  const ip = parseIpv4(address);
  return ip ? format(ip.address) : address;
}

const hasIpv4 = (asPrefix: boolean): Binder => () => (args) => hasAddress((args[0] as string | null) ?? '', listArgs(args.slice(1)), asPrefix);

export const ipFunctions: FunctionTable = {
  parse_ipv4: () => (args) => {
    const ip = parseIpv4((args[0] as string | null) ?? '');
    return ip ? masked(ip.address, ip.prefix) : null;
  },
  parse_ipv4_mask: () => (args) => {
    const ip = parseIpv4((args[0] as string | null) ?? '');
    const prefix = prefixArg(args, 1);
    return ip && prefix !== null ? masked(ip.address, Math.min(ip.prefix, prefix ?? 32)) : null;
  },
  ipv4_is_private: () => (args) => {
    const ip = parseIpv4((args[0] as string | null) ?? '');
    return ip ? PRIVATE_RANGES.some((range) => inRange(ip, range)) : null;
  },
  ipv4_is_in_range: () => (args) => {
    const ip = parseIpv4((args[0] as string | null) ?? '');
    const range = parseIpv4((args[1] as string | null) ?? '');
    return ip && range ? masked(ip.address, range.prefix) === masked(range.address, range.prefix) : null;
  },
  ipv4_is_in_any_range: () => (args) => {
    const ip = parseIpv4((args[0] as string | null) ?? '');
    if (!ip) return null;
    const ranges = listArgs(args.slice(1)).map((r) => (typeof r === 'string' ? parseIpv4(r) : null));
    if (ranges.some((r) => r === null)) return null;
    return ranges.some((range) => masked(ip.address, range!.prefix) === masked(range!.address, range!.prefix));
  },
  ipv4_is_match: () => (args) => {
    const order = compareIps(args);
    return order === null ? null : order === 0;
  },
  ipv4_compare: () => (args) => compareIps(args),
  ipv4_netmask_suffix: () => (args) => parseIpv4((args[0] as string | null) ?? '')?.prefix ?? null,
  format_ipv4: () => (args) => {
    const ip = addressArg(args[0]);
    const prefix = prefixArg(args, 1);
    return ip && prefix !== null ? format(masked(ip.address, Math.min(ip.prefix, prefix ?? 32))) : '';
  },
  format_ipv4_mask: () => (args) => {
    const ip = addressArg(args[0]);
    const prefix = prefixArg(args, 1);
    if (!ip || prefix === null) return '';
    const bits = Math.min(ip.prefix, prefix ?? 32);
    return `${format(masked(ip.address, bits))}/${bits}`;
  },
  has_ipv4: hasIpv4(false),
  has_any_ipv4: hasIpv4(false),
  has_ipv4_prefix: hasIpv4(true),
  has_any_ipv4_prefix: hasIpv4(true),
};
