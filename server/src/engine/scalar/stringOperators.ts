// `has`, `contains`, `startswith`, `=~` and their negations and `_cs` forms; `has_any`/`has_all`;
// `matches regex`. The semantics live in ../functions/strings.ts; this compiles the operands.

import type { SyntaxNode } from '../../kusto/syntax';
import { toKustoString } from '../functions/convert';
import { compileRegex } from '../functions/regex';
import { compileHasAll, compileHasAny, compileStringOperator as compileMatcher, type StringOperator } from '../functions/strings';
import { runtimeError } from '../runtime';
import type { Compiled, ExpressionCompiler, Scope } from './compiled';
import { asString, dynamicScalarType } from './coercion';
import { constantList } from './membership';

export const STRING_OPERATORS: Record<string, { op: StringOperator; negate: boolean }> = {
  HasExpression: { op: 'has', negate: false },
  NotHasExpression: { op: 'has', negate: true },
  HasCsExpression: { op: 'has_cs', negate: false },
  NotHasCsExpression: { op: 'has_cs', negate: true },
  HasPrefixExpression: { op: 'hasprefix', negate: false },
  NotHasPrefixExpression: { op: 'hasprefix', negate: true },
  HasPrefixCsExpression: { op: 'hasprefix_cs', negate: false },
  NotHasPrefixCsExpression: { op: 'hasprefix_cs', negate: true },
  HasSuffixExpression: { op: 'hassuffix', negate: false },
  NotHasSuffixExpression: { op: 'hassuffix', negate: true },
  HasSuffixCsExpression: { op: 'hassuffix_cs', negate: false },
  NotHasSuffixCsExpression: { op: 'hassuffix_cs', negate: true },
  ContainsExpression: { op: 'contains', negate: false },
  NotContainsExpression: { op: 'contains', negate: true },
  ContainsCsExpression: { op: 'contains_cs', negate: false },
  NotContainsCsExpression: { op: 'contains_cs', negate: true },
  StartsWithExpression: { op: 'startswith', negate: false },
  NotStartsWithExpression: { op: 'startswith', negate: true },
  StartsWithCsExpression: { op: 'startswith_cs', negate: false },
  NotStartsWithCsExpression: { op: 'startswith_cs', negate: true },
  EndsWithExpression: { op: 'endswith', negate: false },
  NotEndsWithExpression: { op: 'endswith', negate: true },
  EndsWithCsExpression: { op: 'endswith_cs', negate: false },
  NotEndsWithCsExpression: { op: 'endswith_cs', negate: true },
  EqualTildeExpression: { op: '=~', negate: false },
  BangTildeExpression: { op: '=~', negate: true },
};

export function compileStringOperator(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const { op, negate } = STRING_OPERATORS[node.kind];
  const left = asString(c.compile(c.need(node, 'Left'), scope));
  const right = asString(c.compile(c.need(node, 'Right'), scope));
  if (right.constant) {
    const matcher = compileMatcher(op, right.constant.value as string);
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        return negate ? (row) => !matcher(l(row) as string) : (row) => matcher(l(row) as string);
      },
    };
  }
  return {
    type: 'bool',
    bind: (frame) => {
      const l = left.bind(frame);
      const r = right.bind(frame);
      return (row) => compileMatcher(op, r(row) as string)(l(row) as string) !== negate;
    },
  };
}

export function compileHasAnyAll(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = asString(c.compile(c.need(node, 'Left'), scope));
  const isAny = node.kind === 'HasAnyExpression';
  const { values, type } = constantList(c, c.need(node, 'Right'), scope, isAny ? 'has_any' : 'has_all');
  const needles = values.filter((v) => v !== null).map((v) => (typeof v === 'string' ? v : toKustoString(v, type === 'dynamic' ? dynamicScalarType(v) : type)));
  const matcher = isAny ? compileHasAny(needles, false) : compileHasAll(needles, false);
  return {
    type: 'bool',
    bind: (frame) => {
      const l = left.bind(frame);
      return (row) => matcher(l(row) as string);
    },
  };
}

/** `s matches regex p`: RE2 semantics, case-sensitive; the pattern compiled once when constant. */
export function compileMatchesRegex(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const left = asString(c.compile(c.need(node, 'Left'), scope));
  const right = asString(c.compile(c.need(node, 'Right'), scope));
  const compilePattern = (pattern: string) => {
    const compiled = compileRegex(pattern);
    if ('error' in compiled) throw runtimeError(node, `matches regex: ${compiled.error}`);
    return compiled.regex;
  };
  if (right.constant) {
    const regex = compilePattern(right.constant.value as string);
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        return (row) => regex.test(l(row) as string);
      },
    };
  }
  return {
    type: 'bool',
    bind: (frame) => {
      const l = left.bind(frame);
      const r = right.bind(frame);
      return (row) => compilePattern(r(row) as string).test(l(row) as string);
    },
  };
}
