// The service clients against a local server on 127.0.0.1 that speaks each API's documented
// shapes: success with statistics, a query error with its position, 401, 429 with Retry-After,
// and a timeout. The credential is a stub: no real tenant is reachable from tests.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serviceClient } from '../../../server/src/service/clients';
import type { Connection, ServiceClient, ServiceOutcome } from '../../../server/src/service/types';
import { graphError, huntingResults, kustoError, kustoFrames, logAnalyticsError, logAnalyticsTables, startProtocolServer, type Column, type ProtocolServer } from './protocolServer';

// The server's certificate is self-signed and made for this run; only this loopback server is contacted.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

let server: ProtocolServer;
before(async () => (server = await startProtocolServer()));
after(async () => server.close());

const TOKEN = 'stub-token-for-tests';
const scopesAsked: string[][] = [];
const token = async (scopes: string[]) => {
  scopesAsked.push(scopes);
  return TOKEN;
};

function clientFor(kind: Connection['kind']): ServiceClient {
  const connection: Connection =
    kind === 'adx'
      ? { name: 'test-adx', kind, cluster: server.url, database: 'Security' }
      : kind === 'log-analytics'
        ? { name: 'test-la', kind, workspaceId: '00000000-0000-0000-0000-0000000000aa', endpoint: server.url }
        : { name: 'test-defender', kind, endpoint: server.url };
  return serviceClient(connection, token);
}

const COLUMNS: Column[] = [{ name: 'Timestamp', type: 'datetime' }, { name: 'DeviceName', type: 'string' }, { name: 'Count', type: 'long' }, { name: 'Fields', type: 'dynamic' }];
const GRAPH_COLUMNS: Column[] = [{ name: 'Timestamp', type: 'DateTime' }, { name: 'DeviceName', type: 'String' }, { name: 'Count', type: 'Int64' }, { name: 'Fields', type: 'Object' }];
const ROWS = [['2026-11-20T10:00:00.1234567Z', 'ws-1', 3, { a: 1 }], ['2026-11-20T11:00:00Z', 'ws-2', 5, null]];

/** The answer for each kind's query route; Kusto's auth metadata gets a plain 404 (default cloud). */
function answerAll(byKind: { adx: () => import('./protocolServer').Answer; la: () => import('./protocolServer').Answer; defender: () => import('./protocolServer').Answer }): void {
  server.answer((request) => {
    if (request.path.startsWith('/v1/rest/auth/metadata')) return { status: 404, body: {} };
    if (request.path.startsWith('/v2/rest/query')) return byKind.adx();
    if (request.path.includes('/workspaces/')) return byKind.la();
    if (request.path.includes('/security/runHuntingQuery')) return byKind.defender();
    return { status: 404, body: { error: { code: 'NotFound', message: request.path } } };
  });
}

function show(outcome: ServiceOutcome): string {
  return JSON.stringify(outcome, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function ok(outcome: ServiceOutcome) {
  assert.ok('ok' in outcome, show(outcome));
  return outcome.ok;
}

function failed(outcome: ServiceOutcome) {
  assert.ok('error' in outcome, show(outcome));
  return outcome.error;
}

test('success: typed rows and the service statistics, from each API shape', async () => {
  answerAll({
    adx: () => ({ status: 200, body: kustoFrames(COLUMNS, ROWS) }),
    la: () => ({ status: 200, body: logAnalyticsTables(COLUMNS, ROWS) }),
    defender: () => ({ status: 200, body: huntingResults(GRAPH_COLUMNS, ROWS) }),
  });
  for (const kind of ['adx', 'log-analytics', 'defender'] as const) {
    const before = server.received.length;
    const { result, statistics } = ok(await clientFor(kind).query('DeviceEvents | take 2'));
    assert.deepEqual(result.columns, [{ name: 'Timestamp', type: 'datetime' }, { name: 'DeviceName', type: 'string' }, { name: 'Count', type: 'long' }, { name: 'Fields', type: 'dynamic' }], kind);
    const ten = BigInt(Date.UTC(2026, 10, 20, 10)) * 10_000n;
    // The Log Analytics SDK turns datetimes into Dates: whole milliseconds.
    const first = ten + (kind === 'log-analytics' ? 1_230_000n : 1_234_567n);
    assert.deepEqual(result.rows, [[first, 'ws-1', 3, { a: 1 }], [ten + 36_000_000_000n, 'ws-2', 5, null]], kind);
    assert.equal(statistics.rows, 2);
    if (kind === 'adx') assert.deepEqual({ cpu: statistics.cpuMs, duration: statistics.durationMs }, { cpu: 15, duration: 31 });
    if (kind === 'log-analytics') assert.deepEqual({ cpu: statistics.cpuMs, duration: statistics.durationMs }, { cpu: 16, duration: 31 });
    const sent = server.received.slice(before).find((r) => !r.path.includes('auth/metadata'))!;
    assert.equal(sent.authorization, `Bearer ${TOKEN}`, kind);
    const text = kind === 'adx' ? sent.body.csl : kind === 'log-analytics' ? sent.body.query : sent.body.Query;
    assert.equal(text, 'DeviceEvents | take 2', kind);
  }
  assert.ok(scopesAsked.some((s) => s[0] === `${server.url}/.default`));
});

test('a query error comes back with its position in the query', async () => {
  answerAll({
    adx: () => ({ status: 400, body: kustoError("Syntax error: Query could not be parsed at 'wher' on line [2,2]") }),
    la: () => ({ status: 400, body: logAnalyticsError("Query could not be parsed at 'wher' on line [2,2]", 2, 2) }),
    defender: () => ({ status: 400, body: graphError('BadRequest', "Query could not be parsed at 'wher' on line [2,2]") }),
  });
  for (const kind of ['adx', 'log-analytics', 'defender'] as const) {
    const error = failed(await clientFor(kind).query('T\n| wher x'));
    assert.equal(error.kind, 'query', kind);
    assert.deepEqual(error.position, { line: 2, column: 3 }, kind);
    assert.match(error.message, /could not be parsed at 'wher'/, kind);
  }
});

test('401: unauthorized, with what to do', async () => {
  const body = { error: { code: 'Unauthorized', message: 'The provided credentials are not valid.' } };
  answerAll({ adx: () => ({ status: 401, body }), la: () => ({ status: 401, body }), defender: () => ({ status: 401, body }) });
  for (const kind of ['adx', 'log-analytics', 'defender'] as const) {
    const error = failed(await clientFor(kind).query('T'));
    assert.equal(error.kind, 'unauthorized', kind);
    assert.match(error.message, /refused the sign-in \(401\): sign in again/, kind);
    assert.doesNotMatch(error.message, new RegExp(TOKEN), kind);
  }
});

test('429: throttled, with the Retry-After the service sent, and no silent waiting', async () => {
  const body = { error: { code: 'TooManyRequests', message: 'Rate limit exceeded.' } };
  const answer = () => ({ status: 429, headers: { 'retry-after': '42' }, body });
  answerAll({ adx: answer, la: answer, defender: answer });
  for (const kind of ['adx', 'log-analytics', 'defender'] as const) {
    const before = server.received.length;
    const error = failed(await clientFor(kind).query('T'));
    assert.equal(error.kind, 'throttled', kind);
    assert.equal(error.retryAfterSeconds, 42, kind);
    assert.match(error.message, /Try again in 42 s/, kind);
    assert.equal(server.received.slice(before).filter((r) => !r.path.includes('auth/metadata')).length, 1, `${kind}: one request, no retries`);
  }
});

test('a service that does not answer: a timeout, and a cancellation ends the request', { timeout: 60_000 }, async () => {
  answerAll({ adx: () => ({ status: 0, hang: true }), la: () => ({ status: 0, hang: true }), defender: () => ({ status: 0, hang: true }) });
  for (const kind of ['adx', 'log-analytics', 'defender'] as const) {
    const error = failed(await clientFor(kind).query('T', { timeoutMs: 300 }));
    assert.equal(error.kind, 'timeout', kind);
    assert.match(error.message, /did not answer within/, kind);
    const controller = new AbortController();
    const pending = clientFor(kind).query('T', { signal: controller.signal });
    controller.abort();
    assert.equal(failed(await pending).kind, 'cancelled', kind);
    // Not only the wait: the request itself ends, so the service stops working on it.
    await server.hungUp();
  }
});

test('offline: a refused connection says the service cannot be reached', async () => {
  const connection: Connection = { name: 'gone', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa', endpoint: 'https://127.0.0.1:1' };
  const error = failed(await serviceClient(connection, token).query('T'));
  assert.equal(error.kind, 'offline', error.message);
  assert.match(error.message, /cannot reach gone \(log-analytics\): ECONNREFUSED/);
  const graph = failed(await serviceClient({ name: 'gone', kind: 'defender', endpoint: 'https://127.0.0.1:1' }, token).query('T'));
  assert.equal(graph.kind, 'offline', graph.message);
  const adx = failed(await serviceClient({ name: 'gone', kind: 'adx', cluster: 'https://127.0.0.1:1', database: 'd' }, token).query('T'));
  assert.equal(adx.kind, 'offline', adx.message);
});
