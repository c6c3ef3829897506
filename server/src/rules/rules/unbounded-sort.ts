// A sort whose result is never cut by take or top sorts and returns the whole result.

import { queryFacts } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

const CUTS = new Set(['TakeOperator', 'TopOperator', 'SummarizeOperator', 'CountOperator', 'DistinctOperator']);

export const rule: Rule = {
  id: 'unbounded-sort',
  defaultSeverity: 'information',
  summary: 'sort or order by with no take or top after it, which sorts and returns the whole result.',
  costWeight: 2,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const output of queryFacts(context.root).outputs) {
      // The output's own pipe, in order (its lets' operators run before the sort).
      const own = output.operators.filter((op) => output.expression.start <= op.start && op.end <= output.expression.end);
      own.forEach((op, index) => {
        if (op.kind !== 'SortOperator') return;
        if (own.slice(index + 1).some((later) => CUTS.has(later.kind))) return;
        const keyword = op.children.find((c) => c.isToken) ?? op;
        findings.push({
          messageId: 'unbounded',
          start: keyword.start,
          end: keyword.end,
          message: `'${keyword.text}' with no 'take' or 'top' after it sorts the whole result; use 'top N by …' when only the first rows matter.`,
          data: {},
        });
      });
    }
    return findings;
  },
  fixes() {
    return [];
  },
};
