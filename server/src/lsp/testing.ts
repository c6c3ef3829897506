// Detection tests for the editor's Test Explorer: `kqlDetect/discoverTests` locates a spec's cases,
// `kqlDetect/runTests` runs them. Specs and detections open in the editor are read with their
// unsaved edits; everything else comes from disk. A run goes case by case and yields to the event
// loop in between, so other requests are answered and a cancellation stops it at the next case.

import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, Disposable, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  discoverTestsRequest,
  runTestsRequest,
  type DiscoverTestsParams,
  type DiscoverTestsResult,
  type RunTestsParams,
  type RunTestsResult,
  type TestCaseReport,
  type TestPosition,
  type TestProblem,
} from '../protocol/testing';
import { explainCase, fileSpecHost, formatDiff, loadSpec, runSpec, specInputs, type CaseResult, type Position, type SpecHost, type SpecProblem } from '../testing/index';

export function registerTesting(connection: Connection, documents: TextDocuments<TextDocument>): Disposable {
  const host = editorSpecHost(documents);
  const discover = connection.onRequest(discoverTestsRequest.method, (params: DiscoverTestsParams) => discoverTests(params));
  const run = connection.onRequest(runTestsRequest.method, (params: RunTestsParams, token: CancellationToken) => runTests(params, host, token));
  return {
    dispose() {
      discover.dispose();
      run.dispose();
    },
  };
}

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

export async function runTests(params: RunTestsParams, host: SpecHost, token: CancellationToken): Promise<RunTestsResult> {
  if (!params.uri.startsWith('file:')) return { cases: [], problems: [notAFile(params.uri)], cancelled: false };
  const file = fileURLToPath(params.uri);
  const read = params.text !== undefined ? { text: params.text } : host.readText(file);
  if ('error' in read) return { cases: [], problems: [toTestProblem({ file, line: 0, column: 0, message: read.error })], cancelled: false };
  const loaded = loadSpec(read.text, file);
  if (!loaded.spec) return { cases: [], problems: loaded.problems.map(toTestProblem), cancelled: false };

  const spec = loaded.spec;
  const wanted = params.cases ? new Set(params.cases) : undefined;
  const selected = spec.cases.filter((testCase) => !wanted || wanted.has(testCase.name));
  const reports: TestCaseReport[] = [];
  for (const testCase of selected) {
    await nextTurn();
    if (token.isCancellationRequested) return { cases: reports, problems: [], cancelled: true };
    const result = runSpec(spec, host, { filter: (c) => c === testCase, isCancelled: () => token.isCancellationRequested });
    if (result.cancelled) return { cases: reports, problems: [], cancelled: true };
    reports.push(...result.cases.map(toReport));
  }
  return { cases: reports, problems: [], cancelled: false };
}

/** Reads open documents from the editor (with unsaved edits) and the rest from disk. */
function editorSpecHost(documents: TextDocuments<TextDocument>): SpecHost {
  return {
    readText(path) {
      const open = documents.all().find((document) => document.uri.startsWith('file:') && fileURLToPath(document.uri) === path);
      return open ? { text: open.getText() } : fileSpecHost.readText(path);
    },
    readEvents: fileSpecHost.readEvents,
  };
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

function toTestProblem(problem: SpecProblem): TestProblem {
  return { uri: pathToFileURL(problem.file).href, position: toPosition(problem), message: problem.message };
}

/** The core counts from 1 (line 0: the whole file); the editor from 0. */
function toPosition(position: Position): TestPosition {
  return { line: Math.max(0, position.line - 1), character: Math.max(0, position.column - 1) };
}

function notAFile(uri: string): TestProblem {
  return { uri, position: { line: 0, character: 0 }, message: 'a test spec must be a file on disk: it names its detection and events by path' };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
