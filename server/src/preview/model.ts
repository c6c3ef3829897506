// Builds the preview model from one explained engine run: totals, the per-`where` funnel, matches
// per category, output rows with their explanation and input event, and the unmatched events with
// the predicate that dropped each. Plain data in, plain data out.

import type { EngineDiagnostic, ResultTable, SourceRow, Span } from '../engine/index';
import type { Table, TableProvider } from '../engine/table';
import { formatDateTime, formatTimespan, type ScalarType, type Value } from '../engine/values';
import type {
  CategoryCount,
  CellValue,
  FunnelStep,
  PreviewEvent,
  PreviewModel,
  PreviewProblem,
  PreviewRow,
  QueryPart,
  QueryRange,
  UnmatchedEvent,
} from '../protocol/preview';
import { displayValue } from '../testing/cells';
import { lineIndex, type LineIndex } from '../testing/text';
import { formatOf } from '../events/read';
import type { FileProblem } from '../text/problem';
import type { EventSource } from './events';
import type { PreviewHost } from './host';
import type { PinnedNow } from './now';
import type { DetectionQuery } from '../workspace/detection';

export interface ModelInput {
  detection: string;
  /** The whole host file, and the query that ran (the engine's spans are in its offsets). */
  documentText: string;
  query: DetectionQuery | undefined;
  /** The last output table of the run; undefined when the run produced none. */
  result: ResultTable | undefined;
  diagnostics: readonly EngineDiagnostic[];
  provider: TableProvider;
  /** Events each bound table holds (a streamed table counts what its read went through). */
  eventCount(table: string): number;
  eventProblems: readonly FileProblem[];
  /** Event keys the tables' schemas have no column for (warnings: their values are ignored). */
  unknownFields: readonly FileProblem[];
  /** Tables the detection reads (the scanned events are theirs). */
  tablesRead: readonly string[];
  /** The `where` predicates of the block, in block offsets and pipeline order. */
  predicates: readonly Span[];
  source: EventSource;
  now: PinnedNow;
  maxRows: number;
  /** Reads lines of an event file: JSON Lines events are shown from their text (see EventReader). */
  readLines?: PreviewHost['readLines'];
}

const SNIPPET_LENGTH = 120;
/**
 * Most unmatched events in a model: each carries its whole event, and on a large file nearly
 * every event is unmatched. Enough to page through; the funnel counts them all.
 */
export const UNMATCHED_LIMIT = 1000;

/** The model; the caller, who times the whole preview, adds `elapsedMs`. */
export function buildModel(input: ModelInput): Omit<PreviewModel, 'elapsedMs'> {
  const parts = new QueryParts(input.documentText, input.query);
  const result = input.result;
  const trace = result?.trace;
  const events = new EventReader(input.provider, input.readLines);

  const scannedTables = input.tablesRead.filter((name) => input.provider.table(name));
  const scanned = (scannedTables.length > 0 ? scannedTables : input.provider.tableNames()).reduce((sum, name) => sum + input.eventCount(name), 0);
  const matched = result?.rows.length ?? 0;
  const dropped = trace?.dropped ?? [];

  const columns = result?.columns ?? [];
  const shownDropped = dropped.slice(0, Math.min(input.maxRows, UNMATCHED_LIMIT));
  events.prefetch([...(trace?.rows.slice(0, input.maxRows) ?? []), ...shownDropped].map((row) => row.sources[0]));
  const rows: PreviewRow[] = (result?.rows.slice(0, input.maxRows) ?? []).map((values, i) => {
    const rowTrace = trace?.rows[i];
    return {
      cells: values.map((value, c) => toCell(value, columns[c].type)),
      event: rowTrace ? events.read(rowTrace.sources[0]) : undefined,
      explanation: {
        passed: (rowTrace?.passed ?? []).map((span) => parts.of(span)),
        branches: (rowTrace?.branches ?? []).map((b) => ({ column: b.column, branch: b.branch, predicate: parts.of(b.span) })),
      },
    };
  });

  const unmatched: UnmatchedEvent[] = [];
  for (const row of shownDropped) {
    const event = events.read(row.sources[0]);
    if (event) unmatched.push({ event, droppedBy: parts.of(row.droppedBy) });
  }

  const sourceColumns = new Set(input.provider.tableNames().flatMap((name) => input.provider.table(name)?.schema.map((c) => c.name) ?? []));
  return {
    detection: input.detection,
    block: input.query?.host ?? { start: 0, end: 0 },
    events: {
      origin: input.source.origin,
      description: input.source.description,
      files: input.source.bindings.flatMap((b) => b.files),
      tables: input.provider.tableNames().map((name) => ({ name, events: input.eventCount(name) })),
    },
    now: { iso: formatDateTime(input.now.ticks), origin: input.now.origin },
    totals: { scanned, matched, dropped: dropped.length },
    funnel: funnel(input.predicates, dropped.map((d) => d.droppedBy), scanned, parts),
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
    rowsTruncated: matched > rows.length,
    category: result ? category(result) : undefined,
    flags: columns.filter((c) => c.type === 'bool' && !sourceColumns.has(c.name)).map((c) => c.name),
    unmatched,
    unmatchedTruncated: dropped.length > unmatched.length,
    problems: problems(input, parts),
  };
}

/** Per predicate in pipeline order: the rows it dropped and the rows left after it. */
function funnel(predicates: readonly Span[], droppedBy: readonly Span[], scanned: number, parts: QueryParts): FunnelStep[] {
  const counts = new Map<string, number>();
  for (const span of droppedBy) counts.set(key(span), (counts.get(key(span)) ?? 0) + 1);
  let remaining = scanned;
  return predicates.map((span) => {
    const dropped = counts.get(key(span)) ?? 0;
    remaining -= dropped;
    return { predicate: parts.of(span), dropped, remaining };
  });
}

function key(span: Span): string {
  return `${span.start}:${span.end}`;
}

/**
 * Matches per value of the category column: the first string output column whose value a
 * `case()`/`iff()` chose (e.g. `ToolFamily`). Sorted by count, then value.
 */
function category(result: ResultTable): PreviewModel['category'] {
  const branchColumns = new Set(result.trace?.rows.flatMap((row) => row.branches.map((b) => b.column)) ?? []);
  const index = result.columns.findIndex((c) => c.type === 'string' && branchColumns.has(c.name));
  if (index < 0) return undefined;
  const counts = new Map<string, number>();
  for (const row of result.rows) {
    const value = String(row[index] ?? '');
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const sorted: CategoryCount[] = [...counts].map(([value, count]) => ({ value, count }));
  sorted.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { column: result.columns[index].name, counts: sorted };
}

function problems(input: ModelInput, parts: QueryParts): PreviewProblem[] {
  const fromEngine = input.diagnostics.map((d): PreviewProblem => ({ severity: d.severity, message: d.message, code: d.code, query: parts.range(d) }));
  const fromSource = input.source.problems.map((p) => eventProblem(p, 'error', 'events'));
  const fromEvents = input.eventProblems.map((p) => eventProblem(p, 'error', 'events'));
  const unknownFields = input.unknownFields.map((p) => eventProblem(p, 'warning', 'unknown-field'));
  return [...fromEngine, ...fromSource, ...fromEvents, ...unknownFields];
}

/** A problem placed in an event file, not the query. */
function eventProblem(problem: FileProblem, severity: PreviewProblem['severity'], code: string): PreviewProblem {
  return { severity, message: problem.message, code, event: { file: problem.file, line: problem.line, column: problem.column } };
}

/** A value as a table cell: numbers and booleans as they are, everything else as Kusto shows it. */
export function toCell(value: Value, type: ScalarType): CellValue {
  if (value === null) return null;
  if (typeof value === 'bigint') return type === 'timespan' ? formatTimespan(value) : formatDateTime(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return type === 'dynamic' ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** Spans of the query as snippets (its own text) and host-file ranges. */
class QueryParts {
  private readonly lines: LineIndex;

  constructor(
    hostText: string,
    private readonly query: DetectionQuery | undefined,
  ) {
    this.lines = lineIndex(hostText);
  }

  of(span: Span): QueryPart {
    const raw = (this.query?.text ?? '').slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return { text: raw.length > SNIPPET_LENGTH ? raw.slice(0, SNIPPET_LENGTH - 1) + '…' : raw, range: this.range(span) };
  }

  range(span: Span): QueryRange {
    const { start, end } = this.query ? this.query.spanToHost(span.start, span.end) : span;
    const { line, column } = this.lines.positionAt(start);
    return { start, end, line, column };
  }
}

/**
 * Input events by their source row, with every non-empty field as text. An event from a JSON
 * Lines file is read from its line, as written: decoding every column of a large file just to
 * show a few hundred events would cost more than the run. Other events come from the columns.
 */
class EventReader {
  private readonly lines = new Map<string, Map<number, string>>();

  constructor(
    private readonly provider: TableProvider,
    private readonly readLines: PreviewHost['readLines'],
  ) {}

  /** Reads, in one pass per file, the lines of the JSON Lines events `read` will be asked for. */
  prefetch(sources: readonly (SourceRow | undefined)[]): void {
    if (!this.readLines) return;
    const wanted = new Map<string, number[]>();
    for (const source of sources) {
      const location = source && this.provider.table(source.table)?.source?.(source.row);
      if (!location || formatOf(location.file) !== 'jsonl') continue;
      wanted.set(location.file, [...(wanted.get(location.file) ?? []), location.line]);
    }
    for (const [file, lines] of wanted) this.lines.set(file, this.readLines(file, lines));
  }

  read(source: SourceRow | undefined): PreviewEvent | undefined {
    if (!source) return undefined;
    const table: Table | undefined = this.provider.table(source.table);
    if (!table) return undefined;
    const location = table.source?.(source.row);
    const line = location && this.lines.get(location.file)?.get(location.line);
    const fields = (line !== undefined ? fieldsOfLine(line) : undefined) ?? fieldsOfColumns(table, source.row);
    return { table: source.table, row: source.row, location: location ? { file: location.file, line: location.line, column: 0 } : undefined, fields };
  }
}

/** The fields of a JSON Lines event as written: strings as they are, other values as JSON. */
function fieldsOfLine(line: string): PreviewEvent['fields'] | undefined {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const fields: PreviewEvent['fields'] = [];
  for (const [name, value] of Object.entries(event as Record<string, unknown>)) {
    if (value === null || value === '') continue;
    fields.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  return fields;
}

function fieldsOfColumns(table: Table, row: number): PreviewEvent['fields'] {
  const fields: PreviewEvent['fields'] = [];
  for (const column of table.schema) {
    const value = table.column(column.name)?.[row] ?? null;
    if (value === null || value === '') continue;
    fields.push({ name: column.name, value: displayValue(value, column.type) });
  }
  return fields;
}
