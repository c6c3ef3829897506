// How Kusto scalar values live in JavaScript. Chosen for exactness first, speed second:
//
// | Kusto type            | JavaScript                                   | null        |
// |-----------------------|----------------------------------------------|-------------|
// | bool                  | boolean                                      | null        |
// | int, long, real, decimal | number (long beyond 2^53 loses precision) | null        |
// | string                | string                                       | never: ""   |
// | datetime              | bigint: 100 ns ticks since 1970-01-01 UTC    | null        |
// | timespan              | bigint: 100 ns ticks                         | null        |
// | guid                  | string, lowercase canonical form             | null        |
// | dynamic               | a JSON value (object, array, number, …)      | null        |
//
// Values carry no type tag: the compiler knows every expression's static type from
// Kusto.Language's analysis, so datetime and timespan can share a representation.

export type ScalarType = 'bool' | 'int' | 'long' | 'real' | 'decimal' | 'string' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

export type Dynamic = null | boolean | number | string | Dynamic[] | { [key: string]: Dynamic };

export type Value = null | boolean | number | string | bigint | Dynamic;

export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;

const SCALAR_TYPES = new Set<string>(['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic']);

/** Normalises a Kusto type name (`boolean`, `double`, `date`, `uuid`, …) to a `ScalarType`. */
export function scalarType(name: string): ScalarType | undefined {
  const lower = name.toLowerCase();
  if (SCALAR_TYPES.has(lower)) return lower as ScalarType;
  switch (lower) {
    case 'boolean':
      return 'bool';
    case 'double':
    case 'float':
      return 'real';
    case 'int32':
      return 'int';
    case 'int64':
      return 'long';
    case 'date':
      return 'datetime';
    case 'time':
      return 'timespan';
    case 'uuid':
    case 'uniqueid':
      return 'guid';
    default:
      return undefined;
  }
}

/** The value a missing cell of `type` has: `""` for strings, null otherwise. */
export function emptyValue(type: ScalarType): Value {
  return type === 'string' ? '' : null;
}

// --- datetime ---------------------------------------------------------------------------------

const ISO_DATETIME =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

/** Parses ISO 8601 and the forms Kusto prints (`2016-02-17 08:40:00.0000000`); null if invalid. */
export function parseDateTime(text: string): bigint | null {
  const m = ISO_DATETIME.exec(text) ?? usDateTime(text);
  if (!m) return parseRfcDateTime(text);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month) || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  let ticks = BigInt(date.getTime()) * TICKS_PER_MILLISECOND;
  ticks += BigInt((fraction + '0000000').slice(0, 7));
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1n : 1n;
    const digits = zone.slice(1).replace(':', '');
    const offset = BigInt(Number(digits.slice(0, 2))) * TICKS_PER_HOUR + BigInt(Number(digits.slice(2, 4))) * TICKS_PER_MINUTE;
    ticks -= sign * offset;
  }
  return ticks;
}

const US_DATETIME = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*$/;

/**
 * `MM/dd/yyyy[ HH:mm[:ss[.f]]]`, which Kusto reads (the parse-operator doc parses
 * `02/17/2016 08:40:01` into a datetime); returned in the ISO match's group order.
 */
function usDateTime(text: string): (string | undefined)[] | null {
  const m = US_DATETIME.exec(text);
  return m ? [m[0], m[3], m[1], m[2], m[4], m[5], m[6], m[7], undefined] : null;
}

/** RFC 822/1123 forms such as `Sat, 8 Nov 2014 15:05:02 GMT`, which Kusto also accepts. */
function parseRfcDateTime(text: string): bigint | null {
  if (!/^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC|Z|[+-]\d{4})\s*$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : BigInt(ms) * TICKS_PER_MILLISECOND;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Splits ticks into whole milliseconds (floored) and the remaining ticks 0–9999. */
export function splitTicks(ticks: bigint): { ms: number; subTicks: number } {
  let ms = ticks / TICKS_PER_MILLISECOND;
  let sub = ticks % TICKS_PER_MILLISECOND;
  if (sub < 0n) {
    sub += TICKS_PER_MILLISECOND;
    ms -= 1n;
  }
  return { ms: Number(ms), subTicks: Number(sub) };
}

/** ISO 8601 with 7 fractional digits, as Kusto serialises datetimes: `2016-02-17T08:40:00.0000000Z`. */
export function formatDateTime(ticks: bigint): string {
  const { ms, subTicks } = splitTicks(ticks);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const fraction = String(date.getUTCMilliseconds() * 10_000 + subTicks).padStart(7, '0');
  return `${String(year).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${fraction}Z`;
}

// --- timespan ---------------------------------------------------------------------------------

const UNIT_TICKS: Record<string, bigint> = {
  d: TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR,
  hr: TICKS_PER_HOUR,
  hrs: TICKS_PER_HOUR,
  hour: TICKS_PER_HOUR,
  hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE,
  min: TICKS_PER_MINUTE,
  minute: TICKS_PER_MINUTE,
  minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND,
  sec: TICKS_PER_SECOND,
  second: TICKS_PER_SECOND,
  seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MILLISECOND,
  milli: TICKS_PER_MILLISECOND,
  millis: TICKS_PER_MILLISECOND,
  millisecond: TICKS_PER_MILLISECOND,
  milliseconds: TICKS_PER_MILLISECOND,
  microsecond: 10n,
  microseconds: 10n,
  tick: 1n,
  ticks: 1n,
};

/**
 * Parses a timespan: literal forms (`2d`, `1.5h`, `100ms`, `10microsecond`, `1tick`) and the
 * clock form `[-][d.]hh:mm[:ss[.fffffff]]`. Null if invalid.
 */
export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  const literal = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)$/i.exec(s);
  if (literal) {
    const unit = UNIT_TICKS[literal[3].toLowerCase()];
    if (unit === undefined) return null;
    const ticks = decimalTimes(literal[2], unit);
    return literal[1] === '-' ? -ticks : ticks;
  }
  const clock = /^([+-]?)(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (clock) {
    const [, sign, days = '0', h, m, sec = '0', fraction = ''] = clock;
    if (Number(m) > 59 || Number(sec) > 59) return null;
    const ticks =
      BigInt(days) * TICKS_PER_DAY +
      BigInt(h) * TICKS_PER_HOUR +
      BigInt(m) * TICKS_PER_MINUTE +
      BigInt(sec) * TICKS_PER_SECOND +
      BigInt((fraction + '0000000').slice(0, 7));
    return sign === '-' ? -ticks : ticks;
  }
  if (/^[+-]?\d+$/.test(s)) return BigInt(s) * TICKS_PER_DAY; // timespan(2) is two days
  return null;
}

/** `decimal * unit` exactly, for a decimal string such as `1.5`; rounds to the nearest tick. */
function decimalTimes(decimal: string, unit: bigint): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt((whole || '0') + fraction) * unit;
  return (scaled + scale / 2n) / scale;
}

/** Kusto's timespan text: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: bigint): string {
  const negative = ticks < 0n;
  let rest = negative ? -ticks : ticks;
  const days = rest / TICKS_PER_DAY;
  rest %= TICKS_PER_DAY;
  const hours = rest / TICKS_PER_HOUR;
  rest %= TICKS_PER_HOUR;
  const minutes = rest / TICKS_PER_MINUTE;
  rest %= TICKS_PER_MINUTE;
  const seconds = rest / TICKS_PER_SECOND;
  const fraction = rest % TICKS_PER_SECOND;
  let text = `${negative ? '-' : ''}${days > 0n ? `${days}.` : ''}${pad2(Number(hours))}:${pad2(Number(minutes))}:${pad2(Number(seconds))}`;
  if (fraction > 0n) text += '.' + String(fraction).padStart(7, '0');
  return text;
}

// --- guid -------------------------------------------------------------------------------------

const GUID = /^\s*\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?\s*$/i;

/** The canonical lowercase form of a guid, or null if `text` is not one. */
export function parseGuid(text: string): string | null {
  const m = GUID.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase() : null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
