// The one shape of a query on a service, whichever SDK sends it: the request under a deadline,
// the answer read into a typed result, and the documented result limit applied to it.

import { withDeadline } from './deadline';
import type { HttpFailure } from './errors';
import { overResultLimit } from './limits';
import type { Connection, QueryOptions, ServiceClient, ServiceError, ServiceOutcome, ServiceResult } from './types';

export interface QueryProtocol<T> {
  /** Sends the query; `signal` ends the request where the SDK takes one. */
  send(text: string, options: QueryOptions, signal: AbortSignal): Promise<T>;
  /** What the SDK threw, for describeFailure. */
  failureOf(error: unknown): HttpFailure;
  /** The typed result of an answer (`startedMs`: when the request was sent), or why there is none. */
  read(answer: T, startedMs: number): ServiceResult | ServiceError;
}

export function queryClient<T>(connection: Connection, protocol: QueryProtocol<T>): ServiceClient {
  return {
    connection,
    async query(text: string, options: QueryOptions = {}): Promise<ServiceOutcome> {
      const started = Date.now();
      const settled = await withDeadline(connection, options, (signal) => protocol.send(text, options, signal), protocol.failureOf);
      if ('error' in settled) return settled;
      const answer = protocol.read(settled.value, started);
      if (!('result' in answer)) return { error: answer };
      const over = overResultLimit(connection.kind, answer.result.rows.length);
      if (over) return { error: { kind: 'limits', message: `${connection.name}: ${over}` } };
      return { ok: answer };
    },
  };
}
