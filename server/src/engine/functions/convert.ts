// Rendering values as Kusto does: what `tostring()`, `strcat()` and dynamic serialisation give.

import { formatDateTime, formatTimespan, type Dynamic, type ScalarType, type Value } from '../values';

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
export function dynamicToJson(v: Dynamic): string {
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
