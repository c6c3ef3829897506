// The detection's tests, ready to run again and again on edited texts: the spec's events are read
// and its cases' tables bound once, so measuring one more proposal costs only the queries.

import { runQuery, type SourceRow, type Table } from '../engine/index';
import type { Environment } from '../kusto/globals';
import { TableBinder, type CaseTables } from '../testing/bind';
import { checkCase } from '../testing/compare';
import type { SpecHost } from '../testing/host';
import type { DetectionSpec, TestCase } from '../testing/spec';

export interface CaseRun {
  name: string;
  tags: string[];
  /** The case's expectations hold (a known gap that now holds counts as passing). */
  passed: boolean;
  /** The detection could not run on the case (bad events, a query error). */
  error?: string;
  /** Each alert's first input event, in the case's own tables. */
  alerts: { source: SourceRow; table: Table }[];
}

export class TestBench {
  private readonly cases: TestCase[];
  private readonly binder: TableBinder;

  /** As the test runner does: Kusto's state holds only the bound tables (built much faster than all of them). */
  private readonly environment: Environment;

  constructor(
    readonly spec: DetectionSpec,
    host: SpecHost,
    schemas: Environment,
  ) {
    this.cases = spec.cases.filter((c) => c.problems.length === 0);
    this.environment = { tables: [], openTables: [], functions: schemas.functions };
    this.binder = new TableBinder(spec, schemas, this.environment, host, spec.now);
    this.binder.prepare(this.cases);
  }

  /** Every case on `text` in place of the detection. */
  run(text: string, isCancelled?: () => boolean): CaseRun[] {
    // Cases of the same tables share one provider object, re-pointed by each bind: run each case right after binding it.
    return this.cases.map((testCase) => this.runCase(text, testCase, this.binder.bind(testCase), isCancelled));
  }

  private runCase(text: string, testCase: TestCase, tables: CaseTables, isCancelled?: () => boolean): CaseRun {
    const base = { name: testCase.name, tags: testCase.tags, alerts: [] };
    const problem = tables.problems[0] ?? tables.eventProblems()[0];
    if (problem) return { ...base, passed: false, error: problem.message };
    const run = runQuery(text, this.environment, { provider: tables.provider, now: this.spec.now, explain: true, isCancelled });
    const error = run.diagnostics.find((d) => d.severity === 'error');
    if (error || run.results.length !== 1) return { ...base, passed: false, error: error?.message ?? 'the detection must produce exactly one result table' };
    const result = run.results[0];
    const check = checkCase(testCase, result, this.spec.file);
    const alerts = (result.trace?.rows ?? []).flatMap((row) => {
      const source = row.sources[0];
      const table = source && tables.provider.table(source.table);
      return table ? [{ source, table }] : [];
    });
    return { ...base, passed: check.failures.length === 0 && check.problems.length === 0, alerts };
  }
}
