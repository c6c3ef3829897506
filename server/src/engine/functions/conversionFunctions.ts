// Conversion functions: `tostring()`, `toint()`, … , `todynamic()` / `parse_json()`.

import type { ScalarType } from '../values';
import type { Binder, FunctionTable } from './call';
import { convertValue } from './convert';

function conversionTo(to: ScalarType): Binder {
  return (info) => {
    const from = info.argTypes[0] ?? 'dynamic';
    return (args) => convertValue(args[0] ?? null, from, to);
  };
}

export const conversionFunctions: FunctionTable = {
  tostring: conversionTo('string'),
  toint: conversionTo('int'),
  tolong: conversionTo('long'),
  toreal: conversionTo('real'),
  todouble: conversionTo('real'),
  todecimal: conversionTo('decimal'),
  tobool: conversionTo('bool'),
  toboolean: conversionTo('bool'),
  todatetime: conversionTo('datetime'),
  totimespan: conversionTo('timespan'),
  toguid: conversionTo('guid'),
  todynamic: conversionTo('dynamic'),
  toobject: conversionTo('dynamic'),
  parse_json: conversionTo('dynamic'),
};
