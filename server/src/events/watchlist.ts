// A watchlist's items in the shape Sentinel's `_GetWatchlist(alias)` returns them: `_DTItemId`,
// `LastUpdatedTimeUTC`, `SearchKey` and `WatchlistItem` (the item as a bag), then the
// watchlist's own columns, read from the CSV a watchlist is uploaded as.

import { memoryTable } from '../engine/memoryTable';
import { WATCHLIST_COLUMNS, type Table } from '../engine/table';
import type { Dynamic, Value } from '../engine/values';

/**
 * `items` (one row per watchlist item) as Sentinel returns them. `searchKey` names the column
 * chosen as the watchlist's search key (default: its first column). The item id is the row's
 * 1-based number as a guid and the update time is null: a file records neither.
 */
export function watchlistTable(items: Table, searchKey: string | undefined = items.schema[0]?.name): Table {
  const own = items.schema.filter((c) => !WATCHLIST_COLUMNS.some((w) => w.name === c.name));
  const values = own.map((c) => items.column(c.name) ?? []);
  const keys = searchKey === undefined ? undefined : items.column(searchKey);
  const rows: Value[][] = [];
  for (let row = 0; row < items.rowCount; row++) {
    const item: Record<string, Dynamic> = {};
    own.forEach((c, i) => (item[c.name] = asDynamic(values[i][row])));
    const key = keys?.[row];
    rows.push([itemId(row), null, key === null || key === undefined ? '' : String(key), item, ...own.map((c) => item[c.name])]);
  }
  return memoryTable([...WATCHLIST_COLUMNS, ...own], rows);
}

function itemId(row: number): string {
  return `00000000-0000-0000-0000-${String(row + 1).padStart(12, '0')}`;
}

/** A cell as a bag value (watchlist cells are text; a datetime or timespan would be ticks). */
function asDynamic(value: Value | undefined): Dynamic {
  return typeof value === 'bigint' ? String(value) : (value ?? null);
}
