// `union *`, `union Device*` or `find in (Device*)` fans out to every table whose name matches.

import { child, walk } from '../../kusto/syntax';
import type { Rule, RuleFinding } from '../rule';

export const rule: Rule = {
  id: 'wildcard-union',
  defaultSeverity: 'information',
  summary: 'union over a wildcard table name, which reads every matching table.',
  costWeight: 4,
  check(context) {
    const findings: RuleFinding[] = [];
    walk(context.root, (node) => {
      if (node.kind !== 'UnionOperator' && node.kind !== 'FindOperator') return;
      walk(node, (inner) => {
        if (inner.kind !== 'WildcardedName') return;
        const keyword = child(node, 'UnionKeyword') ?? child(node, 'FindKeyword');
        findings.push({
          messageId: 'wildcard',
          start: inner.start,
          end: inner.end,
          message: `'${keyword?.text ?? 'union'}' over '${context.text.slice(inner.start, inner.end)}' reads every table whose name matches; list the tables it needs.`,
          data: {},
        });
      });
    });
    return findings;
  },
  fixes() {
    return [];
  },
};
