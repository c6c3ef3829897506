// Runs the specs and cases a Test Explorer request names, one spec at a time in the language
// server, and reports each case's outcome to the TestRun: a known gap is skipped with its reason,
// a known gap that now passes fails with "now passes: remove known_gap", a row mismatch fails with
// the row diff and a link to the case in the spec.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { runTestsRequest, type RunTestsParams, type RunTestsResult, type TestCaseReport, type TestCaseResultParams, type TestPosition, type TestProblem } from '../../../server/src/protocol/testing';
import { specText, type SpecItems } from './specs';

/** What a run reported for one item, as plain data (the end-to-end tests read it). */
export interface ReportedResult {
  id: string;
  state: 'passed' | 'failed' | 'skipped' | 'errored';
  messages: { text: string; expectedOutput?: string; actualOutput?: string; location?: { uri: string; line: number } }[];
  output: string[];
}

/** Routes the server's `kqlDetect/testCaseResult` notifications to the run they belong to. */
export class CaseProgress {
  private readonly listeners = new Map<string, (report: TestCaseReport) => void>();
  private nextRun = 1;

  listen(listener: (report: TestCaseReport) => void): { runId: string } & vscode.Disposable {
    const runId = String(this.nextRun++);
    this.listeners.set(runId, listener);
    return { runId, dispose: () => this.listeners.delete(runId) };
  }

  dispatch(params: TestCaseResultParams): void {
    this.listeners.get(params.runId)?.(params.report);
  }
}

/** The cases of one spec a run covers: every case, or those named. */
interface SpecSelection {
  spec: vscode.TestItem;
  cases: vscode.TestItem[];
  whole: boolean;
}

export async function runTests(
  request: vscode.TestRunRequest,
  token: vscode.CancellationToken,
  controller: vscode.TestController,
  specs: SpecItems,
  client: LanguageClient,
  progress: CaseProgress,
  /** Runs the cases on this connection's service (each with its events inlined); the local engine when absent. */
  connection?: string,
): Promise<ReportedResult[]> {
  const run = controller.createTestRun(request, connection === undefined ? undefined : `on ${connection}`);
  const recorder = new Recorder(run);
  try {
    for (const selection of select(request, controller, specs)) {
      if (token.isCancellationRequested) {
        selection.cases.forEach((item) => recorder.skipped(item));
        continue;
      }
      await runSpec(selection, recorder, token, client, progress, connection);
    }
  } finally {
    run.end();
  }
  return recorder.results();
}

function select(request: vscode.TestRunRequest, controller: vscode.TestController, specs: SpecItems): SpecSelection[] {
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  const included = request.include ?? [...gather(controller.items)];
  const bySpec = new Map<string, SpecSelection>();
  for (const item of included) {
    const target = specs.targetOf(item);
    if (!target || excluded.has(item.id)) continue;
    const spec = specs.specItemOf(target.spec);
    if (!spec) continue;
    const selection = bySpec.get(spec.id) ?? { spec, cases: [], whole: true };
    bySpec.set(spec.id, selection);
    if ('name' in target) selection.cases.push(item);
    else selection.cases.push(...gather(spec.children));
  }
  for (const selection of bySpec.values()) {
    selection.cases = [...new Map(selection.cases.filter((item) => !excluded.has(item.id)).map((item) => [item.id, item])).values()];
    selection.whole = selection.cases.length === selection.spec.children.size;
  }
  return [...bySpec.values()];
}

async function runSpec(selection: SpecSelection, recorder: Recorder, token: vscode.CancellationToken, client: LanguageClient, progress: CaseProgress, connection: string | undefined): Promise<void> {
  const uri = selection.spec.uri as vscode.Uri;
  selection.cases.forEach((item) => recorder.started(item));
  if (selection.cases.length === 0) recorder.started(selection.spec);
  // Each case is reported as soon as the server has run it; the final answer fills in the rest.
  const items = new Map(selection.cases.map((item) => [item.label, item]));
  const done = new Set<string>();
  const record = (report: TestCaseReport) => {
    const item = items.get(report.name);
    if (!item || done.has(report.name)) return;
    done.add(report.name);
    recordCase(item, report, uri, recorder);
  };
  const listening = progress.listen(record);
  let result: RunTestsResult;
  try {
    const params: RunTestsParams = { uri: uri.toString(), runId: listening.runId, text: await specText(uri), cases: selection.whole ? undefined : selection.cases.map((item) => item.label), connection };
    result = await client.sendRequest(runTestsRequest.method, params, token);
  } catch (error) {
    const notRun = selection.cases.filter((item) => !done.has(item.label));
    if (token.isCancellationRequested) return notRun.forEach((item) => recorder.skipped(item));
    const message = new vscode.TestMessage(`the language server could not run the spec: ${error instanceof Error ? error.message : String(error)}`);
    for (const item of selection.cases.length > 0 ? notRun : [selection.spec]) recorder.errored(item, [message]);
    return;
  } finally {
    listening.dispose();
  }

  if (result.problems.length > 0) {
    const messages = result.problems.map(problemMessage);
    for (const item of selection.cases.length > 0 ? selection.cases : [selection.spec]) recorder.errored(item, messages);
    return;
  }
  result.cases.forEach(record);
  // Cases the run did not reach (it was cancelled) are skipped.
  for (const item of selection.cases) if (!done.has(item.label)) recorder.skipped(item);
}

function recordCase(item: vscode.TestItem, report: TestCaseReport, spec: vscode.Uri, recorder: Recorder): void {
  const location = new vscode.Location(spec, position(report.position));
  switch (report.outcome) {
    case 'pass':
      return recorder.passed(item, report.durationMs);
    case 'known-gap':
      recorder.output(item, `known gap: ${report.knownGap ?? ''}`, location);
      return recorder.skipped(item);
    case 'now-passes':
    case 'fail': {
      const message =
        report.expectedOutput !== undefined && report.actualOutput !== undefined
          ? vscode.TestMessage.diff(report.message, report.expectedOutput, report.actualOutput)
          : new vscode.TestMessage(report.message);
      message.location = location;
      return recorder.failed(item, [message], report.durationMs);
    }
    case 'error': {
      const messages = report.problems.length > 0 ? report.problems.map(problemMessage) : [Object.assign(new vscode.TestMessage(report.message), { location })];
      return recorder.errored(item, messages, report.durationMs);
    }
  }
}

function problemMessage(problem: TestProblem): vscode.TestMessage {
  const message = new vscode.TestMessage(problem.message);
  message.location = new vscode.Location(vscode.Uri.parse(problem.uri), position(problem.position));
  return message;
}

function position(at: TestPosition): vscode.Position {
  return new vscode.Position(at.line, at.character);
}

function* gather(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  for (const [, item] of collection) yield item;
}

/** Reports to the TestRun and keeps a plain copy of what it reported. */
class Recorder {
  private readonly reported = new Map<string, ReportedResult>();

  constructor(private readonly run: vscode.TestRun) {}

  started(item: vscode.TestItem): void {
    this.run.started(item);
  }

  passed(item: vscode.TestItem, durationMs?: number): void {
    this.run.passed(item, durationMs);
    this.record(item, 'passed', []);
  }

  failed(item: vscode.TestItem, messages: vscode.TestMessage[], durationMs?: number): void {
    this.run.failed(item, messages, durationMs);
    this.record(item, 'failed', messages);
  }

  errored(item: vscode.TestItem, messages: vscode.TestMessage[], durationMs?: number): void {
    this.run.errored(item, messages, durationMs);
    this.record(item, 'errored', messages);
  }

  skipped(item: vscode.TestItem): void {
    this.run.skipped(item);
    this.record(item, 'skipped', []);
  }

  output(item: vscode.TestItem, text: string, location: vscode.Location): void {
    // The output terminal needs CRLF line ends.
    this.run.appendOutput(`${item.label}: ${text}\r\n`, location, item);
    const output = this.reported.get(item.id)?.output ?? [];
    output.push(text);
    this.reported.set(item.id, { id: item.id, state: 'skipped', messages: [], output });
  }

  results(): ReportedResult[] {
    return [...this.reported.values()];
  }

  private record(item: vscode.TestItem, state: ReportedResult['state'], messages: vscode.TestMessage[]): void {
    const output = this.reported.get(item.id)?.output ?? [];
    this.reported.set(item.id, {
      id: item.id,
      state,
      output,
      messages: messages.map((message) => ({
        text: typeof message.message === 'string' ? message.message : message.message.value,
        expectedOutput: message.expectedOutput,
        actualOutput: message.actualOutput,
        location: message.location ? { uri: message.location.uri.toString(), line: message.location.range.start.line } : undefined,
      })),
    });
  }
}
