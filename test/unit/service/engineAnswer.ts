// A fake service's answer: the received query run on the local engine, returned in the API's own
// shape (Kusto v2 frames, Log Analytics tables, Graph hunting results). The CLI, LSP and
// real-VS-Code tests point their connections at the protocol server answering with it, so a
// correct inlining gives the outcomes of a local run.

import { runQuery } from '../../../server/src/engine/index';
import { formatDateTime, formatTimespan, type Value } from '../../../server/src/engine/values';
import { environmentFor } from '../../../server/src/kusto/environment';
import { analysisEnvironment } from '../../../server/src/testing/run';
import { huntingResults, kustoError, kustoFrames, logAnalyticsTables, type Answer } from './protocolServer';

export function engineAnswer(request: { path: string; body: Record<string, unknown> }): Answer {
  // Kusto's cloud-info lookup: a 404 means the default cloud.
  if (request.path.startsWith('/v1/rest/auth/metadata')) return { status: 404, body: {} };
  const kind = request.path.startsWith('/v2/rest/query') ? 'adx' : request.path.includes('/workspaces/') ? 'la' : 'defender';
  const text = String(kind === 'adx' ? request.body.csl : kind === 'la' ? request.body.query : request.body.Query);
  const run = runQuery(text, analysisEnvironment(environmentFor('defender')));
  if (run.diagnostics.length > 0 || run.results.length !== 1) return { status: 400, body: kustoError(run.diagnostics[0]?.message ?? 'no single result') };
  const result = run.results[0];
  const cell = (v: Value, type: string) => (typeof v === 'bigint' ? (type === 'timespan' ? formatTimespan(v) : formatDateTime(v)) : v);
  const rows = result.rows.map((row) => row.map((v, i) => cell(v, result.columns[i].type)));
  const columns = result.columns.map((c) => ({ name: c.name, type: c.type }));
  if (kind === 'adx') return { status: 200, body: kustoFrames(columns, rows) };
  if (kind === 'la') return { status: 200, body: logAnalyticsTables(columns, rows) };
  return { status: 200, body: huntingResults(columns.map((c) => ({ name: c.name, type: c.type === 'dynamic' ? 'Object' : c.type })), rows) };
}
