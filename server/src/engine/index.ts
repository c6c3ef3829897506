// The public API of the local KQL engine: run a query over tables bound by a provider.

import { analyzeQuery, type BlockAnalysis } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { QueryCompiler } from './compileTabular';
import { DEFAULT_MAX_ROWS, EngineStop, RunState, type Rel } from './runtime';
import type { ColumnSchema, TableProvider } from './table';
import type { EngineDiagnostic } from './diagnostics';
import type { ExplainTrace } from './trace';
import { TICKS_PER_MILLISECOND, type Value } from './values';

export type { EngineDiagnostic } from './diagnostics';
export type { BranchTrace, DroppedRow, ExplainTrace, RowTrace, SourceRow, Span } from './trace';
export type { ColumnSchema, Table, TableProvider } from './table';
export type { ScalarType, Value } from './values';
export { memoryTable } from './memoryTable';

export interface RunOptions {
  /** Pinned now() in ticks; default: one clock reading per query. */
  now?: bigint;
  /** Table name → Table. */
  provider?: TableProvider;
  /** Record the explain trace (cheap when false). */
  explain?: boolean;
  /** Date.now() ms after which evaluation stops with a 'cancelled' diagnostic. */
  deadline?: number;
  /** Polled every few thousand rows. */
  isCancelled?: () => boolean;
  /** Cap on rows any operator may produce (default 5,000,000) → 'limit-exceeded'. */
  maxRows?: number;
}

export interface ResultTable {
  columns: ColumnSchema[];
  rows: Value[][];
  trace?: ExplainTrace;
}

export interface RunResult {
  results: ResultTable[];
  diagnostics: EngineDiagnostic[];
}

/** Runs `text` against `environment` plus the tables bound by `options.provider`. Never throws. */
export function runQuery(text: string, environment: Environment, options: RunOptions = {}): RunResult {
  try {
    const analysis = cachedAnalysis(text, analysisEnvironmentFor(environment, options.provider));
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      return { results: [], diagnostics: errors.map((d) => ({ start: d.start, end: d.end, severity: 'error', message: d.message, code: 'query-error' })) };
    }
    const now = options.now ?? BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const state = new RunState(now, options.explain ?? false, options.maxRows ?? DEFAULT_MAX_ROWS, options.deadline, options.isCancelled);
    const compiler = new QueryCompiler(text, state, options.provider);
    const statements = compiler.compileQuery(analysis.syntax);
    const results = statements.map((statement) => toResultTable(statement.run(), state.explain));
    return { results, diagnostics: [] };
  } catch (error) {
    if (error instanceof EngineStop) return { results: [], diagnostics: [error.diagnostic] };
    const message = error instanceof Error ? error.message : String(error);
    return { results: [], diagnostics: [{ start: 0, end: text.length, severity: 'error', code: 'runtime-error', message: `internal engine error: ${message}` }] };
  }
}

function toResultTable(rel: Rel, explain: boolean): ResultTable {
  const columns = rel.columns.map((_, i) => rel.column(i));
  const rows: Value[][] = new Array(rel.rowCount);
  for (let row = 0; row < rel.rowCount; row++) {
    const values = new Array<Value>(columns.length);
    for (let c = 0; c < columns.length; c++) values[c] = columns[c][row];
    rows[row] = values;
  }
  const result: ResultTable = { columns: rel.columns.map((c) => ({ name: c.name, type: c.type })), rows };
  if (explain) result.trace = { rows: rel.trace ?? [], dropped: rel.dropped ?? [] };
  return result;
}

/** How many analysed queries to keep per environment: re-running a query skips Kusto's analysis. */
const ANALYSIS_CACHE_SIZE = 16;
const analyses = new WeakMap<Environment, Map<string, BlockAnalysis>>();

/** Kusto's analysis of `text`, reused while the query and environment are unchanged (LRU). */
function cachedAnalysis(text: string, environment: Environment): BlockAnalysis {
  let cache = analyses.get(environment);
  if (!cache) {
    cache = new Map();
    analyses.set(environment, cache);
  }
  let analysis = cache.get(text);
  if (analysis) {
    cache.delete(text); // re-inserted below as the most recent
  } else {
    analysis = analyzeQuery(text, environment);
    if (cache.size >= ANALYSIS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, analysis);
  return analysis;
}

/** Environments extended with provider tables, by the extra tables' schemas (bounded, LRU). */
const extended = new WeakMap<Environment, Map<string, Environment>>();

/**
 * The environment plus every provider table it does not already declare with columns (a declared
 * schema wins: it is the documented one). Keyed by the extra schemas, not by provider object, so
 * a new provider over the same tables reuses Kusto's GlobalState and the analyses cached for it.
 */
export function analysisEnvironmentFor(environment: Environment, provider: TableProvider | undefined): Environment {
  if (!provider) return environment;
  // Open tables (unknown columns) take the provider's schema when it has one.
  const known = new Set(environment.tables.map((t) => t.name));
  const extra = provider
    .tableNames()
    .filter((name) => !known.has(name))
    .map((name) => ({ name, columns: (provider.table(name)?.schema ?? []).map((c) => ({ name: c.name, type: c.type as string })) }));
  if (extra.length === 0) return environment;
  let byKey = extended.get(environment);
  if (!byKey) {
    byKey = new Map();
    extended.set(environment, byKey);
  }
  const key = JSON.stringify(extra);
  let merged = byKey.get(key);
  if (merged) {
    byKey.delete(key); // re-inserted below as the most recent
  } else {
    merged = { ...environment, tables: [...environment.tables, ...extra] };
    if (byKey.size >= ANALYSIS_CACHE_SIZE) byKey.delete(byKey.keys().next().value!);
  }
  byKey.set(key, merged);
  return merged;
}
