// What the Test Explorer is told about specs: their cases located in the YAML (0-based, as the
// editor counts) and each case's outcome with the text, row diff and locations it shows. Plain
// functions over the detection tests core, used by the language server and its test worker.

import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DiscoverTestsParams, DiscoverTestsResult, RunTestsResult, TestCaseReport, TestPosition, TestProblem } from '../protocol/testing';
import { explainCase, fileSpecHost, formatDiff, loadSpec, runSpec, specInputs, type CaseResult, type Position, type SpecHost, type SpecResult } from '../testing/index';
import type { FileProblem } from '../text/problem';
import { runSpecOnService } from '../service/runSpec';
import type { QueryOptions, ServiceClient } from '../service/types';
import type { DetectionSpec, TestCase } from '../testing/spec';

export function discoverTests(params: DiscoverTestsParams): DiscoverTestsResult {
  if (!params.uri.startsWith('file:')) return { problems: [notAFile(params.uri)] };
  const file = fileURLToPath(params.uri);
  const loaded = loadSpec(params.text, file);
  if (!loaded.spec) return { problems: loaded.problems.map(toTestProblem) };
  return {
    cases: loaded.spec.cases.map((testCase) => ({
      name: testCase.name,
      position: toPosition(testCase.at),
      tags: testCase.tags,
      knownGap: testCase.knownGap,
      problems: testCase.problems.map(toTestProblem),
    })),
    inputs: specInputs(loaded.spec).map((path) => pathToFileURL(path).href),
  };
}

/** Files from disk, except the documents open in the editor (path, text), read with their unsaved edits. */
export function withOpenDocuments(openDocuments: readonly [string, string][]): SpecHost {
  const open = new Map(openDocuments);
  return {
    readText: (path) => {
      const text = open.get(path);
      return text !== undefined ? { text } : fileSpecHost.readText(path);
    },
    readEvents: fileSpecHost.readEvents,
  };
}

export interface SpecRun {
  spec: string;
  text?: string;
  cases?: string[];
}

/** Runs a spec's cases (all, or those named) and reports them as the Test Explorer shows them. Never throws on user input. */
export function runSpecReports(run: SpecRun, host: SpecHost, isCancelled: () => boolean, onCase?: (report: TestCaseReport) => void): RunTestsResult {
  const loaded = loadRun(run, host);
  if ('problems' in loaded) return loaded;
  return toRunResult(runSpec(loaded.spec, host, { filter: loaded.filter, isCancelled, onCase: onCase && ((caseResult) => onCase(toReport(caseResult))) }));
}

/** The same on a service: each case with its events inlined, sent to `client`, judged as locally. */
export async function runSpecReportsOnService(run: SpecRun, host: SpecHost, client: ServiceClient, options: QueryOptions, onCase?: (report: TestCaseReport) => void): Promise<RunTestsResult> {
  const loaded = loadRun(run, host);
  if ('problems' in loaded) return loaded;
  return toRunResult(await runSpecOnService(loaded.spec, host, client, { ...options, clockMs: Date.now(), filter: loaded.filter, onCase: onCase && ((caseResult) => onCase(toReport(caseResult))) }));
}

function toRunResult(result: Pick<SpecResult, 'cases' | 'problems' | 'cancelled'>): RunTestsResult {
  return { cases: result.cases.map(toReport), problems: result.problems.map(toTestProblem), cancelled: result.cancelled };
}

/** The spec of a run and which of its cases to run, or why it cannot run at all. */
function loadRun(run: SpecRun, host: SpecHost): { spec: DetectionSpec; filter: (testCase: TestCase) => boolean } | RunTestsResult {
  const read = run.text !== undefined ? { text: run.text } : host.readText(run.spec);
  if ('error' in read) return { cases: [], problems: [toTestProblem({ file: run.spec, line: 0, column: 0, message: read.error })], cancelled: false };
  const loaded = loadSpec(read.text, run.spec);
  if (!loaded.spec) return { cases: [], problems: loaded.problems.map(toTestProblem), cancelled: false };
  const wanted = run.cases ? new Set(run.cases) : undefined;
  return { spec: loaded.spec, filter: (testCase) => !wanted || wanted.has(testCase.name) };
}

function toReport(result: CaseResult): TestCaseReport {
  const report: TestCaseReport = {
    name: result.name,
    outcome: result.outcome,
    position: toPosition(result.at),
    message: explainCase(result).join('\n'),
    knownGap: result.knownGap,
    problems: result.problems.map(toTestProblem),
    durationMs: result.durationMs,
  };
  if (result.diff) {
    report.expectedOutput = formatDiff({ ...result.diff, unexpected: [] }).join('\n');
    report.actualOutput = formatDiff({ ...result.diff, missing: [] }).join('\n');
  }
  return report;
}

function toTestProblem(problem: FileProblem): TestProblem {
  return { uri: pathToFileURL(problem.file).href, position: toPosition(problem), message: problem.message };
}

/** The core counts from 1 (line 0: the whole file); the editor from 0. */
function toPosition(position: Position): TestPosition {
  return { line: Math.max(0, position.line - 1), character: Math.max(0, position.column - 1) };
}

export function notAFile(uri: string): TestProblem {
  return { uri, position: { line: 0, character: 0 }, message: 'a test spec must be a file on disk: it names its detection and events by path' };
}
