// A Log Analytics workspace (Microsoft Sentinel) through @azure/monitor-query-logs.

import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { LogsQueryClient, LogsQueryResultStatus } from '@azure/monitor-query-logs';
import type { HttpFailure } from './errors';
import { queryClient } from './query';
import type { Connection, ServiceClient, TokenSource } from './types';
import { serviceType, serviceValue } from './values';

const DEFAULT_ENDPOINT = 'https://api.loganalytics.io';

/**
 * The query API applies this window in addition to the query's own time filters. Detections
 * filter time themselves (`ago()`), and inlined events are not workspace data, so it is wide.
 */
const QUERY_WINDOW = 'P90D';

export function logAnalyticsClient(connection: Connection, token: TokenSource): ServiceClient {
  const endpoint = (connection.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const audience = connection.endpoint ? endpoint : DEFAULT_ENDPOINT;
  const credential = tokenCredential(token);
  return queryClient(connection, {
    send(text, options, abortSignal) {
      // queryWorkspace drops its options' abortSignal (@azure/monitor-query-logs 1.0), so a policy
      // of a client made for this query puts the signal on the request, and aborting it ends the request.
      const client = new LogsQueryClient(credential, {
        endpoint: `${endpoint}/v1`,
        // The SDK's option for the token's scope (an `audience` option it would ignore).
        credentials: { scopes: [`${audience}/.default`] },
        // Throttling is reported to the user with its Retry-After, not waited out silently.
        retryOptions: { maxRetries: 0 },
        additionalPolicies: [{ position: 'perCall', policy: { name: 'kqlDetectAbort', sendRequest: (request, next) => next(Object.assign(request, { abortSignal })) } }],
      });
      return client.queryWorkspace(connection.workspaceId!, text, { duration: QUERY_WINDOW }, {
        includeQueryStatistics: true,
        ...(options.timeoutMs !== undefined ? { serverTimeoutInSeconds: Math.ceil(options.timeoutMs / 1000) } : {}),
      });
    },
    failureOf: logAnalyticsFailure,
    read(answer, startedMs) {
      if (answer.status === LogsQueryResultStatus.PartialFailure) {
        return { kind: 'limits', message: `${connection.name} returned a partial result, which is not used: ${answer.partialError.message}` };
      }
      const table = answer.tables[0];
      if (!table) return { kind: 'service', message: `${connection.name} returned no result table` };
      const columns = table.columnDescriptors.map((c) => ({ name: c.name ?? '', type: serviceType(c.type ?? 'dynamic') }));
      const rows = table.rows.map((row) => columns.map((c, i) => serviceValue(row[i], c.type)));
      const query = (answer.statistics as { query?: { executionTime?: number; resourceUsage?: { cpuTimeMs?: number } } } | undefined)?.query;
      const durationMs = query?.executionTime === undefined ? Date.now() - startedMs : Math.round(query.executionTime * 1000);
      return { result: { columns, rows }, statistics: { rows: rows.length, cpuMs: query?.resourceUsage?.cpuTimeMs, durationMs } };
    },
  });
}

/** A TokenCredential over our token source, for SDKs that take one. */
export function tokenCredential(token: TokenSource): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const value = await token(Array.isArray(scopes) ? scopes : [scopes], options?.abortSignal as AbortSignal | undefined);
      // The source refreshes on every call, so a short validity makes the SDK ask again.
      return { token: value, expiresOnTimestamp: Date.now() + 5 * 60_000 };
    },
  };
}

function logAnalyticsFailure(error: unknown): HttpFailure {
  // The SDK keeps the parsed error body in `details` (it drops Log Analytics' line/pos fields,
  // so positions come from the message text).
  const e = error as { statusCode?: number; code?: string; message?: string; details?: unknown; response?: { headers?: { get(name: string): string | undefined } } };
  return { status: e.statusCode, code: e.code, retryAfter: e.response?.headers?.get('retry-after'), body: e.details, message: String(e.message ?? error) };
}
