// The now() a run without a pinned one uses: the latest event time of the tables it reads, so that
// `ago(24h)` keeps meaning the same on old fixtures. Tests and the preview pin it this one way.

import { TIME_COLUMNS } from '../engine/schema';
import type { TableProvider } from '../engine/table';


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
