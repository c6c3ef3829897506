// mv-expand multiplies rows by the length of each array; without `limit` one large array can
// blow up the row count. Expanding a literal array (pack_array(…), dynamic([…])) is bounded.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

function isBounded(expression: SyntaxNode): boolean {
  let value = child(expression, 'Expression') ?? expression;
  if (value.kind === 'SimpleNamedExpression') value = child(value, 'Expression') ?? value;
  if (value.kind === 'DynamicExpression') return true;
  return value.kind === 'FunctionCallExpression' && value.symbol?.name === 'pack_array';
}

export const rule: Rule = {
  id: 'unbounded-mv-expand',
  defaultSeverity: 'information',
  summary: 'mv-expand of a column with no limit, which can multiply rows without bound.',
  costWeight: 3,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node) => {
      if (node.kind !== 'MvExpandOperator' || child(node, 'RowLimitClause')) return;
      const expressions = listElements(child(node, 'Expressions'));
      if (expressions.length > 0 && expressions.every(isBounded)) return;
      const keyword = child(node, 'MvExpandKeyword') ?? node;
      findings.push({
        messageId: 'unbounded',
        start: keyword.start,
        end: keyword.end,
        message: `'${keyword.text ?? 'mv-expand'}' without 'limit N' makes one row per array element, however long the array; add 'limit N' to cap it.`,
        data: {},
      });
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
