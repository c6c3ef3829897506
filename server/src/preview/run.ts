// One preview: pick the query block, find and read its sample events, pin now(), run the engine
// with explain, and build the model. Never throws on user input.

import { runQuery, type ResultTable, type Span } from '../engine/index';
import { tableColumns } from '../engine/schema';
import { namesMentioned } from '../kusto/blocks';
import type { Environment } from '../kusto/globals';
import type { PreviewModel } from '../protocol/preview';
import { findEvents } from './events';
import type { PreviewHost } from './host';
import { buildModel } from './model';
import { pinNow } from './now';
import { queryAt, readDetection } from '../workspace/detection';

export interface PreviewRequest {
  /** Path of the detection file (a `.kql` file or a rule file): the conventions look for events next to it. */
  detection: string;
  text: string;
  /** A host offset inside the query to preview; default: the last query. */
  offset?: number;
  /** Files or folders the user picked. */
  chosenEvents?: readonly string[];
  /** A now() the user pinned, in ticks. */
  now?: bigint;
  /** Cap on rows and unmatched events in the model (the counts cover all). */
  maxRows: number;
  isCancelled?: () => boolean;
}

export type PreviewOutcome = { model: PreviewModel } | { cancelled: true };

export function runPreview(request: PreviewRequest, environment: Environment, host: PreviewHost): PreviewOutcome {
  const started = performance.now();
  // A `.kql` block, or a rule file's query; YAML or JSON without a detection has none.
  const detection = readDetection(request.detection, request.text);
  const query = detection && queryAt(detection, request.offset);
  const blockText = query?.text ?? '';
  const knownTables = new Set(environment.tables.map((t) => t.name));
  const tablesRead = namesMentioned(blockText, knownTables);

  const source = findEvents(request.detection, host, { chosen: request.chosenEvents, tablesRead, knownTables });
  const provider = host.loadEvents(
    source.bindings.map(({ table, files }) => ({ table, files, schema: tableColumns(environment, table) })),
    request.isCancelled,
  );
  if (request.isCancelled?.()) return { cancelled: true };
  const now = pinNow(request.now, source.now, provider, Date.now());

  const run = query ? runQuery(blockText, environment, { now: now.ticks, provider, explain: true, isCancelled: request.isCancelled }) : { results: [], diagnostics: [] };
  if (run.diagnostics.some((d) => d.code === 'cancelled')) return { cancelled: true };

  const result = run.results.at(-1);
  const built = buildModel({
    detection: request.detection,
    documentText: request.text,
    query,
    result,
    diagnostics: run.diagnostics,
    provider,
    eventProblems: provider.problems(),
    unknownFields: provider.unknownFields(),
    tablesRead: namesMentioned(blockText, new Set(provider.tableNames())),
    predicates: result ? predicatesOf(result) : [],
    source,
    now,
    maxRows: request.maxRows,
    readLines: host.readLines?.bind(host),
  });
  // The whole preview: reading events, the run, and the model with its events.
  return { model: { ...built, elapsedMs: Math.round(performance.now() - started) } };
}

/**
 * The `where` predicates rows met, in text order (the pipeline's): those some row passed or was
 * dropped by. Read from the trace rather than a second parse of the block, which would cost as
 * much as the run itself; a predicate no row reached has nothing to show in the funnel anyway.
 */
function predicatesOf(result: ResultTable): Span[] {
  const byKey = new Map<string, Span>();
  const add = (span: Span) => byKey.set(`${span.start}:${span.end}`, span);
  for (const row of result.trace?.rows ?? []) row.passed.forEach(add);
  for (const row of result.trace?.dropped ?? []) add(row.droppedBy);
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
