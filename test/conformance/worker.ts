// Runs conformance cases in a worker thread, so that the runner can stop a case that hangs by
// terminating the worker, which no in-process deadline could do.

import { parentPort } from 'node:worker_threads';
import { runQuery, type RunResult } from '../../server/src/engine';
import type { Environment } from '../../server/src/kusto/globals';

export interface CaseRequest {
  index: number;
  query: string;
  /** Milliseconds the engine gets before its own deadline stops it. */
  budgetMs: number;
}

export type CaseReply = { index: number; result: RunResult } | { index: number; thrown: string };

const EMPTY_ENVIRONMENT: Environment = { tables: [], openTables: [], functions: [] };

parentPort?.on('message', (request: CaseRequest) => {
  let reply: CaseReply;
  try {
    const result = runQuery(request.query, EMPTY_ENVIRONMENT, { deadline: Date.now() + request.budgetMs });
    reply = { index: request.index, result: { results: result.results.map((r) => ({ columns: r.columns, rows: r.rows })), diagnostics: result.diagnostics } };
  } catch (error) {
    reply = { index: request.index, thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
