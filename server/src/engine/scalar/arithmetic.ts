// `+ - * / %` and unary minus over numbers, datetimes and timespans, with Kusto's null rules.

import type { SyntaxNode } from '../../kusto/syntax';
import { unsupported } from '../runtime';
import type { ScalarType, Value } from '../values';
import { binaryCompiled, constantCompiled, type Compiled, type ExpressionCompiler, type Scope } from './compiled';
import { alignDynamic, INTEGER_TYPES, NUMERIC_TYPES } from './coercion';
import { scalarTypeOf } from './nodes';

export const ARITHMETIC_KINDS = new Set(['AddExpression', 'SubtractExpression', 'MultiplyExpression', 'DivideExpression', 'ModuloExpression']);

export function compileNegate(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const operand = c.compile(c.need(node, 'Expression'), scope);
  const type = scalarTypeOf(node.type);
  const negate = (x: Value): Value => (x === null ? null : typeof x === 'bigint' ? -x : -(x as number));
  // Folded, so `-1` is a constant wherever one is required (a make-series default, a take count).
  if (operand.constant) return constantCompiled(negate(operand.constant.value), type);
  return {
    type,
    bind: (frame) => {
      const v = operand.bind(frame);
      return (row) => negate(v(row));
    },
  };
}

export function compileArithmetic(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const [left, right] = alignDynamic(node, c.compile(c.need(node, 'Left'), scope), c.compile(c.need(node, 'Right'), scope), scalarTypeOf(node.type));
  const type = scalarTypeOf(node.type);
  const op = arithmetic(node.kind, left.type, right.type, type);
  if (!op) throw unsupported(node, `${c.source(node)} (${left.type} ${node.kind.replace('Expression', '').toLowerCase()} ${right.type})`);
  return binaryCompiled(type, left, right, (a, b) => (a === null || b === null ? null : op(a, b)));
}

/** The operation for `left <op> right` with these static types, or undefined when not handled. */
function arithmetic(kind: string, left: ScalarType, right: ScalarType, result: ScalarType): ((a: Value, b: Value) => Value) | undefined {
  const ticks = (t: ScalarType) => t === 'datetime' || t === 'timespan';
  if (NUMERIC_TYPES.has(left) && NUMERIC_TYPES.has(right)) {
    const integer = INTEGER_TYPES.has(result);
    switch (kind) {
      case 'AddExpression':
        return (a, b) => (a as number) + (b as number);
      case 'SubtractExpression':
        return (a, b) => (a as number) - (b as number);
      case 'MultiplyExpression':
        return (a, b) => (a as number) * (b as number);
      case 'DivideExpression':
        // Integer division truncates toward zero; dividing an integer by zero gives null.
        return integer ? (a, b) => ((b as number) === 0 ? null : Math.trunc((a as number) / (b as number))) : (a, b) => (a as number) / (b as number);
      case 'ModuloExpression':
        // Kusto's remainder is never negative: -14 % 12 is 10 (numerical-operators doc).
        return integer ? (a, b) => ((b as number) === 0 ? null : nonNegativeRemainder(a as number, b as number)) : (a, b) => nonNegativeRemainder(a as number, b as number);
    }
    return undefined;
  }
  if (ticks(left) && ticks(right)) {
    switch (kind) {
      case 'AddExpression':
        if (left === 'datetime' && right === 'datetime') return undefined;
        return (a, b) => (a as bigint) + (b as bigint);
      case 'SubtractExpression':
        if (left === 'timespan' && right === 'datetime') return undefined;
        return (a, b) => (a as bigint) - (b as bigint);
      case 'DivideExpression':
        if (left === 'timespan' && right === 'timespan') return (a, b) => ((b as bigint) === 0n ? null : Number(a as bigint) / Number(b as bigint));
        return undefined;
      case 'ModuloExpression':
        if (left === 'timespan' && right === 'timespan') return (a, b) => ((b as bigint) === 0n ? null : (a as bigint) % (b as bigint));
        return undefined;
    }
    return undefined;
  }
  if (left === 'timespan' && NUMERIC_TYPES.has(right)) {
    if (kind === 'MultiplyExpression') return (a, b) => scaleTicks(a as bigint, b as number);
    if (kind === 'DivideExpression') return (a, b) => ((b as number) === 0 ? null : scaleTicks(a as bigint, 1 / (b as number)));
    return undefined;
  }
  if (NUMERIC_TYPES.has(left) && right === 'timespan' && kind === 'MultiplyExpression') return (a, b) => scaleTicks(b as bigint, a as number);
  return undefined;
}

function nonNegativeRemainder(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + Math.abs(b) : r;
}

function scaleTicks(ticks: bigint, factor: number): bigint | null {
  if (Number.isInteger(factor)) return ticks * BigInt(factor);
  const scaled = Math.round(Number(ticks) * factor);
  return Number.isFinite(scaled) ? BigInt(scaled) : null;
}
