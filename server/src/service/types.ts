// What running a query on a service gives back, whichever service it is: a typed result with the
// service's statistics, or an error a user understands. Connections carry no secrets.

import type { ResultTable } from '../engine/index';

export type ConnectionKind = 'adx' | 'log-analytics' | 'defender';

/** One configured connection (settings `kqlDetect.connections` or the CLI's connections file). */
export interface Connection {
  name: string;
  kind: ConnectionKind;
  /** adx: the cluster URL, e.g. https://mycluster.westeurope.kusto.windows.net */
  cluster?: string;
  /** adx: the database the query runs in. */
  database?: string;
  /** log-analytics: the workspace (customer) id, a guid. */
  workspaceId?: string;
  /** The Entra tenant to sign in to; default: the credential's own. */
  tenantId?: string;
  /** log-analytics and defender: another API endpoint (sovereign clouds, a local test server). */
  endpoint?: string;
}

export interface ServiceStatistics {
  rows: number;
  /** Total CPU the service reports, when it reports it. */
  cpuMs?: number;
  /** Execution time the service reports, else the time the request took. */
  durationMs: number;
}

export interface ServiceResult {
  result: ResultTable;
  statistics: ServiceStatistics;
}

export type ServiceErrorKind = 'offline' | 'unauthorized' | 'throttled' | 'limits' | 'timeout' | 'cancelled' | 'query' | 'service';

export interface ServiceError {
  kind: ServiceErrorKind;
  /** One clear sentence, without tokens or headers. */
  message: string;
  /** throttled: the seconds the service asked to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** query: where in the sent query the service located the error (1-based). */
  position?: { line: number; column: number };
}

export type ServiceOutcome = { ok: ServiceResult } | { error: ServiceError };

/** A bearer token for `scope` (e.g. `https://api.loganalytics.io/.default`); never stored. */
export type TokenSource = (scopes: string[], signal?: AbortSignal) => Promise<string>;

export interface QueryOptions {
  /** Stops the request; the outcome is then a `cancelled` error. */
  signal?: AbortSignal;
  /** Milliseconds before the request is abandoned as a `timeout`. */
  timeoutMs?: number;
}

export interface ServiceClient {
  readonly connection: Connection;
  query(text: string, options?: QueryOptions): Promise<ServiceOutcome>;
}
