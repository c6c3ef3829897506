// The preview model of a service's answer: the same panel as a local run, with the service's rows
// and statistics in place of sample events, or its error at its place in the document. Nothing
// local (events, funnel, explanations) is invented for it.

import { describeError } from '../service/errors';
import type { Connection, ServiceError, ServiceOutcome } from '../service/types';
import type { PreviewModel, PreviewProblem } from '../protocol/preview';
import { lineIndex } from '../testing/text';
import type { DetectionFile, DetectionQuery } from '../workspace/detection';
import { toCell } from './model';

export interface ServiceModelInput {
  detection: DetectionFile;
  /** The query that was sent, with its map into the detection's file. */
  query: DetectionQuery;
  connection: Connection;
  outcome: ServiceOutcome;
  maxRows: number;
  elapsedMs: number;
}

export function serviceModel(input: ServiceModelInput): PreviewModel {
  const { connection, outcome } = input;
  const ok = 'ok' in outcome ? outcome.ok : undefined;
  const columns = ok?.result.columns ?? [];
  const rows = (ok?.result.rows ?? []).slice(0, input.maxRows).map((values) => ({
    cells: values.map((value, c) => toCell(value, columns[c].type)),
    explanation: { passed: [], branches: [] },
  }));
  const matched = ok?.result.rows.length ?? 0;
  return {
    detection: input.detection.file,
    block: input.query.host,
    events: { origin: 'none', description: `the data of ${connection.name} (${connection.kind})`, files: [], tables: [] },
    now: { iso: new Date().toISOString(), origin: 'clock' },
    totals: { scanned: matched, matched, dropped: 0 },
    funnel: [],
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
    rowsTruncated: matched > rows.length,
    flags: [],
    unmatched: [],
    unmatchedTruncated: false,
    problems: 'error' in outcome ? [serviceProblem(input, outcome.error)] : [],
    elapsedMs: input.elapsedMs,
    service: { connection: connection.name, kind: connection.kind, statistics: ok?.statistics ?? { rows: 0, durationMs: input.elapsedMs } },
  };
}

/** The service's error; a query error at its position, mapped from the sent query into its file. */
function serviceProblem(input: ServiceModelInput, error: ServiceError): PreviewProblem {
  const message = `${input.connection.name}: ${describeError(error)}`;
  if (!error.position) return { severity: 'error', message, code: `service-${error.kind}` };
  const { query, detection } = input;
  const start = query.toHost(lineIndex(query.text).offsetAt(error.position.line, error.position.column));
  const end = Math.min(query.host.end, start + Math.max(1, /^\w*/.exec(detection.text.slice(start))![0].length));
  return { severity: 'error', message, code: `service-${error.kind}`, query: { start, end, ...lineIndex(detection.text).positionAt(start) } };
}
