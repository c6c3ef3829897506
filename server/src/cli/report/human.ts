// The human reporter of `kql-detect test`: one line per case, details under those that need them.

import type { CaseOutcome, CaseResult, SpecResult } from '../../testing/run';
import { explainCase } from '../../testing/report';
import { formatProblem } from '../../text/problem';

const MARKS: Record<CaseOutcome, string> = {
  pass: '✓',
  fail: '✗',
  'known-gap': '○',
  'now-passes': '!',
  error: 'E',
};

export interface Totals {
  passed: number;
  failed: number;
  knownGaps: number;
  nowPasses: number;
  errors: number;
}

export function totals(results: SpecResult[]): Totals {
  const all = results.flatMap((r) => r.cases);
  const countOf = (outcome: CaseOutcome) => all.filter((c) => c.outcome === outcome).length;
  return {
    passed: countOf('pass'),
    failed: countOf('fail'),
    knownGaps: countOf('known-gap'),
    nowPasses: countOf('now-passes'),
    // A spec that could not be loaded counts as one error.
    errors: countOf('error') + results.filter((r) => r.problems.length > 0).length,
  };
}

export function formatSpec(result: SpecResult): string {
  const lines = [result.detection ? `${result.file}  (detection: ${result.detection})` : result.file];
  for (const problem of result.problems) lines.push(`  E ${formatProblem(problem)}`);
  for (const warning of result.warnings ?? []) lines.push(`  W ${formatProblem(warning)}`);
  for (const testCase of result.cases) lines.push(...formatCase(testCase));
  if (result.cancelled) lines.push('  (cancelled)');
  return lines.join('\n') + '\n';
}

function formatCase(result: CaseResult): string[] {
  const tags = result.tags.length > 0 ? `  [${result.tags.join(', ')}]` : '';
  const head = `  ${MARKS[result.outcome]} ${result.name}${tags}`;
  switch (result.outcome) {
    case 'pass':
      return [head];
    case 'known-gap':
      return [`${head}  known gap: ${result.knownGap}`];
    default:
      return [head, ...explainCase(result).map((line) => `      ${line}`)];
  }
}

export function formatSummary(results: SpecResult[], seconds: number): string {
  const t = totals(results);
  const cases = results.reduce((n, r) => n + r.cases.length, 0);
  const parts = [`${t.passed} passed`, `${t.failed + t.nowPasses} failed`];
  if (t.nowPasses > 0) parts.push(`(${t.nowPasses} known gap${t.nowPasses === 1 ? '' : 's'} now passing)`);
  parts.push(`${t.knownGaps} known gap${t.knownGaps === 1 ? '' : 's'}`, `${t.errors} error${t.errors === 1 ? '' : 's'}`);
  return `\n${parts.join(', ')}  (${cases} case${cases === 1 ? '' : 's'} in ${results.length} spec${results.length === 1 ? '' : 's'}, ${seconds.toFixed(2)} s)\n`;
}
