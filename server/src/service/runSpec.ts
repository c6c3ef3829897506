// A detection test spec on a service: every case inlined (its events and pinned now() in the
// query), run there, and judged by the same expectations as a local run. A case the local engine
// cannot evaluate can still be tested this way.

import { inlineSpec, type InlinedCase } from '../inline/spec';
import type { InlinedQuery } from '../inline/rewrite';
import { errorResult, judgeCase, type CaseResult, type SpecResult } from '../testing/run';
import type { SpecHost } from '../testing/host';
import type { DetectionSpec, TestCase } from '../testing/spec';
import type { FileProblem } from '../text/problem';
import { lineIndex } from '../testing/text';
import type { QueryOptions, ServiceClient, ServiceError, ServiceStatistics } from './types';

export interface ServiceCaseResult extends CaseResult {
  statistics?: ServiceStatistics;
  /** The service's error, when it refused or failed the case's query. */
  serviceError?: ServiceError;
}

export interface ServiceSpecResult extends SpecResult {
  cases: ServiceCaseResult[];
}

export interface ServiceSpecOptions extends QueryOptions {
  clockMs: number;
  filter?: (testCase: TestCase) => boolean;
  onCase?: (result: ServiceCaseResult, index: number, total: number) => void;
}

export async function runSpecOnService(spec: DetectionSpec, host: SpecHost, client: ServiceClient, options: ServiceSpecOptions): Promise<ServiceSpecResult> {
  const inlined = inlineSpec(spec, host, { clockMs: options.clockMs, filter: options.filter });
  const outcome: ServiceSpecResult = { file: spec.file, detection: inlined.detection, cases: [], problems: inlined.problems, cancelled: false };
  for (const [index, item] of inlined.cases.entries()) {
    if (options.signal?.aborted) {
      outcome.cancelled = true;
      break;
    }
    const started = Date.now();
    const result = await runCase(item, inlined.detection, inlined.detectionText ?? '', spec.file, client, options);
    result.durationMs = Date.now() - started;
    outcome.cases.push(result);
    options.onCase?.(result, index, inlined.cases.length);
  }
  return outcome;
}

async function runCase(item: InlinedCase, detection: string, detectionText: string, specFile: string, client: ServiceClient, options: QueryOptions): Promise<ServiceCaseResult> {
  if (!item.query) return errorResult(item.testCase, item.problems);
  const answer = await client.query(item.query.text, options);
  if ('error' in answer) return { ...errorResult(item.testCase, [serviceProblem(answer.error, item.query, detection, detectionText, client)]), serviceError: answer.error };
  return { ...judgeCase(item.testCase, answer.ok.result, specFile), statistics: answer.ok.statistics };
}

/** The service's error, located in the detection when the service gave a position in its code. */
export function serviceProblem(error: ServiceError, query: InlinedQuery, detection: string, detectionText: string, client: ServiceClient): FileProblem {
  const message = `${client.connection.name}: ${error.message}`;
  if (!error.position) return { file: detection, line: 1, column: 1, message };
  const offset = lineIndex(query.text).offsetAt(error.position.line, error.position.column);
  const original = query.originalOffset(offset);
  if (original === undefined) return { file: detection, line: 1, column: 1, message: `${message} (in the inlined events, at ${error.position.line}:${error.position.column} of the inlined query)` };
  return { file: detection, ...lineIndex(detectionText).positionAt(original), message };
}
