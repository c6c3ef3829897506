// Service cells to engine values, typed by the column type each API reports, so a service result
// compares with a local one value by value.

import { parseDateTime, parseGuid, parseTimespan, scalarType, TICKS_PER_MILLISECOND, type ScalarType, type Value } from '../engine/values';

/** A column type as ADX, Log Analytics or Graph spell it (`datetime`, `DateTime`, `Int64`, `Object`). */
export function serviceType(name: string): ScalarType {
  const lower = name.toLowerCase();
  if (lower === 'object' || lower === 'array') return 'dynamic';
  if (lower === 'sbyte') return 'bool';
  if (lower === 'single') return 'real';
  return scalarType(lower) ?? 'dynamic';
}

/** The engine value of a service cell of `type`. */
export function serviceValue(cell: unknown, type: ScalarType): Value {
  if (cell === undefined || cell === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      return typeof cell === 'string' ? cell : JSON.stringify(cell);
    case 'bool':
      return typeof cell === 'boolean' ? cell : cell === 1 || cell === 'true' || cell === 'True';
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return typeof cell === 'number' ? cell : numberOf(String(cell));
    case 'datetime':
      if (cell instanceof Date) return BigInt(cell.getTime()) * TICKS_PER_MILLISECOND;
      return parseDateTime(String(cell));
    case 'timespan':
      return parseTimespan(String(cell));
    case 'guid':
      return parseGuid(String(cell));
    case 'dynamic':
      if (typeof cell === 'string') {
        try {
          return JSON.parse(cell) as Value;
        } catch {
          return cell;
        }
      }
      return cell as Value;
  }
}

function numberOf(text: string): number | null {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
}
