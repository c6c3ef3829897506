// Cells as a spec writes them (YAML scalars, mappings, lists) turned into engine values of a
// known column type, compared by type, and shown back to the user.

import {
  formatDateTime,
  formatTimespan,
  parseDateTime,
  parseGuid,
  parseTimespan,
  type Dynamic,
  type ScalarType,
  type Value,
} from '../engine/values';

export type Converted = { value: Value } | { error: string };

/** The value `written` stands for in a column of `type`, or why it cannot be one. */
export function toValue(written: unknown, type: ScalarType): Converted {
  if (written === null || written === undefined) return { value: type === 'string' ? '' : null };
  switch (type) {
    case 'string':
      return typeof written === 'object' ? { value: JSON.stringify(written) } : { value: String(written) };
    case 'bool':
      if (typeof written === 'boolean') return { value: written };
      if (written === 'true' || written === 'false') return { value: written === 'true' };
      return { error: `expected true or false, not ${show(written)}` };
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const number = typeof written === 'number' ? written : typeof written === 'string' && written.trim() !== '' ? Number(written) : NaN;
      if (Number.isNaN(number)) return { error: `expected a number, not ${show(written)}` };
      if ((type === 'int' || type === 'long') && !Number.isInteger(number)) return { error: `expected a whole number, not ${show(written)}` };
      return { value: number };
    }
    case 'datetime': {
      const ticks = typeof written === 'string' ? parseDateTime(written) : null;
      return ticks === null ? { error: `expected an ISO 8601 datetime, not ${show(written)}` } : { value: ticks };
    }
    case 'timespan': {
      const ticks = typeof written === 'string' ? parseTimespan(written) : null;
      return ticks === null ? { error: `expected a timespan such as 1h or 00:30:00, not ${show(written)}` } : { value: ticks };
    }
    case 'guid': {
      const guid = typeof written === 'string' ? parseGuid(written) : null;
      return guid === null ? { error: `expected a guid, not ${show(written)}` } : { value: guid };
    }
    case 'dynamic':
      return { value: toDynamic(written) };
  }
}

/** Dynamic cells may be written as YAML structure or as JSON text (as Advanced Hunting exports them). */
function toDynamic(written: unknown): Dynamic {
  if (typeof written === 'string') {
    const trimmed = written.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.parse(trimmed) as Dynamic;
      } catch {
        return written;
      }
    }
  }
  return written as Dynamic;
}

/** The type a column of inline rows has when no schema names it: guessed from its first value. */
export function inferType(written: unknown): ScalarType {
  if (typeof written === 'boolean') return 'bool';
  if (typeof written === 'number') return Number.isInteger(written) ? 'long' : 'real';
  if (typeof written === 'object' && written !== null) return 'dynamic';
  if (typeof written === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(written) && parseDateTime(written) !== null) return 'datetime';
  return 'string';
}

/** Equality by column type: datetimes by instant, dynamics structurally (key order ignored). */
export function sameValue(a: Value, b: Value, type: ScalarType): boolean {
  if (a === null || b === null) return a === b;
  switch (type) {
    case 'real':
    case 'decimal':
      return a === b || Math.abs((a as number) - (b as number)) <= 1e-9 * Math.max(Math.abs(a as number), Math.abs(b as number));
    case 'dynamic':
      return sameDynamic(a as Dynamic, b as Dynamic);
    default:
      return a === b;
  }
}

function sameDynamic(a: Dynamic, b: Dynamic): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameDynamic(item, b[i]));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameDynamic(a[key], b[key]));
}

/** A value as Kusto shows it: datetimes in ISO form, dynamics as compact JSON. */
export function displayValue(value: Value, type: ScalarType): string {
  if (value === null) return 'null';
  switch (type) {
    case 'datetime':
      return typeof value === 'bigint' ? formatDateTime(value) : String(value);
    case 'timespan':
      return typeof value === 'bigint' ? formatTimespan(value) : String(value);
    case 'dynamic':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

function show(written: unknown): string {
  return typeof written === 'string' ? `'${written}'` : JSON.stringify(written);
}
