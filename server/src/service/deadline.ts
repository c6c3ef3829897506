// Cancellation and timeouts around a request: the outcome settles at once, and the signal handed
// to the request aborts it, so the SDK ends the HTTP request too.

import { describeFailure, type HttpFailure } from './errors';
import type { Connection, QueryOptions, ServiceError } from './types';

/** How long a query may take when the user does not say (the CLI's --timeout, the editor). */
export const DEFAULT_TIMEOUT_SECONDS = 120;

export type Settled<T> = { value: T } | { error: ServiceError };

/** Runs `run`, and turns a timeout, a cancellation or what the SDK throws into a ServiceError. */
export async function withDeadline<T>(
  connection: Connection,
  options: QueryOptions,
  run: (signal: AbortSignal) => Promise<T>,
  failureOf: (error: unknown) => HttpFailure,
): Promise<Settled<T>> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) return { error: cancelled(connection) };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<Settled<T>>((resolve) => {
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        resolve({ error: { kind: 'timeout', message: `${connection.name} did not answer within ${Math.round(options.timeoutMs! / 1000)} s; the query was abandoned. Raise the timeout or narrow the query.` } });
        controller.abort();
      }, options.timeoutMs);
    }
    controller.signal.addEventListener('abort', () => resolve({ error: cancelled(connection) }), { once: true });
  });
  try {
    const request = run(controller.signal).then(
      (value): Settled<T> => ({ value }),
      (error: unknown): Settled<T> => ({ error: describeFailure(failureOf(error), connection) }),
    );
    return await Promise.race([request, stop]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (!controller.signal.aborted) controller.abort();
  }
}

function cancelled(connection: Connection): ServiceError {
  return { kind: 'cancelled', message: `the query on ${connection.name} was cancelled` };
}
