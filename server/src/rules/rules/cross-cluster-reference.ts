// cluster() and database() reach outside the current database: network transfer and latency.

import { walk } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

const REMOTE = new Set(['cluster', 'database']);

export const rule: Rule = {
  id: 'cross-cluster-reference',
  defaultSeverity: 'information',
  summary: 'cluster() or database(): a query across clusters or databases.',
  costWeight: 2,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node) => {
      if (node.kind !== 'FunctionCallExpression') return;
      const name = node.symbol?.name;
      if (!name || !REMOTE.has(name)) return;
      findings.push({
        messageId: 'remote',
        start: node.start,
        end: node.end,
        message: `'${name}()' reads from another ${name}; its rows travel over the network before the query can use them.`,
        data: {},
      });
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
