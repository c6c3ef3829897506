// take/limit with no sort or top before it returns arbitrary rows: a different set every run.

import { queryFacts } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

const ORDERS = new Set(['SortOperator', 'TopOperator']);

export const rule: Rule = {
  id: 'unordered-take',
  defaultSeverity: 'information',
  summary: 'take or limit with no sort or top before it, which returns arbitrary rows.',
  costWeight: 1,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const output of queryFacts(context.root).outputs) {
      const own = output.operators.filter((op) => output.expression.start <= op.start && op.end <= output.expression.end);
      own.forEach((op, index) => {
        if (op.kind !== 'TakeOperator' || own.slice(0, index).some((earlier) => ORDERS.has(earlier.kind))) return;
        const keyword = op.children.find((c) => c.isToken) ?? op;
        findings.push({
          messageId: 'unordered',
          start: keyword.start,
          end: keyword.end,
          message: `'${keyword.text}' with no sort before it returns arbitrary rows, a different set on each run; sort first, or use 'top N by …'.`,
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
