// Running on a real service from the editor: the connections of `kqlDetect.connections`, a query
// detection's query run on one of them (`kqlDetect/runOnConnection`), and a client for the Test Explorer's
// "Run on connection". Tokens come from the editor's sign-in, asked for per request
// (`kqlDetect/serviceToken`); none is kept. The SDKs load on the first use, not at start-up.

import type { CancellationToken, Connection as LspConnection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { serviceModel } from '../preview/serviceModel';
import type { PreviewResult } from '../protocol/preview';
import { listConnectionsRequest, runOnConnectionRequest, serviceTokenRequest, type ListConnectionsParams, type ListConnectionsResult, type RunOnConnectionParams, type ServiceTokenParams, type ServiceTokenResult } from '../protocol/service';
import { describeConnection, findConnection } from '../service/connections';
import type { QueryOptions, ServiceClient, TokenSource } from '../service/types';
import { queryAt, readDetection, NO_DETECTION } from '../workspace/detection';
import { pathOfUri } from './documents';
import type { SettingsCache } from './settings';

/** Rows of a service answer sent to the panel when the client does not say. */
const DEFAULT_MAX_ROWS = 10_000;

export interface ServiceAccess {
  /** The client for the connection `name` as the settings of `uri` define it, or what is wrong. */
  open(name: string, uri: string): Promise<ServiceClient | { error: string }>;
  /** The request's cancellation and the timeout the settings of `uri` give (`kqlDetect.service.timeoutSeconds`). */
  queryOptions(uri: string, token: CancellationToken): Promise<QueryOptions>;
}

export function registerService(connection: LspConnection, documents: TextDocuments<TextDocument>, settings: SettingsCache): ServiceAccess {
  const access: ServiceAccess = {
    async open(name, uri) {
      const { connections, problems } = (await settings.get(uri)).connections;
      const found = findConnection(connections, name);
      if ('error' in found) return { error: [found.error, ...problems].join('; ') };
      const token: TokenSource = async (scopes) => {
        const params: ServiceTokenParams = { connection: name, scopes, ...(found.tenantId ? { tenantId: found.tenantId } : {}) };
        const answer: ServiceTokenResult = await connection.sendRequest(serviceTokenRequest.method, params);
        // Read by each SDK's failure reader as a refused sign-in.
        if ('error' in answer) throw Object.assign(new Error(`sign-in for ${name} failed: ${answer.error}`), { statusCode: 401 });
        return answer.token;
      };
      const { serviceClient } = await import('../service/clients');
      return serviceClient(found, token);
    },
    async queryOptions(uri, token) {
      return queryOptions(token, (await settings.get(uri)).service.timeoutSeconds);
    },
  };

  connection.onRequest(listConnectionsRequest.method, async (params: ListConnectionsParams): Promise<ListConnectionsResult> => {
    const { connections, problems } = (await settings.get(params.uri)).connections;
    return { connections: connections.map((c) => ({ name: c.name, kind: c.kind, detail: describeConnection(c) })), problems };
  });

  connection.onRequest(runOnConnectionRequest.method, async (params: RunOnConnectionParams, token: CancellationToken): Promise<PreviewResult> => {
    const started = Date.now();
    const document = documents.get(params.textDocument.uri);
    if (!document) return { error: `${params.textDocument.uri} is not open` };
    const detectionPath = pathOfUri(document.uri);
    const detection = readDetection(detectionPath, document.getText());
    if (!detection) return { error: `${detectionPath} ${NO_DETECTION}` };
    const query = queryAt(detection, params.offset);
    if (!query) return { error: 'the document has no query to run' };
    const client = await access.open(params.connection, document.uri);
    if ('error' in client) return client;
    const outcome = await client.query(query.text, await access.queryOptions(document.uri, token));
    if (token.isCancellationRequested) return { cancelled: true };
    const model = serviceModel({ detection, query, connection: client.connection, outcome, maxRows: params.maxRows ?? DEFAULT_MAX_ROWS, elapsedMs: Date.now() - started });
    return { model };
  });

  return access;
}

/** The request's cancellation as the AbortSignal that ends the HTTP request, and the timeout. */
function queryOptions(token: CancellationToken, timeoutSeconds: number): QueryOptions {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, timeoutMs: timeoutSeconds * 1000 };
}
