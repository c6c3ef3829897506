// Null and emptiness tests, and gettype(). A string is never null: a missing string is "".

import type { ScalarType, Value } from '../values';
import { NotSupportedLocally, type Binder, type FunctionTable } from './call';

/** isempty: null or "" (also a dynamic ""); an empty array or bag is not empty (isempty-function). */
function isEmpty(v: Value): boolean {
  return v === null || v === '';
}

/**
 * gettype(): the runtime type name (gettype-function examples). A dynamic integer reports `int`
 * when it fits 32 bits (`gettype(parse_json('1'))` is `int`), else `long`; JSON text does not keep
 * 1 and 1.0 apart, so both are integers here.
 */
function typeName(v: Value, type: ScalarType): string {
  if (type !== 'dynamic') {
    if (v === null) throw new NotSupportedLocally(`gettype() of a null ${type}`);
    return type;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'object':
      return 'dictionary';
    case 'number':
      if (!Number.isInteger(v)) return 'real';
      return v >= -2147483648 && v <= 2147483647 ? 'int' : 'long';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

const gettype: Binder = (info) => (args) => typeName(args[0], info.argTypes[0] ?? 'dynamic');

export const nullFunctions: FunctionTable = {
  isnull: () => (args) => args[0] === null,
  isnotnull: () => (args) => args[0] !== null,
  isempty: () => (args) => isEmpty(args[0]),
  isnotempty: () => (args) => !isEmpty(args[0]),
  gettype,
};
