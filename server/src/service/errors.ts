// Turns what the SDKs throw (HTTP statuses, network codes, service error bodies) into errors a
// user understands. Messages never include headers or tokens.

import type { Connection, ServiceError } from './types';

/** What an SDK error tells us, read defensively: each SDK shapes its errors differently. */
export interface HttpFailure {
  status?: number;
  /** Network error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, …). */
  code?: string;
  /** True when no HTTP response arrived at all, even if the SDK kept no network code. */
  noResponse?: boolean;
  retryAfter?: string | null;
  /** The service's error body, parsed when it was JSON. */
  body?: unknown;
  message: string;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** An error as one line: a query error is the service's own message, others say their kind. */
export function describeError(error: ServiceError): string {
  return error.kind === 'query' ? error.message : `${error.kind}: ${error.message}`;
}

export function describeFailure(failure: HttpFailure, connection: Connection): ServiceError {
  const where = `${connection.name} (${connection.kind})`;
  // Some SDKs wrap the network error in a message of their own (Kusto's cloud-info lookup).
  const code = failure.code && OFFLINE_CODES.has(failure.code) ? failure.code : [...OFFLINE_CODES].find((c) => failure.message.includes(c));
  if (code || failure.noResponse) {
    return { kind: 'offline', message: `cannot reach ${where}: ${code ?? failure.message}. Check the network and the connection's address.` };
  }
  const detail = serviceMessage(failure.body) ?? failure.message;
  switch (failure.status) {
    case 401:
      return { kind: 'unauthorized', message: `${where} refused the sign-in (401): sign in again, or check the tenant. ${detail}`.trim() };
    case 403:
      return { kind: 'unauthorized', message: `${where}: the signed-in account may not run queries here (403). ${detail}`.trim() };
    case 429: {
      const seconds = retryAfterSeconds(failure.retryAfter);
      const wait = seconds === undefined ? 'Wait and try again.' : `Try again in ${seconds} s.`;
      return { kind: 'throttled', message: `${where} is throttling queries (429). ${wait} ${detail}`.trim(), retryAfterSeconds: seconds };
    }
    case 408:
    case 504:
      return { kind: 'timeout', message: `${where} timed out running the query (${failure.status}). ${detail}`.trim() };
    case 413:
      return { kind: 'limits', message: `${where}: the query is larger than the service accepts (413). Bind fewer events to the case.` };
  }
  if (failure.status === 400 || failure.status === undefined) {
    const position = errorPosition(failure.body) ?? positionInText(detail);
    if (/exceeded|limit|E_QUERY_RESULT_SET_TOO_LARGE|too large/i.test(detail) && !position) return { kind: 'limits', message: `${where}: ${detail}` };
    if (failure.status === 400) return { kind: 'query', message: detail, ...(position ? { position } : {}) };
  }
  return { kind: 'service', message: `${where} failed${failure.status ? ` (${failure.status})` : ''}: ${detail}` };
}

/** Retry-After in seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** The most specific message of a service error body (Kusto `@message`, nested `innererror`s, Graph `error.message`). */
function serviceMessage(body: unknown): string | undefined {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (!error || typeof error !== 'object') return typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : undefined;
  if (typeof error['@message'] === 'string') return error['@message'];
  let inner: Record<string, unknown> | undefined = error;
  let message = typeof error.message === 'string' ? error.message : undefined;
  while (inner) {
    if (typeof inner.message === 'string') message = inner.message;
    inner = (inner.innererror ?? inner.innerError) as Record<string, unknown> | undefined;
    if (inner && typeof inner.message !== 'string') break;
  }
  return message;
}

/** Log Analytics puts `line` and `pos` in the innermost `innererror`. */
function errorPosition(body: unknown): { line: number; column: number } | undefined {
  let inner = (body as { error?: Record<string, unknown> } | undefined)?.error;
  let found: { line: number; column: number } | undefined;
  while (inner && typeof inner === 'object') {
    if (typeof inner.line === 'number' && typeof inner.pos === 'number') found = { line: inner.line, column: inner.pos + 1 };
    inner = inner.innererror as Record<string, unknown> | undefined;
  }
  return found;
}

/** Kusto's messages locate syntax errors as `on line [L,P]` (P 0-based). */
function positionInText(message: string): { line: number; column: number } | undefined {
  const match = /line \[(\d+),(\d+)\]/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) + 1 } : undefined;
}
