// Runs the cases of a detection test spec through the local engine and decides each outcome.
// A known gap is a strict expected failure: it must fail, and passing is reported as a failure
// so the spec gets updated.

import { runQuery, type ResultTable } from '../engine/index';
import { environmentFor } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import type { FileProblem } from '../text/problem';
import { TableBinder, resolveSpecPath } from './bind';
import { checkCase, type RowDiff } from './compare';
import type { SpecHost } from './host';
import { loadSpec } from './load';
import { latestEventTime } from './now';
import type { DetectionSpec, Position, TestCase } from './spec';
import { lineIndex } from './text';
import { NO_DETECTION, chooseQuery, detectionSchema, readDetection, type DetectionFile, type DetectionQuery } from '../workspace/detection';

export type CaseOutcome = 'pass' | 'fail' | 'known-gap' | 'now-passes' | 'error';

export interface CaseResult {
  name: string;
  at: Position;
  tags: string[];
  outcome: CaseOutcome;
  /** Why the case did not pass (unmet expectations), or why a known gap now passes. */
  messages: string[];
  diff?: RowDiff;
  /** Located errors: in the spec, the events or the detection. Non-empty exactly for `error`. */
  problems: FileProblem[];
  /** The detection's result on this case's events, when it ran. */
  result?: ResultTable;
  knownGap?: string;
  durationMs: number;
}

export interface SpecResult {
  file: string;
  /** The detection's path, resolved against the spec file. */
  detection?: string;
  cases: CaseResult[];
  /** Problems that stopped the whole spec (bad YAML, unreadable spec); cases are then empty. */
  problems: FileProblem[];
  /** True when cancellation stopped the run before every case ran. */
  cancelled: boolean;
  /** What is worth saying but fails nothing (a spec without `now`). */
  warnings?: FileProblem[];
}

export interface RunSpecOptions {
  /** Polled before each case and while the engine runs. */
  isCancelled?: () => boolean;
  /** Called after each case, for progress reporting. */
  onCase?: (result: CaseResult, index: number, total: number) => void;
  /** Run only the cases this accepts (e.g. one case picked in the editor). */
  filter?: (testCase: TestCase) => boolean;
}

/** Reads, loads and runs the spec at `file`. Never throws. */
export function runSpecFile(file: string, host: SpecHost, options: RunSpecOptions = {}): SpecResult {
  const read = host.readText(file);
  if ('error' in read) return { file, cases: [], problems: [{ file, line: 1, column: 1, message: read.error }], cancelled: false };
  const loaded = loadSpec(read.text, file);
  if (!loaded.spec) return { file, cases: [], problems: loaded.problems, cancelled: false };
  return runSpec(loaded.spec, host, options);
}

export function runSpec(spec: DetectionSpec, host: SpecHost, options: RunSpecOptions = {}): SpecResult {
  const detection = resolveSpecPath(spec.file, spec.detection);
  const cases = spec.cases.filter(options.filter ?? (() => true));
  const outcome: SpecResult = { file: spec.file, detection, cases: [], problems: [], cancelled: false, warnings: spec.warnings };

  const found = readSpecDetection(spec, detection, host);
  const file = 'detection' in found ? found.detection : undefined;
  const schemas = environmentFor(file ? detectionSchema(file, spec) : spec.schema);
  const environment = analysisEnvironment(schemas);
  const binder = new TableBinder(spec, schemas, environment, host, spec.now);
  if (file) binder.prepare(cases.filter((c) => c.problems.length === 0));

  for (const [index, testCase] of cases.entries()) {
    if (options.isCancelled?.()) {
      outcome.cancelled = true;
      break;
    }
    const started = Date.now();
    const result = 'problem' in found ? errorResult(testCase, [found.problem]) : runCase(testCase, found.detection, binder, environment, spec, options);
    result.durationMs = Date.now() - started;
    outcome.cases.push(result);
    options.onCase?.(result, index, cases.length);
  }
  outcome.warnings = [...spec.warnings, ...binder.unknownFields()];
  return outcome;
}

/** The spec's detection, read through the workspace core; or the problem every case reports. */
export function readSpecDetection(spec: DetectionSpec, path: string, host: SpecHost): { detection: DetectionFile } | { problem: FileProblem } {
  const read = host.readText(path);
  if ('error' in read) return { problem: { file: spec.file, ...spec.detectionAt, message: `cannot read the detection ${spec.detection}: ${read.error}` } };
  const detection = readDetection(path, read.text);
  return detection ? { detection } : { problem: { file: spec.file, ...spec.detectionAt, message: `${spec.detection} ${NO_DETECTION}` } };
}

function runCase(testCase: TestCase, detection: DetectionFile, binder: TableBinder, environment: Environment, spec: DetectionSpec, options: RunSpecOptions): CaseResult {
  if (testCase.problems.length > 0) return errorResult(testCase, testCase.problems);
  const tables = binder.bind(testCase);
  const bindProblems = [...tables.problems, ...tables.eventProblems()];
  if (bindProblems.length > 0) return errorResult(testCase, bindProblems);

  const selected = selectQuery(spec, detection);
  if ('problem' in selected) return errorResult(testCase, [selected.problem]);
  const { query } = selected;
  const now = spec.now ?? latestEventTime(tables.provider);
  const run = runQuery(query.text, environment, { now, provider: tables.provider, isCancelled: options.isCancelled });
  // Bad values surface when the query first decodes their column: a test on them proves nothing.
  const valueProblems = tables.eventProblems();
  if (valueProblems.length > 0) return errorResult(testCase, valueProblems);
  // Positions in the detection's own file: a rule file's query maps back to its YAML or JSON.
  const lines = lineIndex(detection.text);
  const at = (offset: number) => lines.positionAt(query.toHost(offset));
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errorResult(testCase, errors.map((d) => ({ file: detection.file, ...at(d.start), message: d.message })));
  if (run.results.length !== 1) {
    const message = `the detection produced ${run.results.length} result tables; a tested detection must produce exactly one`;
    return errorResult(testCase, [{ file: detection.file, ...at(0), message }]);
  }

  return judgeCase(testCase, run.results[0], spec.file);
}

/** The outcome of a case given the detection's result, wherever it ran (locally or on a service). */
export function judgeCase(testCase: TestCase, result: ResultTable, specFile: string): CaseResult {
  const check = checkCase(testCase, result, specFile);
  if (check.problems.length > 0) return { ...errorResult(testCase, check.problems), result };
  const passed = check.failures.length === 0;
  const base = { ...caseBase(testCase), result, diff: check.diff };
  if (testCase.knownGap === undefined) return { ...base, outcome: passed ? 'pass' : 'fail', messages: check.failures };
  return passed
    ? { ...base, outcome: 'now-passes', messages: [`now passes: remove known_gap (${testCase.knownGap})`] }
    : { ...base, outcome: 'known-gap', messages: check.failures };
}

/**
 * What the engine analyses a case's queries against: the environment's functions, and as tables
 * only those the spec binds (the engine adds them from the provider, with their schemas). A
 * detection can only read bound tables in a test anyway, and Kusto's state for a few tables is
 * built far faster than for every Defender and Sentinel table.
 */
export function analysisEnvironment(schemas: Environment): Environment {
  let environment = analysisEnvironments.get(schemas);
  if (!environment) {
    environment = { tables: [], openTables: [], functions: schemas.functions };
    analysisEnvironments.set(schemas, environment);
  }
  return environment;
}

const analysisEnvironments = new WeakMap<Environment, Environment>();

function caseBase(testCase: TestCase): Omit<CaseResult, 'outcome' | 'messages'> {
  return { name: testCase.name, at: testCase.at, tags: testCase.tags, knownGap: testCase.knownGap, problems: [], durationMs: 0 };
}

export function errorResult(testCase: TestCase, problems: FileProblem[]): CaseResult {
  return { ...caseBase(testCase), outcome: 'error', messages: [], problems };
}

/** The query the cases run (`workspace/detection.ts`): the one the spec's `block:` names, else the only one. */
export function selectQuery(spec: DetectionSpec, detection: DetectionFile): { query: DetectionQuery } | { problem: FileProblem } {
  const choice = spec.block && ('number' in spec.block ? { number: spec.block.number } : { name: spec.block.name });
  const chosen = chooseQuery(detection, choice);
  if ('query' in chosen) return chosen;
  const at = chosen.at === 'choice' && spec.block ? { file: spec.file, ...spec.block.at } : chosen.at === 'file' ? { file: detection.file, line: 1, column: 1 } : { file: spec.file, ...spec.detectionAt };
  return { problem: { ...at, message: chosen.message } };
}

/** True when a spec result should make CI fail: failures, errors, known gaps that now pass. */
export function specFailed(result: SpecResult): boolean {
  return result.problems.length > 0 || result.cancelled || result.cases.some((c) => c.outcome === 'fail' || c.outcome === 'error' || c.outcome === 'now-passes');
}
