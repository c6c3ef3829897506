// Running on a connection in the real extension host, against the local protocol server of the
// service tests (harness/protocolServerProcess.ts, on 127.0.0.1, answering Kusto v2 frames with the
// local engine). A spec runs through the Test Explorer's "Run on connection…" profile, and the
// query at the cursor through "Run on connection…" into the preview panel.
//
// Sign-in: VS Code refuses the Microsoft provider's consent dialog in extension tests, so the test
// supplies the tokens through the extension's API (`serviceTokens.use`); the path from the server's
// `kqlDetect/serviceToken` request to the service's Authorization header is the real one, the
// `vscode.authentication` call itself is not exercised here.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import { fixtureUri, kqlDetect, serverReady, withTimeout } from './kql';

const TOKEN = 'e2e-token-from-the-test';

interface Received {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** client/src/testing/run.ts ReportedResult, as far as the test reads it. */
interface Reported {
  id: string;
  state: string;
  messages: { text: string }[];
}

/** The preview model (server/src/protocol/preview.ts), as far as the test reads it. */
interface Model {
  columns: { name: string }[];
  rows: { cells: unknown[] }[];
  service?: { connection: string; kind: string; statistics: { rows: number; durationMs: number; cpuMs?: number } };
}

describe('running on a connection (the local protocol server)', () => {
  let server: ChildProcess | undefined;
  let tokens: vscode.Disposable | undefined;
  const received: Received[] = [];
  const asked: string[] = [];
  const spec = () => fixtureUri('service/anydesk.test.yaml');

  before(async () => {
    const api = await serverReady();
    const root = kqlDetect().extensionUri.fsPath;
    // The engine behind the server needs the repository's tsx and Kusto.Language: a Node process of its own.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/harness/protocolServerProcess.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    server = child;
    const url = await withTimeout(
      new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the protocol server exited with ${code}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const message = JSON.parse(line) as { url?: string; received?: Received };
          if (message.url) resolve(message.url);
          if (message.received) received.push(message.received);
        });
      }),
      'the protocol server to listen',
    );
    tokens = api.serviceTokens.use(async (params) => {
      asked.push(`${params.connection} ${params.scopes.join(' ')}`);
      return TOKEN;
    });
    await vscode.workspace.getConfiguration('kqlDetect').update('connections', [{ name: 'local-adx', kind: 'adx', cluster: url, database: 'Security' }], vscode.ConfigurationTarget.Workspace);
    // File by file, as testExplorer.test.ts explains; into a folder of its own.
    const fixture = vscode.Uri.joinPath(kqlDetect().extensionUri, 'test', 'e2e', 'fixtures', 'explorer');
    for (const name of ['anydesk.kql', 'anydesk.test.yaml']) await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixture, name), fixtureUri(`service/${name}`), { overwrite: true });
    await withTimeout(Promise.resolve(vscode.commands.executeCommand('kqlDetect.test.testItems', spec().toString(), 'AnyDesk on ws-1 alerts')), 'the Test Explorer to discover the spec');
  });

  after(async () => {
    tokens?.dispose();
    server?.kill('SIGTERM');
    await vscode.workspace.getConfiguration('kqlDetect').update('connections', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(fixtureUri('service'), { recursive: true });
  });

  it("runs a spec through the 'Run on connection…' profile on the service, with the outcomes of the local run", async () => {
    const run = (connection?: string) => withTimeout(Promise.resolve(vscode.commands.executeCommand<Reported[]>('kqlDetect.test.runTests', [spec().toString()], connection)), 'the test run');
    const states = (reported: Reported[]) => Object.fromEntries(reported.map((r) => [r.id.slice(r.id.indexOf('#') + 1), r.state]));
    const local = states(await run());
    const before = received.length;
    const remote = await run('local-adx');
    assert.deepEqual(states(remote), local);
    assert.deepEqual(local, {
      'AnyDesk on ws-1 alerts': 'passed',
      'a deliberately wrong device': 'failed',
      'notepad alone stays quiet': 'passed',
      'renamed AnyDesk is missed': 'skipped',
      'a known gap that now passes': 'failed',
    });
    // Every case went to the service as one self-contained query, signed with the test's token.
    const queries = received.slice(before).filter((r) => r.path.startsWith('/v2/rest/query'));
    assert.equal(queries.length, 5, JSON.stringify(queries.map((q) => q.path)));
    for (const query of queries) {
      assert.equal(query.authorization, `Bearer ${TOKEN}`);
      assert.match(String(query.body.csl), /let DeviceProcessEvents = datatable\(/);
      assert.equal(query.body.db, 'Security');
    }
    assert.ok(asked.length >= 5 && asked.every((a) => a.startsWith('local-adx https://127.0.0.1:')), asked.join('\n'));
  });

  it("shows 'Run on connection…' results in the preview panel, marked as the service's", async () => {
    const text = 'print Local = 1\n\ndatatable(Device:string, Count:long)["ws-1", 3, "ws-2", 5]\n| where Count > 4\n';
    const uri = fixtureUri('service/on-connection.kql');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The cursor in the second block: that block is the one sent.
    const cursor = editor.document.positionAt(text.indexOf('| where'));
    editor.selection = new vscode.Selection(cursor, cursor);
    const model = await withTimeout(Promise.resolve(vscode.commands.executeCommand<Model | undefined>('kqlDetect.runOnConnection', 'local-adx')), 'the run on the connection');
    assert.ok(model, 'the run showed a model');
    assert.deepEqual(model.service && { connection: model.service.connection, kind: model.service.kind, rows: model.service.statistics.rows }, { connection: 'local-adx', kind: 'adx', rows: 1 });
    assert.deepEqual(model.columns.map((c) => c.name), ['Device', 'Count']);
    assert.deepEqual(model.rows.map((row) => row.cells), [['ws-2', 5]]);
    // The panel shows that model.
    assert.deepEqual(await vscode.commands.executeCommand('kqlDetect.test.previewModel'), model);
    assert.match(String(received.filter((r) => r.path.startsWith('/v2/rest/query')).at(-1)?.body.csl), /^datatable\(Device:string/);
  });
});
