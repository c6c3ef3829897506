// An output that keeps every column and row of the tables it reads: no project, summarize, take,
// top, distinct or count anywhere in its chain (including the lets it starts from).

import { queryFacts, unpipe } from '../cost/tabular';
import type { Rule, RuleFinding } from '../rule';

const REDUCERS = new Set([
  'ProjectOperator', 'ProjectAwayOperator', 'ProjectKeepOperator', 'ProjectReorderOperator', 'ProjectRenameOperator',
  'SummarizeOperator', 'TakeOperator', 'DistinctOperator', 'TopOperator', 'TopNestedOperator', 'TopHittersOperator',
  'CountOperator', 'SampleOperator', 'SampleDistinctOperator', 'GetSchemaOperator', 'FacetOperator', 'MakeSeriesOperator',
  'EvaluateOperator', 'ScanOperator', 'AsOperator', 'RenderOperator',
]);

export const rule: Rule = {
  id: 'no-reduction',
  defaultSeverity: 'information',
  summary: 'A query that returns every column and row it reads: no project, summarize, take, top, distinct or count.',
  costWeight: 1,
  check(context) {
    const findings: RuleFinding[] = [];
    for (const output of queryFacts(context.root).outputs) {
      const { source } = unpipe(output.expression);
      if (source.kind !== 'NameReference' || !['Table', 'Variable'].includes(source.symbol?.kind ?? '')) continue;
      if (output.operators.some((op) => REDUCERS.has(op.kind))) continue;
      findings.push({
        messageId: 'noReduction',
        start: source.start,
        end: source.end,
        message: `This query returns every column of ${source.symbol!.name} for every matching row; project the columns it needs, or summarize.`,
        data: {},
        // A let's rows come from tables the let reads; only a table read directly is known here.
        ...(source.symbol!.kind === 'Table' ? { scannedTable: source.symbol!.name } : {}),
      });
    }
    return findings;
  },
  fixes() {
    return [];
  },
};
