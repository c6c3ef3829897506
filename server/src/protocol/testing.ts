// Detection tests' messages, declared once: the requests the client's Test Explorer sends to
// discover the cases of a spec and to run them. Plain types, so the client can import them.

import { notification, request } from './messages';

/** A 0-based position, as VS Code and LSP count. */
export interface TestPosition {
  line: number;
  character: number;
}

/** A problem located in a file (the spec, the detection or an event file). */
export interface TestProblem {
  uri: string;
  position: TestPosition;
  message: string;
}

export interface DiscoveredCase {
  name: string;
  /** Where the case starts in the spec. */
  position: TestPosition;
  tags: string[];
  knownGap?: string;
  /** Problems confined to this case: running it reports them as an error. */
  problems: TestProblem[];
}

export interface DiscoverTestsParams {
  /** The spec's URI (a `file:` URI: specs name their detection and events by relative path). */
  uri: string;
  /** The spec's current text, which may be unsaved. */
  text: string;
}

export type DiscoverTestsResult =
  | {
      cases: DiscoveredCase[];
      /** URIs of the files the results depend on: the spec, its detection and its event files. */
      inputs: string[];
    }
  /** The spec is unusable as a whole (bad YAML, no detection, no cases). */
  | { problems: TestProblem[] };

/** Client → server: the cases a spec declares, located in its text. */
export const discoverTestsRequest = request<DiscoverTestsParams, DiscoverTestsResult>('kqlDetect/discoverTests');

export interface RunTestsParams {
  uri: string;
  /** Names the run in its `kqlDetect/testCaseResult` notifications; none are sent without it. */
  runId?: string;
  /** The spec's current text (specs are not synchronised documents); read from disk when absent. */
  text?: string;
  /** Names of the cases to run; all cases when absent. */
  cases?: string[];
  /** Runs the cases on this connection's service, each with its events inlined; the local engine when absent. */
  connection?: string;
}

export type TestOutcome = 'pass' | 'fail' | 'known-gap' | 'now-passes' | 'error';

export interface TestCaseReport {
  name: string;
  outcome: TestOutcome;
  position: TestPosition;
  /** What a reader needs to see: unmet expectations, problems, the row diff or the result rows. */
  message: string;
  /** Expected rows no result row matched, as an aligned table (for a diff view). */
  expectedOutput?: string;
  /** Result rows no expected row matched, as an aligned table. */
  actualOutput?: string;
  knownGap?: string;
  problems: TestProblem[];
  durationMs: number;
}

export interface RunTestsResult {
  cases: TestCaseReport[];
  /** Problems that stopped the whole spec; `cases` is then empty. */
  problems: TestProblem[];
  /** Cancellation stopped the run: the cases missing from `cases` did not run. */
  cancelled: boolean;
}

/** Client → server: runs a spec's cases on the local engine, or on a connection. Cancelling the request stops the run (on a service: the request in flight). */
export const runTestsRequest = request<RunTestsParams, RunTestsResult>('kqlDetect/runTests');

export interface TestCaseResultParams {
  runId: string;
  report: TestCaseReport;
}

/** Server → client, during a run: one case has finished (the final answer repeats every case). */
export const testCaseResult = notification<TestCaseResultParams>('kqlDetect/testCaseResult');
