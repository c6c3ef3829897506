// Inlines a detection test spec case by case: each case's bound events (after the spec's and the
// case's `where`) are written into the detection, so the case can run on a service.

import { TICKS_PER_MILLISECOND } from '../engine/values';
import { environmentFor } from '../kusto/environment';
import { TableBinder, resolveSpecPath } from '../testing/bind';
import type { SpecHost } from '../testing/host';
import { analysisEnvironment, readSpecDetection, selectQuery } from '../testing/run';
import type { DetectionSpec, TestCase } from '../testing/spec';
import type { FileProblem } from '../text/problem';
import { lineIndex } from '../testing/text';
import { detectionSchema, wholeKqlFile } from '../workspace/detection';
import { inlineQuery, type InlinedQuery } from './rewrite';

export interface InlinedCase {
  testCase: TestCase;
  /** Present when the case could be inlined. */
  query?: InlinedQuery;
  /** Why it could not: spec, event or detection problems, located. */
  problems: FileProblem[];
}

export interface InlinedSpec {
  /** The detection's path, resolved against the spec. */
  detection: string;
  /** The detection's text, when it could be read. */
  detectionText?: string;
  /** The now() every case was pinned to, in ticks. */
  now: bigint;
  cases: InlinedCase[];
  problems: FileProblem[];
}

export interface InlineSpecOptions {
  /** now() when the spec pins none (the clock reading of the run). */
  clockMs: number;
  filter?: (testCase: TestCase) => boolean;
}

export function inlineSpec(spec: DetectionSpec, host: SpecHost, options: InlineSpecOptions): InlinedSpec {
  const detection = resolveSpecPath(spec.file, spec.detection);
  const now = spec.now ?? BigInt(options.clockMs) * TICKS_PER_MILLISECOND;
  const cases = spec.cases.filter(options.filter ?? (() => true));
  const failed = (problem: FileProblem): InlinedSpec => ({ detection, now, cases: cases.map((testCase) => ({ testCase, problems: [problem] })), problems: [] });
  const found = readSpecDetection(spec, detection, host);
  if ('problem' in found) return failed(found.problem);
  const file = found.detection;
  // A .kql file is inlined whole, as written; a rule file, its query (the one `block:` picks).
  const selected = file.kind === 'kql' ? { query: wholeKqlFile(file) } : selectQuery(spec, file);
  if ('problem' in selected) return failed(selected.problem);
  const source = selected.query;
  const schemas = environmentFor(detectionSchema(file, spec));
  const environment = analysisEnvironment(schemas);
  const binder = new TableBinder(spec, schemas, environment, host, now);
  binder.prepare(cases.filter((c) => c.problems.length === 0));
  const lines = lineIndex(file.text);
  const inlined = cases.map((testCase): InlinedCase => {
    if (testCase.problems.length > 0) return { testCase, problems: testCase.problems };
    const bound = binder.bind(testCase);
    const bindProblems = [...bound.problems, ...bound.eventProblems()];
    if (bindProblems.length > 0) return { testCase, problems: bindProblems };
    const inlined = inlineQuery({ text: source.text, provider: bound.provider, now, environment });
    // Offsets back into the host file, where the service's errors are placed.
    const query = { ...inlined, originalOffset: (offset: number) => mapDefined(inlined.originalOffset(offset), source.toHost) };
    // Writing the rows decodes every column: bad values surface only now.
    const valueProblems = bound.eventProblems();
    if (valueProblems.length > 0) return { testCase, problems: valueProblems };
    const problems = query.problems.map((p) => ({ file: detection, ...lines.positionAt(source.toHost(p.start)), message: p.message }));
    return problems.length > 0 ? { testCase, problems } : { testCase, query, problems: [] };
  });
  return { detection, detectionText: file.text, now, cases: inlined, problems: [] };
}

function mapDefined(offset: number | undefined, map: (offset: number) => number): number | undefined {
  return offset === undefined ? undefined : map(offset);
}
