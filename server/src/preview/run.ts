// One preview: pick the query block, find and read its sample events, pin now(), run the engine
// with explain, and build the model. Never throws on user input.

import { runQuery, type Span } from '../engine/index';
import type { ColumnSchema } from '../engine/table';
import { scalarType } from '../engine/values';
import { analyzeDocument, type BlockAnalysis } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';
import { child, walk } from '../kusto/syntax';
import type { PreviewModel } from '../protocol/preview';
import { findEvents } from './events';
import type { PreviewHost } from './host';
import { buildModel } from './model';
import { pinNow } from './now';

export interface PreviewRequest {
  /** Path of the detection file: the conventions look for events next to it. */
  detection: string;
  text: string;
  /** An offset inside the block to preview; default: the last block with a query. */
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
  const blocks = queryBlocks(request.text, environment);
  const block = request.offset === undefined ? blocks.at(-1) : (blocks.find((b) => b.start <= request.offset! && request.offset! <= b.end) ?? blocks.at(-1));
  const blockText = block?.text ?? '';
  const blockStart = block?.start ?? 0;
  const tablesRead = block ? tablesReadBy(block) : [];

  const source = findEvents(request.detection, host, {
    chosen: request.chosenEvents,
    tablesRead,
    knownTables: new Set(environment.tables.map((t) => t.name)),
  });
  const provider = host.loadEvents(
    source.bindings.map(({ table, files }) => ({ table, files, schema: schemaOf(environment, table) })),
    request.isCancelled,
  );
  if (request.isCancelled?.()) return { cancelled: true };
  const now = pinNow(request.now, source.now, provider, Date.now());

  const run = block ? runQuery(blockText, environment, { now: now.ticks, provider, explain: true, isCancelled: request.isCancelled }) : { results: [], diagnostics: [] };
  if (run.diagnostics.some((d) => d.code === 'cancelled')) return { cancelled: true };

  const model = buildModel({
    detection: request.detection,
    documentText: request.text,
    block: { start: blockStart, end: blockStart + blockText.length },
    result: run.results.at(-1),
    diagnostics: run.diagnostics,
    provider,
    eventProblems: provider.problems(),
    tablesRead,
    predicates: block ? wherePredicates(block) : [],
    source,
    now,
    maxRows: request.maxRows,
    elapsedMs: performance.now() - started,
  });
  return { model };
}

/** The blocks of `text` (split at blank lines) that hold more than comments and whitespace. */
export function queryBlocks(text: string, environment: Environment): BlockAnalysis[] {
  return analyzeDocument(text, environment).blocks.filter((block) => !block.isEmpty);
}

/** Names of the tables a block refers to. */
function tablesReadBy(block: BlockAnalysis): string[] {
  const names = new Set<string>();
  walk(block.syntax, (node) => {
    if (node.symbol?.kind === 'Table') names.add(node.symbol.name);
  });
  return [...names];
}

/** Every `where` condition of the block, in block offsets and text order (the pipeline's order). */
function wherePredicates(block: BlockAnalysis): Span[] {
  const spans: Span[] = [];
  walk(block.syntax, (node) => {
    if (node.kind !== 'FilterOperator') return;
    const condition = child(node, 'Condition');
    if (condition) spans.push({ start: condition.start - block.start, end: condition.end - block.start });
  });
  return spans.sort((a, b) => a.start - b.start);
}

function schemaOf(environment: Environment, table: string): ColumnSchema[] | undefined {
  return environment.tables.find((t) => t.name === table)?.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' }));
}
