// How operands of one type are read as another: strings for string operators, dynamic values
// beside typed ones, list elements for `in`, and the common type of a comparison.

import type { SyntaxNode } from '../../kusto/syntax';
import { toKustoString as importedToKustoString } from '../functions/convert';
import { unsupported } from '../runtime';
import { parseDateTime, parseGuid, parseTimespan, type Dynamic, type ScalarType, type Value } from '../values';
import { constantCompiled, type Compiled } from './compiled';

// Module-local copy of a function called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const toKustoString = importedToKustoString;

export const INTEGER_TYPES = new Set<ScalarType>(['int', 'long']);
export const NUMERIC_TYPES = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);

/** The operand as a string, as Kusto converts non-string operands of string operators. */
export function asString(compiled: Compiled): Compiled {
  if (compiled.type === 'string') return compiled;
  const type = compiled.type;
  if (compiled.constant) return constantCompiled(toKustoString(compiled.constant.value, type), 'string');
  return {
    type: 'string',
    bind: (frame) => {
      const v = compiled.bind(frame);
      return (row) => toKustoString(v(row), type);
    },
  };
}

/**
 * A dynamic operand beside a typed one (`d.count + 1`, `d.time > ago(1h)`) is read as that type.
 * Null stays null; a value of another JSON kind is reported, since how Kusto converts it is not
 * documented.
 */
export function alignDynamic(node: SyntaxNode, left: Compiled, right: Compiled, result?: ScalarType): [Compiled, Compiled] {
  if ((left.type === 'dynamic') === (right.type === 'dynamic')) return [left, right];
  const other = left.type === 'dynamic' ? right.type : left.type;
  const target = NUMERIC_TYPES.has(other) && result && NUMERIC_TYPES.has(result) ? (other === 'real' || result === 'real' ? 'real' : other) : other;
  return left.type === 'dynamic' ? [fromDynamic(node, left, target), right] : [left, fromDynamic(node, right, target)];
}

function fromDynamic(node: SyntaxNode, compiled: Compiled, type: ScalarType): Compiled {
  const convert = dynamicReader(type);
  const read = (v: Value): Value => {
    if (v === null) return type === 'string' ? '' : null;
    const converted = convert(v);
    if (converted === undefined) throw unsupported(node, `a dynamic ${JSON.stringify(v).slice(0, 30)} used as ${type}`);
    return converted;
  };
  if (compiled.constant) return constantCompiled(read(compiled.constant.value), type);
  return {
    type,
    bind: (frame) => {
      const v = compiled.bind(frame);
      return (row) => read(v(row));
    },
  };
}

/** The value of a non-null dynamic as `type`, or undefined when its JSON kind does not fit. */
function dynamicReader(type: ScalarType): (v: Value) => Value | undefined {
  switch (type) {
    case 'int':
    case 'long':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    case 'real':
    case 'decimal':
      return (v) => (typeof v === 'number' ? v : undefined);
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : undefined);
    case 'string':
      return (v) => (typeof v === 'string' ? v : undefined);
    case 'datetime':
      return (v) => (typeof v === 'string' ? (parseDateTime(v) ?? undefined) : undefined);
    case 'timespan':
      return (v) => (typeof v === 'string' ? (parseTimespan(v) ?? undefined) : undefined);
    case 'guid':
      return (v) => (typeof v === 'string' ? (parseGuid(v) ?? undefined) : undefined);
    default:
      return (v) => v;
  }
}

/** The type two operands are compared in: mixed numbers as real, a dynamic as the other side. */
export function commonType(a: ScalarType, b: ScalarType): ScalarType {
  if (a === b) return a;
  if (NUMERIC_TYPES.has(a) && NUMERIC_TYPES.has(b)) return 'real';
  if (a === 'dynamic') return b;
  return a;
}

/** Appends the scalars of a (nested) dynamic array; a scalar is appended as is. */
export function flattenInto(value: Dynamic, out: Value[]): void {
  if (Array.isArray(value)) for (const item of value) flattenInto(item, out);
  else out.push(value);
}

/** A value from a dynamic list, converted to the left operand's type for `in`; undefined if it cannot match. */
export function coerceForIn(value: Value, type: ScalarType): Value | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' && value !== null ? undefined : String(value);
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'datetime':
    case 'timespan':
      return typeof value === 'bigint' ? value : undefined;
    default:
      return value;
  }
}

/** The scalar type a JSON value has when it is printed as a needle. */
export function dynamicScalarType(v: Value): ScalarType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'dynamic';
}
