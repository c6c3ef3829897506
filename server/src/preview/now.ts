// What now() means in a preview: the user's choice, else the spec's, else the latest event time
// (so `ago(24h)` keeps working on old fixtures), else the clock.

import type { TableProvider } from '../engine/table';
import { TICKS_PER_MILLISECOND } from '../engine/values';
import type { NowOrigin } from '../protocol/preview';

/** The time columns of Defender (`Timestamp`) and Sentinel (`TimeGenerated`) tables. */
const TIME_COLUMNS = ['Timestamp', 'TimeGenerated'];

export interface PinnedNow {
  ticks: bigint;
  origin: NowOrigin;
}

export function pinNow(chosen: bigint | undefined, fromSpec: bigint | undefined, provider: TableProvider, clockMs: number): PinnedNow {
  if (chosen !== undefined) return { ticks: chosen, origin: 'chosen' };
  if (fromSpec !== undefined) return { ticks: fromSpec, origin: 'spec' };
  const latest = latestEventTime(provider);
  if (latest !== undefined) return { ticks: latest, origin: 'events' };
  return { ticks: BigInt(clockMs) * TICKS_PER_MILLISECOND, origin: 'clock' };
}

/** The latest value of any bound table's datetime time column. */
export function latestEventTime(provider: TableProvider): bigint | undefined {
  let latest: bigint | undefined;
  for (const name of provider.tableNames()) {
    const table = provider.table(name);
    if (!table) continue;
    for (const column of TIME_COLUMNS) {
      if (table.schema.find((c) => c.name === column)?.type !== 'datetime') continue;
      const values = table.column(column);
      if (!values) continue;
      for (let row = 0; row < values.length; row++) {
        const value = values[row];
        if (typeof value === 'bigint' && (latest === undefined || value > latest)) latest = value;
      }
    }
  }
  return latest;
}
