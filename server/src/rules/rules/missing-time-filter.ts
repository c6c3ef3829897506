// A table with a time column read with no time filter on its rows: the whole retention is scanned.
// Filters count wherever they act on the read's rows: later in its pipe, after a union it feeds,
// or wherever a let bound to it is used.

import { queryFacts } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

export const rule: Rule = {
  id: 'missing-time-filter',
  defaultSeverity: 'information',
  summary: 'A table read with no time filter on its rows, which scans the whole retention.',
  costWeight: 5,
  check(context) {
    return queryFacts(context.root)
      .reads.filter((read) => read.timeColumn && read.timeFilters.length === 0)
      .map((read): RuleFinding => ({
        messageId: 'noTimeFilter',
        start: read.node.start,
        end: read.node.end,
        message: `${read.table} is read with no time filter, so the query scans its whole retention; add e.g. '| where ${read.timeColumn} > ago(1d)'.`,
        data: {},
        scannedTable: read.table,
      }));
  },
  fixes() {
    return [];
  },
};
