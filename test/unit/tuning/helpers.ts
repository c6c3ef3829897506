// Shared setup for the tuning tests: the Defender schemas, and exclusions written tersely.

import { environmentFor } from '../../../server/src/kusto/environment';
import type { Exclusion, ExclusionKind } from '../../../server/src/tuning/index';

export const environment = environmentFor('defender');

export function exclusion(kind: ExclusionKind, value: string, comment = ''): Exclusion {
  return { kind, table: 'DeviceProcessEvents', value, comment };
}

/** Lines joined with `\n`, so a golden text reads as the query does. */
export function lines(...text: string[]): string {
  return text.join('\n');
}
