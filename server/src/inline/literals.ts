// KQL literals for engine values, so a table's rows can be written into a query as text that
// Kusto reads back as exactly the same values.

import { formatDateTime, formatTimespan, type ScalarType, type Value } from '../engine/values';
import { stringLiteral } from '../tuning/format';

/** A literal of `type` holding `value`; nulls are typed (`long(null)`), strings are never null. */
export function kqlLiteral(value: Value, type: ScalarType): string {
  if (type === 'string') return stringLiteral(typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value));
  if (value === null) return `${type}(null)`;
  switch (type) {
    case 'bool':
      return value ? 'true' : 'false';
    case 'long':
      return numberText(value as number, 'long');
    case 'int':
      return `int(${numberText(value as number, 'int')})`;
    case 'real':
      return `real(${realText(value as number)})`;
    case 'decimal':
      return `decimal(${realText(value as number)})`;
    case 'datetime':
      return `datetime(${formatDateTime(value as bigint)})`;
    case 'timespan':
      return `timespan(${formatTimespan(value as bigint)})`;
    case 'guid':
      return `guid(${String(value)})`;
    case 'dynamic':
      return `dynamic(${JSON.stringify(value)})`;
  }
}

/** A name as KQL writes it: bare when it is a plain identifier, else bracketed and quoted. */
export function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `[${stringLiteral(name)}]`;
}

/** Words a bare name may not be (the ones a column or table could plausibly be called). */
const RESERVED = new Set(['and', 'or', 'not', 'by', 'on', 'let', 'set', 'with', 'true', 'false', 'null', 'in', 'has', 'contains', 'between', 'where', 'project', 'extend', 'summarize', 'take', 'limit', 'count', 'sort', 'order', 'top', 'union', 'join', 'datatable', 'range', 'print', 'as', 'of', 'to', 'step', 'kind', 'typeof', 'dynamic', 'asc', 'desc', 'nulls', 'first', 'last']);

function numberText(value: number, type: 'long' | 'int'): string {
  // Columns read from events hold whole numbers for integer types; a fraction would be our bug.
  if (!Number.isInteger(value)) throw new Error(`a ${type} column holds the non-integer ${value}`);
  return value.toFixed(0);
}

/** A real's text that reads back as the same double (`nan`, `+inf`, `-inf` included). */
function realText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return '+inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
