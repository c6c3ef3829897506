// Rendering values as Kusto does: what `tostring()`, `strcat()` and dynamic serialisation give.

import { formatDateTime, formatTimespan, parseDateTime, parseGuid, parseTimespan, type Dynamic, type ScalarType, type Value } from '../values';
import { NotSupportedLocally } from './call';

/** What `tostring(v)` gives for a value of `type`; null becomes `""`. */
export function toKustoString(v: Value, type: ScalarType): string {
  if (v === null) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'long':
      return String(v);
    case 'real':
    case 'decimal':
      return formatReal(v as number);
    case 'datetime':
      return formatDateTime(v as bigint);
    case 'timespan':
      return formatTimespan(v as bigint);
    case 'dynamic':
      // A dynamic string renders as its text; anything else as compact JSON.
      return typeof v === 'string' ? v : dynamicToJson(v as Dynamic);
  }
}

/** Compact JSON text of a dynamic value, as `tostring(dynamic)` and `strcat` print it. */
function dynamicToJson(v: Dynamic): string {
  return JSON.stringify(v, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? formatReal(value) : value));
}

/**
 * A real as .NET prints a double (Kusto runs on .NET): the shortest text that round-trips, in
 * fixed notation for decimal exponents -4…14 and scientific otherwise (`1E+15`, `1.5E-06`), with
 * `NaN`, `Infinity` and `-Infinity` for the special values.
 */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return '0';
  const [mantissa, exponentText] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 15) return String(n);
  const sign = exponent < 0 ? '-' : '+';
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}E${sign}${magnitude}`;
}

// --- conversions (`toint()`, `todatetime()`, …, and `extract(…, typeof(T))`) -------------------

/**
 * Converts `v` of type `from` to type `to` as Kusto's `to<type>()` functions do: null when the
 * conversion fails (documented for every one of them), and `NotSupportedLocally` for corners the
 * docs leave open rather than a guess.
 */
export function convertValue(v: Value, from: ScalarType, to: ScalarType): Value {
  if (v === null) return to === 'string' ? '' : null;
  if (from === to) return v;
  switch (to) {
    case 'string':
      return toKustoString(v, from);
    case 'int':
    case 'long':
      return toInteger(v, from, to);
    case 'real':
    case 'decimal':
      return toReal(v, from);
    case 'bool':
      return toBool(v, from);
    case 'datetime':
      return from === 'string' || (from === 'dynamic' && typeof v === 'string') ? parseDateTimeText(v as string) : notFrom(from, to);
    case 'timespan':
      return from === 'string' || (from === 'dynamic' && typeof v === 'string') ? parseTimespan(v as string) : notFrom(from, to);
    case 'guid':
      return from === 'string' || (from === 'dynamic' && typeof v === 'string') ? parseGuid(v as string) : notFrom(from, to);
    case 'dynamic':
      return toDynamic(v, from);
  }
}

const US_DATETIME = /^\s*(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AaPp][Mm]))?)?\s*$/;
const RFC_DATETIME = /^\s*(?:[A-Za-z]+,\s*)?(\d{1,2})([\s-])([A-Za-z]{3})\2(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(GMT|UTC|Z|[+-]\d{4}))?\s*$/;
const ZONE_NAME_SUFFIX = /\s+(?:GMT|UTC)\s*$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** An ISO-shaped text for values.ts's parser, from calendar fields. */
function isoText(year: number, month: number, day: number, hour: number, minute: string, second: string, fraction = '', zone = 'Z'): string {
  const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction ? '.' + fraction : ''}${zone}`;
}

/**
 * Datetime text as `todatetime()` and datetime literals read it: the formats the datetime data
 * type page lists — ISO 8601 (values.ts), the sortable form with a " GMT" zone, RFC 822 and RFC 850
 * with two-digit years — and the `MM/dd/yyyy` or `MM-dd-yyyy [hh:mm[:ss]] [AM|PM]` form that the
 * todatetime page and the parse-operator examples use. Null when none fits.
 */
export function parseDateTimeText(text: string): bigint | null {
  const iso = parseDateTime(text);
  if (iso !== null) return iso;
  const sortable = ZONE_NAME_SUFFIX.test(text) ? parseDateTime(text.replace(ZONE_NAME_SUFFIX, 'Z')) : null;
  if (sortable !== null) return sortable;
  const rfc = RFC_DATETIME.exec(text);
  if (rfc) {
    const [, day, , monthName, yearText, hour, minute, second = '0', zone = 'Z'] = rfc;
    const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
    if (month === 0) return null;
    // Two-digit years as .NET reads them: 00–49 in this century, 50–99 in the last.
    const year = yearText.length === 4 ? Number(yearText) : Number(yearText) + (Number(yearText) < 50 ? 2000 : 1900);
    const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
    return parseDateTime(isoText(year, month, Number(day), Number(hour), minute, second, '', offset));
  }
  const us = US_DATETIME.exec(text);
  if (!us) return null;
  const [, month, , day, year, hour = '0', minute = '0', second = '0', fraction = '', meridiem] = us;
  let h = Number(hour);
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return parseDateTime(isoText(Number(year), Number(month), Number(day), h, minute, second, fraction));
}

function notFrom(from: ScalarType, to: ScalarType): never {
  throw new NotSupportedLocally(`conversion from ${from} to ${to}`);
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function toInteger(v: Value, from: ScalarType, to: 'int' | 'long'): Value {
  let n: number | null;
  switch (from) {
    case 'bool':
      n = v ? 1 : 0;
      break;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      // Documented: a decimal value is truncated to its integer part (toint(2.3) → 2).
      n = Number.isFinite(v as number) ? Math.trunc(v as number) : null;
      break;
    case 'datetime':
    case 'timespan':
      // tolong(datetime) and tolong(timespan) give ticks.
      n = Number(v as bigint);
      break;
    case 'string':
      n = parseIntegerText(v as string);
      break;
    case 'dynamic':
      if (typeof v === 'number' || typeof v === 'boolean') return toInteger(v, typeof v === 'number' ? 'real' : 'bool', to);
      if (typeof v === 'string') return toInteger(v, 'string', to);
      return null;
    default:
      return notFrom(from, to);
  }
  if (n === null) return null;
  if (to === 'int' && (n < INT_MIN || n > INT_MAX)) throw new NotSupportedLocally('toint() of a value outside the 32-bit range');
  return n === 0 ? 0 : n;
}

/** Integer text (`"123"`, `" -5 "`); null if not a number; decimals are an open corner. */
function parseIntegerText(text: string): number | null {
  const s = text.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (parseNumberText(s) !== null) throw new NotSupportedLocally(`integer conversion of the decimal text "${s}"`);
  return null;
}

/** Number text as .NET parses a double: decimal or exponent forms, `NaN`, `Infinity`; else null. */
function parseNumberText(text: string): number | null {
  const s = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (s === 'NaN') return NaN;
  if (/^[+-]?Infinity$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return null;
}

function toReal(v: Value, from: ScalarType): Value {
  switch (from) {
    case 'bool':
      return v ? 1 : 0;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return v as number;
    case 'datetime':
    case 'timespan':
      return Number(v as bigint);
    case 'string':
      return parseNumberText(v as string);
    case 'dynamic':
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string') return parseNumberText(v);
      return null;
    default:
      return notFrom(from, 'real');
  }
}

function toBool(v: Value, from: ScalarType): Value {
  switch (from) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      // Documented: tobool(1) and tobool(123) are true; zero is false.
      return Number.isNaN(v as number) ? null : v !== 0;
    case 'string':
      return parseBoolText(v as string);
    case 'dynamic':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      if (typeof v === 'string') return parseBoolText(v);
      return null;
    default:
      return notFrom(from, 'bool');
  }
}

/** `"true"` / `"false"` in any case (documented); numeric text is an open corner. */
function parseBoolText(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (parseNumberText(s) !== null) throw new NotSupportedLocally(`tobool() of the numeric text "${s}"`);
  return null;
}

/**
 * `todynamic` / `parse_json`: text that is valid JSON is parsed; other text is kept as a dynamic
 * string (documented on parse_json). Other scalars become their JSON counterparts; datetimes,
 * timespans and guids become their text, as dynamic serialisation prints them.
 */
function toDynamic(v: Value, from: ScalarType): Value {
  switch (from) {
    case 'string':
      return parseJsonText(v as string);
    case 'datetime':
    case 'timespan':
    case 'guid':
      return toKustoString(v, from);
    default:
      return v;
  }
}

/** JSON text → dynamic; invalid JSON → the text itself. */
export function parseJsonText(text: string): Dynamic {
  try {
    return JSON.parse(text) as Dynamic;
  } catch {
    return text;
  }
}
