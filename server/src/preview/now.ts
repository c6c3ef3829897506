// What now() means in a preview: the user's choice, else the spec's, else the latest event time
// (so `ago(24h)` keeps working on old fixtures), else the clock.

import type { TableProvider } from '../engine/table';
import { TICKS_PER_MILLISECOND } from '../engine/values';
import type { NowOrigin } from '../protocol/preview';
import { latestEventTime } from '../testing/now';

export { latestEventTime };

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
