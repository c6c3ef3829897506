// `has` on a needle shorter than three characters: Kusto's term index holds only terms of three
// or more characters, so such a `has` scans every value, as `contains` does.

import { child, listElements, walk, type SyntaxNode } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

const TERM_OPERATORS = new Set([
  'HasExpression', 'HasCsExpression', 'NotHasExpression', 'NotHasCsExpression', 'HasPrefixExpression', 'HasPrefixCsExpression',
  'NotHasPrefixExpression', 'NotHasPrefixCsExpression', 'HasAnyExpression', 'HasAllExpression',
]);
const MIN_INDEXED = 3;

function needles(node: SyntaxNode): SyntaxNode[] {
  const right = child(node, 'Right');
  if (!right) return [];
  if (right.literal !== undefined) return [right];
  return listElements(child(right, 'Expressions')).filter((e) => e.literal !== undefined);
}

export const rule: Rule = {
  id: 'short-term-needle',
  defaultSeverity: 'information',
  summary: 'has on a needle shorter than three characters, which the term index cannot serve.',
  costWeight: 1,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node) => {
      if (!TERM_OPERATORS.has(node.kind)) return;
      for (const needle of needles(node)) {
        const value = needle.literal!;
        if (value.length === 0 || value.length >= MIN_INDEXED || !/^[A-Za-z0-9]+$/.test(value)) continue;
        findings.push({
          messageId: 'shortNeedle',
          start: needle.start,
          end: needle.end,
          message: `'${value}' is shorter than ${MIN_INDEXED} characters, and the term index holds only longer terms, so this scans every value; test a longer term, or a column that narrows the rows first.`,
          data: {},
        });
      }
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
