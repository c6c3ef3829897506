// A `where` right after a summarize that tests only its group-by columns, where a group-by column
// has many distinct values: the filter could run first, on the rows, instead of after building
// every group.

import { child, listElements, type SyntaxNode } from '../../kusto/syntax';
import { columnsOf, filtersAfter, moveBefore, type FilterAfter } from '../cost/moveFilter';
import type { Rule, RuleFinding } from '../rule';

/** Column names that are identifiers, hashes, paths or command lines: one value per few rows. */
const HIGH_CARDINALITY_NAME = /(Id|Guid|Sha1|Sha256|MD5|CommandLine|Url|Path|Address|Ip|IPAddress|Name|Upn|UserPrincipalName)$/;

/** The group-by columns that are plain column references (`by A, B`, not `by bin(T, 1h)`). */
function plainGroupColumns(summarize: SyntaxNode): SyntaxNode[] {
  return listElements(child(child(summarize, 'ByClause') ?? summarize, 'Expressions')).filter((e) => e.kind === 'NameReference' && e.symbol?.kind === 'Column');
}

function highCardinality(column: SyntaxNode): boolean {
  const type = column.type?.kind === 'scalar' ? column.type.name : '';
  return type === 'guid' || type === 'datetime' || (type === 'string' && HIGH_CARDINALITY_NAME.test(column.symbol!.name));
}

interface Site extends FilterAfter {
  wide: string[];
}

function sites(root: SyntaxNode): Site[] {
  const result: Site[] = [];
  for (const site of filtersAfter(root, 'SummarizeOperator')) {
    const groups = plainGroupColumns(site.operator);
    const names = new Set(groups.map((g) => g.symbol!.name));
    const columns = columnsOf(site.filter);
    if (columns.length === 0 || !columns.every((c) => names.has(c))) continue;
    const wide = groups.filter(highCardinality).map((g) => g.symbol!.name);
    if (wide.length > 0) result.push({ ...site, wide });
  }
  return result;
}

export const rule: Rule = {
  id: 'summarize-before-filter',
  defaultSeverity: 'information',
  summary: 'A where after a summarize by a high-cardinality column that tests only group-by columns and could run before it.',
  costWeight: 2,
  check(context) {
    return sites(context.root).map((site): RuleFinding => {
      const keyword = child(site.filter, 'Keyword') ?? site.filter;
      return {
        messageId: 'filterAfterSummarize',
        start: keyword.start,
        end: keyword.end,
        message: `This where tests only group-by columns (${columnsOf(site.filter).join(', ')}), but runs after summarize has built a group per ${site.wide.join(', ')}; run it before the summarize.`,
        data: { at: site.filter.start },
      };
    });
  },
  fixes(context, data) {
    const site = sites(context.root).find((s) => s.filter.start === data.at);
    return site ? [{ title: 'Move the where before the summarize', edits: moveBefore(context.text, site), isPreferred: true }] : [];
  },
};
