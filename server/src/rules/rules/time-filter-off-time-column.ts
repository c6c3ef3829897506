// A time filter on a datetime column that is not the table's time column: the table is stored and
// pruned by its time column, so the filter still reads the whole retention.

import type { SyntaxNode } from '../../kusto/syntax';
import { queryFacts, type TableRead } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

interface Site {
  read: TableRead;
  column: SyntaxNode;
}

function sites(root: SyntaxNode): Site[] {
  const found: Site[] = [];
  const seen = new Set<SyntaxNode>();
  for (const read of queryFacts(root).reads) {
    const timeColumn = read.timeColumn;
    if (!timeColumn || read.timeFilters.length === 0) continue;
    const own = new Set(read.node.type?.kind === 'table' ? read.node.type.columns.map((c) => c.name) : []);
    const columns = read.timeFilters.flatMap((f) => f.columns);
    // A filter without a direct column (`ingestion_time() > ago(1h)`) is taken as bounding.
    if (read.timeFilters.some((f) => f.columns.length === 0)) continue;
    if (columns.some((c) => read.timeColumns.includes(c.symbol?.name ?? ''))) continue;
    // Only the table's own columns: a filter on a computed datetime (`LastSeen = max(…)`) is another matter.
    for (const column of columns) {
      if (seen.has(column) || !own.has(column.symbol?.name ?? '')) continue;
      seen.add(column);
      found.push({ read, column });
    }
  }
  return found;
}

export const rule: Rule = {
  id: 'time-filter-off-time-column',
  defaultSeverity: 'information',
  summary: "A time filter on a datetime column other than the table's time column, which does not limit the scan.",
  costWeight: 4,
  check(context) {
    return sites(context.root).map(({ read, column }): RuleFinding => ({
      messageId: 'offTimeColumn',
      start: column.start,
      end: column.end,
      message: `${column.symbol!.name} is not ${read.table}'s time column (${read.timeColumn}), so this filter does not limit the scan; filter on ${read.timeColumn} too.`,
      data: { at: column.start, timeColumn: read.timeColumn },
      scannedTable: read.table,
    }));
  },
  fixes(context, data) {
    const site = sites(context.root).find((s) => s.column.start === data.at && s.read.timeColumn === data.timeColumn);
    if (!site) return [];
    return [{ title: `Filter on ${site.read.timeColumn} instead`, edits: [{ start: site.column.start, end: site.column.end, newText: site.read.timeColumn! }] }];
  },
};
