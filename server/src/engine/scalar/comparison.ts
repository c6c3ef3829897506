// `and`/`or`, `==`/`!=`, `< <= > >=` and `between`: Kusto's three-valued logic and null rules.

import type { SyntaxNode } from '../../kusto/syntax';
import { compareValues as importedCompareValues, valueKey as importedValueKey } from '../functions/compare';
import { equalsIgnoreCase as importedEqualsIgnoreCase } from '../functions/strings';
import type { ScalarType, Value } from '../values';
import { binaryCompiled, type Compiled, type ExpressionCompiler, type Scope } from './compiled';
import { alignDynamic, commonType } from './coercion';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const compareValues = importedCompareValues;
const valueKey = importedValueKey;
const equalsIgnoreCase = importedEqualsIgnoreCase;

export const COMPARISON_KINDS = new Set(['LessThanExpression', 'LessThanOrEqualExpression', 'GreaterThanExpression', 'GreaterThanOrEqualExpression']);

/** Kusto's three-valued `and`/`or`: false and x → false, true or x → true, otherwise null propagates. */
export function compileLogical(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = c.compile(c.need(node, 'Left'), scope);
  const right = c.compile(c.need(node, 'Right'), scope);
  const isAnd = node.kind === 'AndExpression';
  const decisive = !isAnd; // the value that settles the result on its own
  return {
    type: 'bool',
    bind: (frame) => {
      const l = left.bind(frame);
      const r = right.bind(frame);
      return (row) => {
        const a = l(row);
        if (a === decisive) return decisive;
        const b = r(row);
        if (b === decisive) return decisive;
        return a === null || b === null ? null : !decisive;
      };
    },
  };
}

/** `==`/`!=`: null == null is null; null against a value is false for ==, true for !=. */
export function compileEquality(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = c.compile(c.need(node, 'Left'), scope);
  const right = c.compile(c.need(node, 'Right'), scope);
  const negate = node.kind === 'NotEqualExpression';
  const type = commonType(left.type, right.type);
  const equal = equalityFor(type);
  return binaryCompiled('bool', left, right, (a, b) => (a === null || b === null ? (a === b ? null : negate) : equal(a, b) !== negate));
}

export function compileComparison(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const [left, right] = alignDynamic(node, c.compile(c.need(node, 'Left'), scope), c.compile(c.need(node, 'Right'), scope));
  const type = commonType(left.type, right.type);
  const test = comparisonTest(node.kind);
  const fast = type === 'long' || type === 'int' || type === 'real' || type === 'datetime' || type === 'timespan' || type === 'decimal';
  if (fast) {
    return binaryCompiled('bool', left, right, (a, b) =>
      a === null || b === null ? null : test((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : a === b ? 0 : NaN),
    );
  }
  return binaryCompiled('bool', left, right, (a, b) => (a === null || b === null ? null : test(compareValues(a, b, type))));
}

export function compileBetween(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = c.compile(c.need(node, 'Left'), scope);
  const couple = c.need(node, 'Right');
  const low = c.compile(c.need(couple, 'First'), scope);
  const high = c.compile(c.need(couple, 'Second'), scope);
  const negate = node.kind === 'NotBetweenExpression';
  const type = left.type;
  // `t between (start .. 1d)` over datetimes: a timespan upper bound is an offset from the start.
  const highIsOffset = type === 'datetime' && high.type === 'timespan';
  return {
    type: 'bool',
    bind: (frame) => {
      const v = left.bind(frame);
      const lo = low.bind(frame);
      const hi = high.bind(frame);
      return (row) => {
        const x = v(row);
        const a = lo(row);
        let b = hi(row);
        if (x === null || a === null || b === null) return null;
        if (highIsOffset) b = (a as bigint) + (b as bigint);
        const inside = compareValues(x, a, type) >= 0 && compareValues(x, b, type) <= 0;
        return inside !== negate;
      };
    },
  };
}

function equalityFor(type: ScalarType): (a: Value, b: Value) => boolean {
  if (type === 'dynamic') return (a, b) => valueKey(a, 'dynamic') === valueKey(b, 'dynamic');
  if (type === 'guid') return (a, b) => equalsIgnoreCase(a as string, b as string);
  return (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
}

function comparisonTest(kind: string): (c: number) => boolean {
  switch (kind) {
    case 'LessThanExpression':
      return (c) => c < 0;
    case 'LessThanOrEqualExpression':
      return (c) => c <= 0;
    case 'GreaterThanExpression':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}
