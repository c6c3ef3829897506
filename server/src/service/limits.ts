// The documented result limits of each service. A result at the limit may be truncated by the
// service, so it is reported as over the limits instead of shown as complete.
//
// ADX and Log Analytics / Sentinel: 500,000 records (Kusto's default result truncation, "Query
// limits" in the Kusto documentation). Defender Advanced Hunting: 100,000 rows per query
// ("Advanced hunting API" quotas).

import type { ConnectionKind } from './types';

export const RESULT_ROW_LIMIT: Record<ConnectionKind, number> = {
  adx: 500_000,
  'log-analytics': 500_000,
  defender: 100_000,
};

/** Why a result with `rows` rows cannot be trusted as complete, or undefined. */
export function overResultLimit(kind: ConnectionKind, rows: number): string | undefined {
  const limit = RESULT_ROW_LIMIT[kind];
  if (rows < limit) return undefined;
  return `the service returned ${rows.toLocaleString('en-US')} rows, its documented limit of ${limit.toLocaleString('en-US')}: the result may be truncated, so it is not used. Narrow the query or the events.`;
}
