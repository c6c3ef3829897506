// The detection tests core: load a spec, run it on the local engine, explain the results.
// Pure except for what a `SpecHost` supplies; the CLI and the editor are thin shells over it.

export type { DetectionSpec, Expectation, Position, TableBinding, TestCase, WrittenCell, WrittenRow } from './spec';
export { loadSpec, type LoadedSpec } from './load';
export type { ReadEvents, SpecHost } from './host';
export { fileSpecHost, isEventFile, readEventFiles, readTextFile, type EventFiles } from './fileHost';
export { runSpec, runSpecFile, specFailed, type CaseOutcome, type CaseResult, type RunSpecOptions, type SpecResult } from './run';
export { checkCase, type CheckResult, type MissingRow, type RowDiff, type UnexpectedRow } from './compare';
export { displayValue, sameValue, toValue } from './cells';
export { explainCase, formatDiff, formatRows } from './report';
export { formatProblem, type FileProblem } from '../text/problem';
export { resolveSpecPath } from './bind';
export { specInputs } from './inputs';
export { lineIndex, type LineIndex } from './text';
