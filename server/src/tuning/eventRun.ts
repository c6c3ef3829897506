// Runs a detection on a handful of events written as text (a false positive and its attack
// variants), in a table of their own, and says which of them it alerts on.

import { memoryTable, runQuery, type TableProvider } from '../engine/index';
import { CellError, fromText } from '../events/convert';
import { scalarType, type ScalarType, type Value } from '../engine/values';
import type { Environment } from '../kusto/globals';
import { queryBlocks } from '../kusto/blocks';
import type { TuningEvent } from './exclusion';

export interface EventRun {
  /** Indices of the events that raise an alert. */
  alerting: Set<number>;
  /** The query did not run (an error, an unsupported construct, a cancellation): `alerting` tells nothing. */
  failed: boolean;
  /** Why the run could not tell, or an event that does not fit its table. */
  problems: string[];
}

export interface EventRunOptions {
  environment: Environment;
  now?: bigint;
  /** An offset in the query block to run (default: the last block with a query). */
  offset?: number;
  isCancelled?: () => boolean;
}

/** Runs the query block of `text` on `events`, which all belong to `table`. */
export function runOnEvents(text: string, table: string, events: readonly TuningEvent[], options: EventRunOptions): EventRun {
  const blocks = queryBlocks(text);
  const offset = options.offset;
  const block = (offset === undefined ? undefined : blocks.find((b) => b.start <= offset && offset <= b.end)) ?? blocks.at(-1);
  if (!block) return { alerting: new Set(), failed: true, problems: ['the document has no query'] };
  const { provider, problems } = eventProvider(table, events, options.environment);
  const run = runQuery(block.text, options.environment, { provider, now: options.now, explain: true, isCancelled: options.isCancelled });
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { alerting: new Set(), failed: true, problems: [...problems, ...errors.map((d) => d.message)] };
  const alerting = new Set<number>();
  for (const row of run.results.at(-1)?.trace?.rows ?? []) for (const source of row.sources) if (source.table === table) alerting.add(source.row);
  return { alerting, failed: false, problems };
}

function eventProvider(table: string, events: readonly TuningEvent[], environment: Environment): { provider: TableProvider; problems: string[] } {
  const known = environment.tables.find((t) => t.name === table)?.columns;
  const schema = known
    ? known.map((c) => ({ name: c.name, type: scalarType(c.type) ?? ('dynamic' as ScalarType) }))
    : [...new Set(events.flatMap((e) => Object.keys(e.fields)))].map((name) => ({ name, type: 'string' as ScalarType }));
  const problems: string[] = [];
  const rows = events.map((event) =>
    schema.map(({ name, type }): Value => {
      const text = event.fields[name];
      if (text === undefined) return type === 'string' ? '' : null;
      const cell = fromText(text, type);
      if (!(cell instanceof CellError)) return cell;
      problems.push(`${name}: ${cell.message}`);
      return null;
    }),
  );
  const data = memoryTable(schema, rows);
  return { provider: { table: (name) => (name === table ? data : undefined), tableNames: () => [table] }, problems };
}
