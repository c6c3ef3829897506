// One preview: pick the query block, find and read its sample events, pin now(), run the engine
// with explain, and build the model. Never throws on user input.
//
// A first look at a large event set not yet loaded runs without explain on a streamed read, so
// the leading `where`s filter as the file is read: the matches show in a fraction of the time a
// whole read takes. The explained run that follows reads every event and keeps them for re-runs.

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
  /** Answer with a first look when the host can stream the events (the model says `firstLook`). */
  firstLook?: boolean;
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
  const bindings = source.bindings.map(({ table, files }) => ({ table, files, schema: tableColumns(environment, table) }));
  const streamed = request.firstLook && query ? host.streamEvents?.(bindings) : undefined;
  const provider = streamed?.provider ?? host.loadEvents(bindings, request.isCancelled);
  if (request.isCancelled?.()) return { cancelled: true };
  const now = pinNow(request.now, source.now, streamed?.timeColumns ?? provider, Date.now());

  const explain = !streamed;
  const run = query ? runQuery(blockText, environment, { now: now.ticks, provider, explain, isCancelled: request.isCancelled }) : { results: [], diagnostics: [] };
  if (run.diagnostics.some((d) => d.code === 'cancelled')) return { cancelled: true };

  const result = run.results.at(-1);
  const built = buildModel({
    detection: request.detection,
    documentText: request.text,
    query,
    result,
    diagnostics: run.diagnostics,
    provider,
    eventCount: streamed ? (table) => streamed.eventsRead(table) ?? 0 : (table) => provider.table(table)?.rowCount ?? 0,
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
  const elapsedMs = Math.round(performance.now() - started);
  return { model: streamed ? { ...built, firstLook: true, elapsedMs } : { ...built, elapsedMs } };
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
