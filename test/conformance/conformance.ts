// Runs every documented case through the engine and decides each one's outcome.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../../server/src/engine';
import { inSurface, loadCases, nondeterminism, type ConformanceCase } from './cases';
import { compareTables } from './compare';
import type { CaseReply, CaseRequest } from './worker';

export type Outcome = 'pass' | 'wrong' | 'unsupported' | 'nondeterministic' | 'doc-error';

export interface CaseOutcome {
  outcome: Outcome;
  /** Why, for anything but a pass: the diff, the engine's message, or the doc error. */
  reason?: string;
}

export interface ConformanceReport {
  cases: ConformanceCase[];
  outcomes: Map<string, CaseOutcome>;
}

/** The engine's own deadline per case; the worker is terminated if a case overruns it by far. */
const ENGINE_BUDGET_MS = 5_000;
const HARD_TIMEOUT_MS = 20_000;
const MAX_REASON = 400;

/** Doc errors verified by reading the case: id → one-line reason. */
export function loadDocErrors(): Record<string, string> {
  return JSON.parse(readFileSync(join(__dirname, 'doc-errors.json'), 'utf8')) as Record<string, string>;
}

/**
 * Cases whose doc output cannot be reproduced although the data set does not flag them, each
 * with the reason, verified by reading the case: id → one-line reason.
 */
export function loadNondeterministic(): Record<string, string> {
  return JSON.parse(readFileSync(join(__dirname, 'nondeterministic.json'), 'utf8')) as Record<string, string>;
}

export async function runConformance(): Promise<ConformanceReport> {
  const cases = loadCases();
  const docErrors = loadDocErrors();
  const unflagged = loadNondeterministic();
  const outcomes = new Map<string, CaseOutcome>();
  const runner = new CaseRunner();
  try {
    for (let index = 0; index < cases.length; index++) {
      const testCase = cases[index];
      const reply = await runner.run({ index, query: testCase.query, budgetMs: ENGINE_BUDGET_MS });
      outcomes.set(testCase.id, decide(testCase, reply, docErrors[testCase.id], unflagged[testCase.id]));
    }
  } finally {
    await runner.close();
  }
  return { cases, outcomes };
}

/** The outcome of one case from what the engine returned. */
export function decide(testCase: ConformanceCase, reply: CaseReply | 'timeout', docError?: string, nondeterministic?: string): CaseOutcome {
  if (docError) return { outcome: 'doc-error', reason: docError };
  if (reply === 'timeout') return { outcome: 'wrong', reason: `no answer within ${HARD_TIMEOUT_MS / 1000} s (worker terminated)` };
  if ('thrown' in reply) return { outcome: 'wrong', reason: clip(`engine threw: ${reply.thrown.split('\n')[0]}`) };
  const result: RunResult = reply.result;
  const unsupported = result.diagnostics.find((d) => d.code === 'not-supported-locally');
  if (unsupported) return { outcome: 'unsupported', reason: clip(unsupported.message) };
  // The engine analyses with Kusto.Language 12.4.1; where that parser rejects a documented query, the
  // engine gives no answer at all. That is a refusal to evaluate, not a different answer.
  const rejected = result.diagnostics.find((d) => d.code === 'query-error');
  if (rejected) return { outcome: 'unsupported', reason: clip(`Kusto.Language rejects the query: ${rejected.message}`) };
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) return { outcome: 'wrong', reason: clip(`engine ${error.code}: ${error.message}`) };
  const table = result.results.at(-1);
  const diff = table ? compareTables(testCase.expected, table, { order: testCase.order, subset: testCase.truncated }) : 'the engine returned no result table';
  if (diff === undefined) return { outcome: 'pass' };
  const why = nondeterministic ?? nondeterminism(testCase);
  // The diff is left out: it holds clock readings and random values, which would change outcomes.json on every run.
  if (why) return { outcome: 'nondeterministic', reason: clip(why) };
  return { outcome: 'wrong', reason: clip(diff) };
}

function clip(text: string): string {
  return text.length > MAX_REASON ? text.slice(0, MAX_REASON - 3) + '...' : text;
}

/** One worker thread that runs cases one at a time; replaced when a case overruns. */
class CaseRunner {
  private worker: Worker | undefined;
  /** Whether any worker has answered: a worker that fails before that cannot run anything. */
  private started = false;

  async run(request: CaseRequest): Promise<CaseReply | 'timeout'> {
    // The worker loads TypeScript through tsx's require hook, as the runner itself does.
    const worker = (this.worker ??= new Worker(`require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'worker.ts'))});`, { eval: true }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        resolve('timeout');
      }, HARD_TIMEOUT_MS);
      const onMessage = (reply: CaseReply) => {
        if (reply.index !== request.index) return;
        this.started = true;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = undefined;
        if (!this.started) reject(new Error(`the conformance worker cannot start: ${error.message}`));
        else resolve({ index: request.index, thrown: `worker failed: ${error.message}` });
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

export interface Summary {
  total: number;
  counts: Record<Outcome, number>;
  inSurface: { total: number; pass: number; /** in-surface cases less doc errors and nondeterministic ones */ comparable: number };
  inline: { total: number; pass: number };
}

export function summarize(report: ConformanceReport): Summary {
  const counts: Record<Outcome, number> = { pass: 0, wrong: 0, unsupported: 0, nondeterministic: 0, 'doc-error': 0 };
  const surface = { total: 0, pass: 0, comparable: 0 };
  const inline = { total: 0, pass: 0 };
  for (const testCase of report.cases) {
    const { outcome } = report.outcomes.get(testCase.id)!;
    counts[outcome]++;
    if (testCase.source === 'inline') {
      inline.total++;
      if (outcome === 'pass') inline.pass++;
    } else if (inSurface(testCase)) {
      surface.total++;
      if (outcome === 'pass') surface.pass++;
      if (outcome !== 'doc-error' && outcome !== 'nondeterministic') surface.comparable++;
    }
  }
  return { total: report.cases.length, counts, inSurface: surface, inline };
}
