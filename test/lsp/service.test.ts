// Running on a service through the language server: the connections setting checked as the CLI
// checks its file, a query block run on a connection (the preview's model, marked as the
// service's), a service error at its place in the document, a spec's cases on a connection
// routed to the service and judged as locally, cancellation ending the HTTP request, and the
// token asked of the client per request. The service is the local protocol server answering with
// the local engine. Build first: `npm run test:lsp` does.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { PreviewResult } from '../../server/src/protocol/preview';
import type { ListConnectionsResult, ServiceTokenParams, ServiceTokenResult } from '../../server/src/protocol/service';
import type { RunTestsResult } from '../../server/src/protocol/testing';
import { engineAnswer } from '../unit/service/engineAnswer';
import { kustoError, logAnalyticsError, startProtocolServer, type ProtocolServer } from '../unit/service/protocolServer';
import { REPO_ROOT, TestClient } from './client';

const TOKEN = 'stub-token-for-lsp-tests';
const SPEC_URI = pathToFileURL(join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.test.yaml')).href;
const work = mkdtempSync(join(tmpdir(), 'kql-detect-lsp-service-'));
let server: ProtocolServer;
let client: TestClient;
const tokenRequests: ServiceTokenParams[] = [];
let tokenAnswer: ServiceTokenResult = { token: TOKEN };

before(async () => {
  server = await startProtocolServer();
  server.answer(engineAnswer);
  const ca = join(work, 'ca.pem');
  writeFileSync(ca, server.certificate);
  // The server process trusts the throwaway certificate (read at its start, from the environment it inherits).
  process.env.NODE_EXTRA_CA_CERTS = ca;
  const connections = [
    { name: 'cluster', kind: 'adx', cluster: server.url, database: 'Security' },
    { name: 'sentinel', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa', endpoint: server.url, tenantId: 'contoso.onmicrosoft.com' },
    { name: 'defender', kind: 'defender', endpoint: server.url },
    { name: 'leaky', kind: 'defender', clientSecret: 'x' },
  ];
  // One document asks for a short timeout (settings are read per document).
  client = await TestClient.start({ settings: (uri) => ({ connections, ...(uri?.endsWith('timeout.kql') ? { service: { timeoutSeconds: 1 } } : {}) }) });
  client.connection.onRequest('kqlDetect/serviceToken', (params: ServiceTokenParams) => {
    tokenRequests.push(params);
    return tokenAnswer;
  });
});

after(async () => {
  await client.stop();
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function open(name: string, text: string): string {
  const uri = pathToFileURL(join(work, name)).href;
  client.open(uri, text);
  return uri;
}

test('the connections setting: the valid ones for the quick pick, a clear sentence for each mistake', async () => {
  const result = await client.request<ListConnectionsResult>('kqlDetect/connections', { uri: SPEC_URI });
  assert.deepEqual(result.connections.map((c) => [c.name, c.kind]), [['cluster', 'adx'], ['sentinel', 'log-analytics'], ['defender', 'defender']]);
  assert.equal(result.connections[0].detail, `${server.url}, database Security`);
  assert.deepEqual(result.problems, ["connection 'leaky': 'clientSecret' is not allowed: connections hold no secrets (sign-in happens through your account or the environment)"]);
});

test('run on connection: the block at the cursor on the service, in the preview model, marked with the connection and its statistics', async () => {
  const text = 'print Local = 1\n\ndatatable(Device:string, Count:long)["ws-1", 3, "ws-2", 5]\n| where Count > 4\n';
  const uri = open('two-blocks.kql', text);
  tokenRequests.length = 0;
  for (const name of ['cluster', 'sentinel', 'defender']) {
    const result = await client.request<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, offset: text.indexOf('datatable'), connection: name });
    assert.ok('model' in result, JSON.stringify(result));
    const { model } = result;
    assert.equal(model.service?.connection, name);
    assert.equal(model.service?.statistics.rows, 1);
    assert.deepEqual(model.columns.map((c) => c.name), ['Device', 'Count']);
    assert.deepEqual(model.rows.map((row) => row.cells), [['ws-2', 5]]);
    assert.deepEqual(model.block, { start: text.indexOf('datatable'), end: text.length - 1 });
    assert.deepEqual(model.problems, []);
  }
  // One token per request, for the service's own scope and the connection's tenant; none kept.
  assert.deepEqual(tokenRequests.map((r) => [r.connection, r.scopes.join(' '), r.tenantId]), [
    ['cluster', `${server.url}/.default`, undefined],
    ['sentinel', `${server.url}/.default`, 'contoso.onmicrosoft.com'],
    ['defender', `${server.url}/.default`, undefined],
  ]);
  assert.ok(server.received.filter((r) => !r.path.includes('auth/metadata')).every((r) => r.authorization === `Bearer ${TOKEN}`));
});

test("a service's query error lands at its place in the document, not in the sent block", async () => {
  const text = 'print Local = 1\n\nDeviceProcessEvents\n| wher x\n';
  const uri = open('bad.kql', text);
  server.answer(() => ({ status: 400, body: logAnalyticsError("Query could not be parsed at 'wher' on line [2,2]", 2, 2) }));
  try {
    const result = await client.request<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, connection: 'sentinel' });
    assert.ok('model' in result, JSON.stringify(result));
    const [problem] = result.model.problems;
    assert.match(problem.message, /^sentinel: Query could not be parsed at 'wher'/);
    assert.equal(problem.code, 'service-query');
    assert.deepEqual(problem.query, { start: text.indexOf('wher'), end: text.indexOf('wher') + 4, line: 4, column: 3 });
  } finally {
    server.answer(engineAnswer);
  }
});

test('an unknown connection, and a sign-in the editor refused, say so', async () => {
  const uri = open('probe.kql', 'print x = 1\n');
  const unknown = await client.request<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, connection: 'nope' });
  assert.deepEqual(unknown, { error: "no connection named 'nope' (configured: cluster, sentinel, defender); connection 'leaky': 'clientSecret' is not allowed: connections hold no secrets (sign-in happens through your account or the environment)" });
  tokenAnswer = { error: 'the user cancelled the sign-in' };
  try {
    const refused = await client.request<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, connection: 'defender' });
    assert.ok('model' in refused, JSON.stringify(refused));
    assert.equal(refused.model.problems[0].code, 'service-unauthorized');
    assert.match(refused.model.problems[0].message, /sign-in for defender failed: the user cancelled the sign-in/);
  } finally {
    tokenAnswer = { token: TOKEN };
  }
});

test('cancelling a run on a connection ends the HTTP request', { timeout: 60_000 }, async () => {
  const uri = open('slow.kql', 'print x = 1\n');
  let arrived: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  server.answer(() => {
    arrived();
    return { status: 0, hang: true };
  });
  try {
    const cancel = new CancellationTokenSource();
    const pending = client.connection.sendRequest<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, connection: 'sentinel' }, cancel.token);
    await reached;
    cancel.cancel();
    assert.deepEqual(await pending, { cancelled: true });
    await server.hungUp();
  } finally {
    server.answer(engineAnswer);
  }
});

test('kqlDetect.service.timeoutSeconds: a query past it is abandoned as timed out', { timeout: 60_000 }, async () => {
  const uri = open('timeout.kql', 'print x = 1\n');
  server.answer(() => ({ status: 0, hang: true }));
  try {
    const result = await client.request<PreviewResult>('kqlDetect/runOnConnection', { textDocument: { uri }, connection: 'sentinel' });
    assert.ok('model' in result, JSON.stringify(result));
    assert.equal(result.model.problems[0].code, 'service-timeout');
    assert.match(result.model.problems[0].message, /did not answer within 1 s/);
    await server.hungUp();
  } finally {
    server.answer(engineAnswer);
  }
});

test("a spec's cases on a connection: routed to the service, each with its events inlined, with the local outcomes", async () => {
  const local = await client.request<RunTestsResult>('kqlDetect/runTests', { uri: SPEC_URI });
  const outcomes = (result: RunTestsResult) => Object.fromEntries(result.cases.map((c) => [c.name, c.outcome]));
  const before = server.received.length;
  const remote = await client.request<RunTestsResult>('kqlDetect/runTests', { uri: SPEC_URI, connection: 'cluster' });
  assert.deepEqual(remote.problems, []);
  assert.deepEqual(outcomes(remote), outcomes(local));
  assert.ok(server.received.length - before >= remote.cases.length, 'every case went to the service');
});

test("a case the service refuses is an error with the service's message", async () => {
  server.answer((request) => (request.path.startsWith('/v2/rest/query') ? { status: 400, body: kustoError("Syntax error: unexpected token on line [1,0]") } : engineAnswer(request)));
  try {
    const result = await client.request<RunTestsResult>('kqlDetect/runTests', { uri: SPEC_URI, connection: 'cluster', cases: ['Atera agent'] });
    assert.deepEqual(result.cases.map((c) => c.outcome), ['error']);
    assert.match(result.cases[0].problems[0].message, /^cluster: /);
  } finally {
    server.answer(engineAnswer);
  }
});
