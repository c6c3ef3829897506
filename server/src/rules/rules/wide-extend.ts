// One extend computing many columns at once: each is evaluated for every row that reaches it.

import { child, listElements, walk } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

/** kql-guard's threshold for the same finding (KQL014). */
const MANY_COLUMNS = 6;

export const rule: Rule = {
  id: 'wide-extend',
  defaultSeverity: 'information',
  summary: `An extend that computes ${MANY_COLUMNS} or more columns in one step.`,
  costWeight: 2,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node) => {
      if (node.kind !== 'ExtendOperator') return;
      const computed = listElements(child(node, 'Expressions')).filter((e) => e.kind === 'SimpleNamedExpression' || e.kind === 'CompoundNamedExpression');
      if (computed.length < MANY_COLUMNS) return;
      const keyword = child(node, 'ExtendKeyword') ?? node;
      findings.push({
        messageId: 'wide',
        start: keyword.start,
        end: keyword.end,
        message: `This extend computes ${computed.length} columns for every row that reaches it; filter first, or compute only the columns the result keeps.`,
        data: {},
      });
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
