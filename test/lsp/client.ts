// A small LSP client for the tests and benchmarks: spawns the bundled server over stdio and
// speaks JSON-RPC to it, answering `workspace/configuration` from settings the test controls.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_PATH = resolve(REPO_ROOT, 'dist', 'server.js');

export interface TestClientOptions {
  /** The `kqlDetect` settings section answered to `workspace/configuration`, per document URI (or for all). */
  settings?: (scopeUri: string | undefined) => unknown;
  workspaceFolder?: string;
}

export class TestClient {
  readonly configurationRequests: (string | undefined)[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; version?: number; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();

  private initialized: InitializeResult | undefined;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  get initializeResult(): InitializeResult {
    if (!this.initialized) throw new Error('not initialized');
    return this.initialized;
  }

  static async start(options: TestClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => {
        client.configurationRequests.push(item.scopeUri);
        return options.settings ? options.settings(item.scopeUri) : {};
      }),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.received(params));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('kqlDetect/serverStatus', () => undefined);
    connection.listen();
    const workspaceFolder = options.workspaceFolder ?? REPO_ROOT;
    client.initialized = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspaceFolder).href,
      workspaceFolders: [{ uri: pathToFileURL(workspaceFolder).href, name: 'test' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { rename: { prepareSupport: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kql', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics published for `uri` at its current version (waits for them). */
  diagnosticsFor(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const published = this.diagnostics.get(uri)?.find((p) => p.version === version);
    if (published) return Promise.resolve(published.diagnostics);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve: (p) => resolve(p.diagnostics) }));
  }

  /** Waits for the next diagnostics published for `uri`, whatever their version. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve: (p) => resolve(p.diagnostics) }));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }

  private received(params: PublishDiagnosticsParams): void {
    const list = this.diagnostics.get(params.uri) ?? [];
    list.push(params);
    this.diagnostics.set(params.uri, list);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
        this.waiters.splice(i, 1);
        waiter.resolve(params);
      }
    }
  }
}
