// The live preview's messages, declared once: the `kqlDetect/preview` LSP request (client ↔
// server) and the panel's webview messages (client ↔ webview). Types only plus method names, so
// the browser bundle can import it too.

import { notification, request } from './messages';

/** A cell as the panel shows and sorts it: datetimes as ISO text, dynamics as JSON text. */
export type CellValue = string | number | boolean | null;

/** A place in an event file; line and column are 1-based (column 0: the whole line). */
export interface EventLocation {
  file: string;
  line: number;
  column: number;
}

/** A span of the detection: document offsets, plus the 1-based line and column of its start. */
export interface QueryRange {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** A predicate or branch of the detection, as its text (whitespace collapsed) and where it is. */
export interface QueryPart {
  text: string;
  range: QueryRange;
}

export interface EventField {
  name: string;
  /** The value as text: attacker-controlled, shown only as text. */
  value: string;
}

/** One input event, with the fields it carries (empty values left out). */
export interface PreviewEvent {
  table: string;
  /** 0-based row in its table. */
  row: number;
  location?: EventLocation;
  fields: EventField[];
}

export interface BranchExplanation {
  column: string;
  /** 0-based index of the predicate that fired, or 'else'. */
  branch: number | 'else';
  predicate: QueryPart;
}

export interface RowExplanation {
  passed: QueryPart[];
  branches: BranchExplanation[];
}

export interface PreviewRow {
  cells: CellValue[];
  /** The input event the row was built from (the first one, after a join or summarize). */
  event?: PreviewEvent;
  explanation: RowExplanation;
}

export interface UnmatchedEvent {
  event: PreviewEvent;
  droppedBy: QueryPart;
}

/** One `where` predicate: how many rows it dropped, and how many were left after it. */
export interface FunnelStep {
  predicate: QueryPart;
  dropped: number;
  remaining: number;
}

export interface CategoryCount {
  value: string;
  count: number;
}

export interface PreviewProblem {
  severity: 'error' | 'warning';
  message: string;
  /** An engine code (`not-supported-locally`, …), or `events` for a problem in an event file. */
  code: string;
  /** Where in the detection, for engine problems. */
  query?: QueryRange;
  /** Where in an event file, for event problems. */
  event?: EventLocation;
}

export type EventsOrigin = 'spec' | 'convention' | 'chosen' | 'none';
export type NowOrigin = 'spec' | 'events' | 'chosen' | 'clock';

export interface PreviewModel {
  /** The detection file (a path, or the document URI when it is not a file). */
  detection: string;
  /** The query block previewed, in document offsets. */
  block: { start: number; end: number };
  events: {
    origin: EventsOrigin;
    /** In words: "spec remote-desktop-software.test.yaml", "events/ next to the detection"… */
    description: string;
    files: string[];
    tables: { name: string; events: number }[];
  };
  now: { iso: string; origin: NowOrigin };
  totals: { scanned: number; matched: number; dropped: number };
  funnel: FunnelStep[];
  columns: { name: string; type: string }[];
  rows: PreviewRow[];
  /** True when more rows matched than `rows` holds (the `maxRows` setting). */
  rowsTruncated: boolean;
  /** Matches per value of the computed category column (a string column set by `case()`). */
  category?: { column: string; counts: CategoryCount[] };
  /** Computed boolean columns (triage flags such as `SuspiciousParent`). */
  flags: string[];
  unmatched: UnmatchedEvent[];
  unmatchedTruncated: boolean;
  problems: PreviewProblem[];
  elapsedMs: number;
  /**
   * A first look at a large event set: its rows and totals from a read that filtered as it went.
   * The funnel, the dropped count, each row's explanation and event, and the unmatched events
   * come with the explained run, which the client asks for next.
   */
  firstLook?: true;
  /** Set when the rows are a service's answer on its own data, not the local engine's on sample events. */
  service?: ServiceOrigin;
}

export interface ServiceOrigin {
  connection: string;
  kind: string;
  /** What the service reports: rows, its execution time (else the request's), its CPU when given. */
  statistics: { rows: number; durationMs: number; cpuMs?: number };
}

// --- LSP: client ↔ server -------------------------------------------------------------------------

export interface PreviewParams {
  textDocument: { uri: string };
  /** Document offset inside the query block to preview; default: the last block with a query. */
  offset?: number;
  /** Event files or folders the user picked; default: found by convention. */
  events?: string[];
  /** Pinned now() as ISO 8601; default: the spec's, else the latest event time. */
  now?: string;
  /** Cap on the output rows and unmatched events sent back. */
  maxRows?: number;
  /** Answer with a first look when the events are large and not loaded yet (see `PreviewModel.firstLook`). */
  firstLook?: boolean;
}

export type PreviewResult = { model: PreviewModel } | { cancelled: true } | { error: string };

/** Client → server: evaluate the detection on its sample events (off the LSP main loop). */
export const previewRequest = request<PreviewParams, PreviewResult>('kqlDetect/preview');

export interface PreviewEventsChoiceParams {
  uri: string;
  /** Files or folders; undefined: back to the convention. */
  events?: string[];
}

/** Client → server: the user's events choice for a detection, so the CodeLens counts agree with the panel. */
export const previewEventsChoice = notification<PreviewEventsChoiceParams>('kqlDetect/previewEventsChoice');

/** The command the CodeLens and the editor title run: `(uri?: string, offset?: number)`. */
export const PREVIEW_COMMAND = 'kqlDetect.preview';

// --- Webview: client ↔ panel ----------------------------------------------------------------------

export type HostToWebview =
  | { type: 'running'; detection: string }
  | { type: 'model'; model: PreviewModel; maxRows: number }
  | { type: 'failed'; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'pickEvents' }
  | { type: 'setNow'; iso: string | null }
  | { type: 'openEvent'; location: EventLocation }
  | { type: 'openQuery'; range: QueryRange }
  | { type: 'exclude'; row: number; unmatched: boolean }
  | { type: 'copy'; text: string }
  | { type: 'export'; format: 'csv' | 'json'; text: string };

/** What the panel keeps across reloads (`vscode.setState`), read back by the serializer. */
export interface PreviewPanelState {
  detection: string;
}

/** The command the panel's "Exclude…" hands over to (registered by the tuning feature). */
export const EXCLUDE_ROW_COMMAND = 'kqlDetect.tuning.excludeRow';
