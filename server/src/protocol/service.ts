// Running on a real service from the editor, declared once: the connections the settings name,
// a query block run on one of them, and the token the server asks the client for. The client
// signs in through VS Code; the server holds a token only for the request it was asked for.

import { request } from './messages';
import type { PreviewResult } from './preview';

/** A configured connection as the quick pick shows it. */
export interface ConnectionSummary {
  name: string;
  kind: string;
  /** Where it points: the cluster and database, the workspace, the tenant. */
  detail: string;
}

export interface ListConnectionsParams {
  /** The document (or workspace folder) whose `kqlDetect.connections` setting applies. */
  uri: string;
}

export interface ListConnectionsResult {
  connections: ConnectionSummary[];
  /** What is wrong in the setting, one sentence per mistake. */
  problems: string[];
}

/** Client → server: the connections of the `kqlDetect.connections` setting, checked. */
export const listConnectionsRequest = request<ListConnectionsParams, ListConnectionsResult>('kqlDetect/connections');

export interface RunOnConnectionParams {
  textDocument: { uri: string };
  /** An offset inside the query to run (a `.kql` block, a rule file's query); default: the last query. */
  offset?: number;
  connection: string;
  /** Cap on the rows sent back (the statistics count all). */
  maxRows?: number;
}

/** Client → server: the query block as written, on the connection's service (its own data). Cancelling ends the HTTP request. */
export const runOnConnectionRequest = request<RunOnConnectionParams, PreviewResult>('kqlDetect/runOnConnection');

export interface ServiceTokenParams {
  connection: string;
  /** The scopes of the service's API, e.g. `https://api.loganalytics.io/.default`. */
  scopes: string[];
  tenantId?: string;
}

export type ServiceTokenResult = { token: string } | { error: string };

/** Server → client: a bearer token for a request about to be sent (VS Code's sign-in). */
export const serviceTokenRequest = request<ServiceTokenParams, ServiceTokenResult>('kqlDetect/serviceToken');
