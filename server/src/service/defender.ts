// Defender XDR Advanced Hunting through Microsoft Graph's security/runHuntingQuery, with
// @microsoft/microsoft-graph-client. The answer is `schema` (name, type) and `results` (objects).

import { AuthenticationHandler, Client, HTTPMessageHandler, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { HttpFailure } from './errors';
import { queryClient } from './query';
import type { Connection, ServiceClient, TokenSource } from './types';
import { serviceType, serviceValue } from './values';

const GRAPH = 'https://graph.microsoft.com';

interface HuntingAnswer {
  schema?: { name?: string; type?: string; Name?: string; Type?: string }[];
  results?: Record<string, unknown>[];
}

export function defenderClient(connection: Connection, token: TokenSource): ServiceClient {
  const base = (connection.endpoint ?? GRAPH).replace(/\/+$/, '');
  const scope = `${connection.endpoint ? base : GRAPH}/.default`;
  return queryClient(connection, {
    async send(text, _options, signal) {
      // Signed in before the Graph client runs: it would report a failed sign-in as a request
      // that got no response (status -1), and the user would read "offline".
      const bearer = await token([scope], signal);
      const authProvider: AuthenticationProvider = { getAccessToken: async () => bearer };
      // No retry handler: throttling is reported with its Retry-After, not waited out silently.
      const client = Client.initWithMiddleware({
        baseUrl: base,
        middleware: [new AuthenticationHandler(authProvider), new HTTPMessageHandler()],
        customHosts: new Set([new URL(base).hostname]),
      });
      return client.api('/security/runHuntingQuery').version('v1.0').option('signal', signal).post({ Query: text }) as Promise<HuntingAnswer>;
    },
    failureOf: defenderFailure,
    read(answer, startedMs) {
      const columns = (answer.schema ?? []).map((c) => ({ name: c.name ?? c.Name ?? '', type: serviceType(c.type ?? c.Type ?? 'dynamic') }));
      const rows = (answer.results ?? []).map((row) => columns.map((c) => serviceValue(row[c.name], c.type)));
      return { result: { columns, rows }, statistics: { rows: rows.length, durationMs: Date.now() - startedMs } };
    },
  });
}

function defenderFailure(error: unknown): HttpFailure {
  const e = error as { statusCode?: number; code?: string; message?: string; body?: unknown; headers?: { get(name: string): string | null } };
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // a plain-text body stays text
    }
  }
  // The Graph client reports a request that got no response as status -1 (the network error's
  // code is lost on the way).
  const noResponse = e.statusCode === -1;
  const status = e.statusCode !== undefined && e.statusCode > 0 ? e.statusCode : undefined;
  return { status, noResponse, retryAfter: e.headers?.get?.('retry-after'), body: noResponse ? undefined : body, message: String(e.message ?? error) };
}
