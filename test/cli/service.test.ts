// The service commands end to end: the CLI signs in with a token from the environment and talks
// to a local HTTPS server that speaks the Kusto v2, Log Analytics and Graph hunting shapes. The
// server answers each query by running it on the local engine, so a correct inlining gives the
// outcomes of a local run. No real service is involved.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { engineAnswer } from '../unit/service/engineAnswer';
import { logAnalyticsError, startProtocolServer, type ProtocolServer } from '../unit/service/protocolServer';

const CLI = resolve('dist/cli.js');
const work = mkdtempSync(join(tmpdir(), 'kql-detect-service-'));
const TOKEN = 'stub-token-for-tests';
let server: ProtocolServer;
let connections: string;
let ca: string;

before(async () => {
  server = await startProtocolServer();
  ca = join(work, 'ca.pem');
  writeFileSync(ca, server.certificate);
  connections = join(work, 'connections.json');
  writeFileSync(connections, JSON.stringify({
    connections: [
      { name: 'cluster', kind: 'adx', cluster: server.url, database: 'Security' },
      { name: 'sentinel', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa', endpoint: server.url },
      { name: 'defender', kind: 'defender', endpoint: server.url },
    ],
  }));
  server.answer(engineAnswer);
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args, '--connections', connections, '--auth', 'access-token'], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ca, KQL_DETECT_ACCESS_TOKEN: TOKEN },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

test('connection test: signs in, runs the probe, reports the statistics', async () => {
  for (const name of ['cluster', 'sentinel', 'defender']) {
    const run = await cli(['connection', 'test', name]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^${name} \\((adx|log-analytics|defender)\\): connected, signed in, a query ran \\(1 row, `));
  }
  assert.ok(server.received.every((r) => r.path.includes('auth/metadata') || r.authorization === `Bearer ${TOKEN}`));
});

test('test --connection: every case on the service gives the local outcomes', async () => {
  const spec = 'examples/rmm/remote-desktop-software.test.yaml';
  for (const name of ['cluster', 'sentinel', 'defender']) {
    const run = await cli(['test', spec, '--connection', name]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`^service results from ${name} `));
    assert.match(run.stdout, /passed/);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(TOKEN));
  }
});

test('diff --connection: the local engine and the service agree on every case', async () => {
  const run = await cli(['diff', 'examples/rmm/remote-desktop-software.kql', '--connection', 'cluster']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /the local engine and the service agree on every case\n$/);
});

test('diff reports every differing row when the service answers differently', async () => {
  server.answer((request) => {
    if (request.path.startsWith('/v1/rest/auth/metadata')) return { status: 404, body: {} };
    const answer = engineAnswer(request);
    const frames = answer.body as { TableKind?: string; Rows?: unknown[][] }[];
    const primary = frames.find((f) => f.TableKind === 'PrimaryResult');
    if (primary?.Rows && primary.Rows.length > 0) primary.Rows = primary.Rows.slice(1); // the service "misses" a row
    return answer;
  });
  try {
    const run = await cli(['diff', 'examples/rmm/remote-desktop-software.test.yaml', '--connection', 'cluster']);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /✗ TeamViewer started by PowerShell \(Atomic T1219-1\): differs\n {4}only local: {3}\{.*"ToolFamily":"TeamViewer"/);
  } finally {
    server.answer(engineAnswer);
  }
});

test('run --connection: a query error lands at its position in the detection', async () => {
  server.answer(() => ({ status: 400, body: logAnalyticsError("Query could not be parsed at 'wher' on line [2,2]", 2, 2) }));
  try {
    const detection = join(work, 'bad.kql');
    writeFileSync(detection, 'DeviceProcessEvents\n| wher x\n');
    const run = await cli(['run', detection, '--connection', 'sentinel']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /bad\.kql:2:3: error: sentinel: Query could not be parsed at 'wher'/);
  } finally {
    server.answer(engineAnswer);
  }
});
