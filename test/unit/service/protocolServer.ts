// A local HTTPS server on 127.0.0.1 that answers in each service's documented shapes: Kusto v2
// frames (ADX), the Log Analytics query API's `tables`, and Graph's runHuntingQuery
// `schema`/`results`. Tests choose the answer per request; the SDKs need TLS for bearer tokens,
// so the server uses a throwaway self-signed certificate made with openssl.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (the client's timeout or cancellation must end the request). */
  hang?: boolean;
}

export interface Received {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface ProtocolServer {
  url: string;
  /** The server's self-signed certificate (PEM), for clients in other processes (NODE_EXTRA_CA_CERTS). */
  certificate: string;
  received: Received[];
  /** The answer to the next requests (until changed). */
  answer(route: (request: Received) => Answer): void;
  /** Settles once no request is left hanging: every client that was kept waiting has hung up. */
  hungUp(): Promise<void>;
  close(): Promise<void>;
}

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
}

/** A throwaway key and self-signed certificate for 127.0.0.1, valid for a day. */
export function selfSignedCertificate(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'kql-detect-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `tls`: a certificate its clients already trust (a process started before the server); else a new one. */
export async function startProtocolServer(tls: TlsFiles = selfSignedCertificate()): Promise<ProtocolServer> {
  const { key, cert } = tls;
  const received: Received[] = [];
  let route: (request: Received) => Answer = () => ({ status: 500, body: { error: { code: 'NoAnswer', message: 'the test set no answer' } } });
  const hanging = new Set<import('node:http').ServerResponse>();
  let onHangUp: () => void = () => undefined;
  const server: Server = createServer({ key, cert }, (req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { raw: text };
      }
      const request: Received = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body };
      received.push(request);
      const answer = route(request);
      if (answer.hang) {
        hanging.add(res);
        res.on('close', () => {
          hanging.delete(res);
          if (hanging.size === 0) onHangUp();
        });
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    certificate: cert.toString('utf8'),
    received,
    answer: (next) => (route = next),
    hungUp: () => (hanging.size === 0 ? Promise.resolve() : new Promise((resolve) => (onHangUp = resolve))),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// --- documented response shapes --------------------------------------------------------------

export interface Column {
  name: string;
  /** Kusto type name as each API spells it (e.g. `datetime`, or Graph's `DateTime`). */
  type: string;
}

/** A Kusto v2 query response: DataSetHeader, the tables, DataSetCompletion. */
export function kustoFrames(columns: Column[], rows: unknown[][], cpu = '00:00:00.0156250', executionTime = 0.0312): unknown[] {
  return [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
    {
      FrameType: 'DataTable', TableId: 0, TableKind: 'QueryProperties', TableName: '@ExtendedProperties',
      Columns: [{ ColumnName: 'TableId', ColumnType: 'int' }, { ColumnName: 'Key', ColumnType: 'string' }, { ColumnName: 'Value', ColumnType: 'dynamic' }],
      Rows: [[1, 'Visualization', { Visualization: null }]],
    },
    {
      FrameType: 'DataTable', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult',
      Columns: columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
      Rows: rows,
    },
    {
      FrameType: 'DataTable', TableId: 2, TableKind: 'QueryCompletionInformation', TableName: 'QueryCompletionInformation',
      Columns: [
        { ColumnName: 'Timestamp', ColumnType: 'datetime' }, { ColumnName: 'ClientRequestId', ColumnType: 'string' },
        { ColumnName: 'ActivityId', ColumnType: 'guid' }, { ColumnName: 'SubActivityId', ColumnType: 'guid' },
        { ColumnName: 'ParentActivityId', ColumnType: 'guid' }, { ColumnName: 'Level', ColumnType: 'int' },
        { ColumnName: 'LevelName', ColumnType: 'string' }, { ColumnName: 'StatusCode', ColumnType: 'int' },
        { ColumnName: 'StatusCodeName', ColumnType: 'string' }, { ColumnName: 'EventType', ColumnType: 'int' },
        { ColumnName: 'EventTypeName', ColumnType: 'string' }, { ColumnName: 'Payload', ColumnType: 'string' },
      ],
      Rows: [[
        '2026-12-04T03:00:00.0000000Z', 'KD;1', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002',
        '00000000-0000-0000-0000-000000000003', 4, 'Info', 0, 'S_OK (0)', 4, 'QueryResourceConsumption',
        JSON.stringify({ ExecutionTime: executionTime, resource_usage: { cpu: { user: cpu, kernel: '00:00:00', 'total cpu': cpu } }, dataset_statistics: [{ table_row_count: rows.length, table_size: 100 }] }),
      ]],
    },
    { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false },
  ];
}

/** A Kusto REST error body (HTTP 400), as a semantic or syntax error comes back. */
export function kustoError(message: string): unknown {
  return { error: { code: 'General_BadRequest', message: 'Request is invalid and cannot be executed.', '@type': 'Kusto.Data.Exceptions.SyntaxException', '@message': message, '@permanent': true } };
}

/** A Log Analytics query API response: `tables` with `columns` and `rows`, optional statistics. */
export function logAnalyticsTables(columns: Column[], rows: unknown[][]): unknown {
  return {
    tables: [{ name: 'PrimaryResult', columns, rows }],
    statistics: { query: { executionTime: 0.0312, resourceUsage: { cpuTimeMs: 16 } } },
  };
}

/** A Log Analytics error: the position is in the innermost `innererror` (`line`, `pos`). */
export function logAnalyticsError(message: string, line: number, pos: number): unknown {
  return {
    error: {
      message: 'The request had some invalid properties', code: 'BadArgumentError', correlationId: '00000000-0000-0000-0000-000000000004',
      innererror: { code: 'SyntaxError', message: 'A recognition error occurred in the query.', innererror: { code: 'SYN0002', message, line, pos, token: 'x' } },
    },
  };
}

/** A Graph runHuntingQuery response: `schema` of `{name, type}` and `results` as objects. */
export function huntingResults(columns: Column[], rows: unknown[][]): unknown {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
    schema: columns,
    results: rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]]))),
  };
}

export function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: '2026-12-04T03:00:00', 'request-id': '00000000-0000-0000-0000-000000000005' } } };
}
