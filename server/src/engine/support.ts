// Whether the local engine can evaluate a query: it is run on generated tables (two typed rows
// per declared table) and its outcome is classified. Answers "how much of a detection library can
// be tested offline, and what blocks the rest?"

import { analyzeQuery } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { walk } from '../kusto/syntax';
import { generatedTables } from './generatedTables';
import { runQuery, type EngineDiagnostic, type Span } from './index';
import type { ColumnSchema, TableProvider } from './table';
import { TICKS_PER_MILLISECOND } from './values';

/**
 * `runs`: evaluated without a diagnostic. `not-supported`: a construct the engine reports as not
 * supported locally. `query-error`: Kusto's analysis rejects the query in this environment.
 * `engine-error`: the engine failed (an internal error, or a row cap or deadline hit on two rows).
 */
export type SupportStatus = 'runs' | 'not-supported' | 'query-error' | 'engine-error';

export interface SupportReason extends Span {
  message: string;
}

export interface Support {
  status: SupportStatus;
  /** Why it does not run, first blocking cause first; empty when it runs. */
  reasons: SupportReason[];
}

export interface SupportOptions {
  /** Pinned now() in ticks (default: the clock, read once). */
  now?: bigint;
  /** Milliseconds one query may run before it counts as an engine error (default 60,000: only a guard against runaway work, generous because the first analysis in a process loads Kusto and a busy machine is slow). */
  timeLimit?: number;
}

/** Rows any operator may produce on generated tables before the run counts as runaway. */
const MAX_ROWS = 100_000;

/** Runs `text` on generated tables of `environment` and says whether the engine evaluates it. */
export function supportOf(text: string, environment: Environment, options: SupportOptions = {}): Support {
  const now = options.now ?? BigInt(Date.now()) * TICKS_PER_MILLISECOND;
  const runOn = (provider: TableProvider) =>
    runQuery(text, environment, { now, provider, maxRows: MAX_ROWS, deadline: Date.now() + (options.timeLimit ?? 60_000) }).diagnostics.filter((d) => d.severity === 'error');
  let errors = runOn(generatedTables(environment, now));
  // An open table has no columns at first, which fails a query that needs the columns it names
  // on it (in its result, in `distinct`, in a join key); events bound to the table would bring
  // them, so it is run again with them.
  if (errors[0]?.code === 'not-supported-locally') {
    const columns = openTableColumns(text, environment);
    if (columns.size > 0) errors = runOn(generatedTables(environment, now, columns));
  }
  if (errors.length === 0) return { status: 'runs', reasons: [] };
  return { status: statusOf(errors[0]), reasons: errors.map((d) => ({ start: d.start, end: d.end, message: d.message })) };
}

/**
 * The columns events bound to an open table would bring for this query: the ones Kusto finds it
 * names on open tables (typed `unknown` by the analysis, which stays open), holding dynamic
 * values, the type of any JSON value. Every open table the query reads gets them all.
 */
function openTableColumns(text: string, environment: Environment): Map<string, ColumnSchema[]> {
  const open = new Set(environment.openTables);
  if (open.size === 0) return new Map();
  const syntax = analyzeQuery(text, environment).syntax;
  const tables = new Set<string>();
  const names = new Set<string>();
  walk(syntax, (node) => {
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Table' && open.has(node.symbol.name)) tables.add(node.symbol.name);
    if (node.type?.kind === 'table') for (const column of node.type.columns) if (column.type === 'unknown') names.add(column.name);
  });
  const columns: ColumnSchema[] = [...names].map((name) => ({ name, type: 'dynamic' }));
  return new Map([...tables].map((table) => [table, columns]));
}

function statusOf(diagnostic: EngineDiagnostic): SupportStatus {
  switch (diagnostic.code) {
    case 'query-error':
      return 'query-error';
    case 'not-supported-locally':
      return 'not-supported';
    default:
      return 'engine-error';
  }
}

/** `status: message` of each block's first reason, with how many blocks it stops, most first. */
export function firstReasons(blocks: readonly { status: SupportStatus; reasons: readonly { message: string }[] }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const block of blocks) {
    const first = block.reasons[0];
    if (!first) continue;
    const key = `${block.status}: ${first.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
