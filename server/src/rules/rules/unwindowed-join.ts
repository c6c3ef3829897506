// A join whose side reads a table with no time filter: that side is materialised in full.

import { child, type SyntaxNode } from '../../kusto/syntax';
import { queryFacts } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

/** True when `node` lies inside `container`'s span (the tree's spans nest). */
const inside = (node: SyntaxNode, container: SyntaxNode): boolean => container.start <= node.start && node.end <= container.end;

export const rule: Rule = {
  id: 'unwindowed-join',
  defaultSeverity: 'information',
  summary: 'A join with a side that reads a table with no time filter.',
  costWeight: 3,
  check(context) {
    const facts = queryFacts(context.root);
    const findings: RuleFinding[] = [];
    const unbounded = facts.reads.filter((r) => r.timeColumn && r.timeFilters.length === 0);
    for (const read of unbounded) {
      // The joins this read feeds: as the left side (a join later in its rows' operators) or the right.
      const joins = read.downstream.filter((op) => op.kind === 'JoinOperator');
      let parent = facts.parents.get(read.node);
      while (parent) {
        if (parent.kind === 'JoinOperator') {
          const right = child(parent, 'Expression');
          if (right && inside(read.node, right)) joins.push(parent);
        }
        parent = facts.parents.get(parent);
      }
      for (const join of joins) {
        const keyword = child(join, 'JoinKeyword') ?? join;
        if (findings.some((f) => f.start === keyword.start && f.data.table === read.table)) continue;
        findings.push({
          messageId: 'unwindowed',
          start: keyword.start,
          end: keyword.end,
          message: `This join reads ${read.table} with no time filter, so that side is materialised in full; filter it on ${read.timeColumn} before joining.`,
          data: { table: read.table },
          scannedTable: read.table,
        });
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  },
  fixes() {
    return [];
  },
};
