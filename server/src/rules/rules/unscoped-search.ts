// `search` without `in (…)` reads every table of the database.

import { child, walk } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

export const rule: Rule = {
  id: 'unscoped-search',
  defaultSeverity: 'information',
  summary: 'search with no table scope, which reads every table.',
  costWeight: 5,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node, parent) => {
      if (node.kind !== 'SearchOperator' || child(node, 'InClause')) return;
      // `T | search …` searches only the rows piped in.
      if (parent?.kind === 'PipeExpression' && node.field === 'Operator') return;
      const keyword = child(node, 'SearchKeyword') ?? node;
      findings.push({
        messageId: 'unscoped',
        start: keyword.start,
        end: keyword.end,
        message: "'search' without 'in (Table, …)' reads every table in scope; name the tables it needs.",
        data: {},
      });
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
