// Azure Data Explorer through azure-kusto-data: one v2 query per call, typed by the PrimaryResult
// frame's columns, with the statistics of the QueryResourceConsumption event.

import { Client, ClientRequestProperties, KustoConnectionStringBuilder } from 'azure-kusto-data';
import { parseTimespan, TICKS_PER_MILLISECOND } from '../engine/values';
import type { HttpFailure } from './errors';
import { queryClient } from './query';
import type { Connection, ServiceClient, TokenSource } from './types';
import { serviceType, serviceValue } from './values';

export function adxClient(connection: Connection, token: TokenSource): ServiceClient {
  const cluster = connection.cluster!.replace(/\/+$/, '');
  const scope = `${cluster}/.default`;
  const builder = KustoConnectionStringBuilder.withTokenProvider(cluster, () => token([scope]));
  return queryClient(connection, {
    async send(text, options, signal) {
      const properties = new ClientRequestProperties();
      if (options.timeoutMs !== undefined) {
        properties.setTimeout(options.timeoutMs);
        properties.setClientTimeout(options.timeoutMs + 5_000);
      }
      // The SDK takes no AbortSignal, but closing a client cancels its requests: one client per
      // query, so a cancellation or a timeout ends this request on the wire.
      const client = new Client(builder);
      const close = () => client.close();
      signal.addEventListener('abort', close, { once: true });
      try {
        return await client.execute(connection.database!, text, properties);
      } finally {
        signal.removeEventListener('abort', close);
        client.close();
      }
    },
    failureOf: adxFailure,
    read(answer, startedMs) {
      const table = answer.primaryResults[0];
      if (!table) return { kind: 'service', message: `${connection.name} returned no result table` };
      const columns = table.columns.map((c) => ({ name: c.name ?? '', type: serviceType(c.type ?? 'dynamic') }));
      const rows = (table._rows as unknown[][]).map((row) => columns.map((c, i) => serviceValue(row[i], c.type)));
      const usage = resourceConsumption(answer.tables);
      return { result: { columns, rows }, statistics: { rows: rows.length, cpuMs: usage.cpuMs, durationMs: usage.durationMs ?? Date.now() - startedMs } };
    },
  });
}

/** What an axios or Kusto error says, for describeFailure. */
function adxFailure(error: unknown): HttpFailure {
  const e = error as { response?: { status?: number; headers?: Record<string, string>; data?: unknown }; code?: string; message?: string; inner?: unknown; statusCode?: number };
  const inner = (e.inner ?? e) as typeof e;
  return { status: inner.response?.status ?? inner.statusCode ?? e.statusCode, code: inner.code, retryAfter: inner.response?.headers?.['retry-after'], body: inner.response?.data, message: String(e.message ?? error) };
}

interface FrameTable {
  kind?: string;
  tableKind?: string;
  name?: string;
  _rows?: unknown[][];
  columns?: { name?: string | null }[];
}

/** CPU and execution time from the QueryCompletionInformation table's QueryResourceConsumption event. */
function resourceConsumption(tables: unknown[]): { cpuMs?: number; durationMs?: number } {
  for (const table of tables as FrameTable[]) {
    if (table.name !== 'QueryCompletionInformation' || !table.columns || !table._rows) continue;
    const eventColumn = table.columns.findIndex((c) => c.name === 'EventTypeName');
    const payloadColumn = table.columns.findIndex((c) => c.name === 'Payload');
    for (const row of table._rows) {
      if (row[eventColumn] !== 'QueryResourceConsumption') continue;
      try {
        const payload = JSON.parse(String(row[payloadColumn])) as { ExecutionTime?: number; resource_usage?: { cpu?: Record<string, string> } };
        const cpu = payload.resource_usage?.cpu?.['total cpu'];
        const ticks = cpu ? parseTimespan(cpu) : null;
        return {
          cpuMs: ticks === null ? undefined : Number(ticks / TICKS_PER_MILLISECOND),
          durationMs: payload.ExecutionTime === undefined ? undefined : Math.round(payload.ExecutionTime * 1000),
        };
      } catch {
        return {};
      }
    }
  }
  return {};
}
