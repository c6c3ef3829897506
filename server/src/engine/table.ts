// Where the engine's rows come from. A table is columnar: the engine asks only for the columns a
// query touches, and a provider may parse a column only when it is first asked for.

import type { ScalarType, Value } from './values';

export interface ColumnSchema {
  name: string;
  type: ScalarType;
}

/** Where an input row came from, so the preview can open the event in its file. */
export interface RowSource {
  file: string;
  /** 1-based line of the event in its file (for a JSON array, the line its object starts on). */
  line: number;
}

/**
 * A leading `where` predicate of a query that reads one column and nothing of the row's context
 * (no row_number(), prev(), …): the engine's own compiled predicate, asked about one value.
 */
export interface ValueFilter {
  column: string;
  /** The value the column reads as where a row lacks it (the type's empty value). */
  empty: Value;
  /** True keeps the row (false and null drop it, as in `where`). The same value always gives the same answer. */
  test(value: Value): boolean;
}

export interface Table {
  readonly schema: readonly ColumnSchema[];
  readonly rowCount: number;
  /** All values of one column, typed by the schema; parsed on first request. Undefined if absent. */
  column(name: string): ArrayLike<Value> | undefined;
  /** The origin of row `row`, when the table was read from a file. */
  source?(row: number): RowSource | undefined;
  /**
   * Optional: the rows, in order, for which every filter holds (tried in order, as `where` does),
   * as a table of only those rows. A reader can then test the filtered columns value by value as
   * it reads and decode the other columns only for the rows that pass.
   */
  filter?(filters: readonly ValueFilter[]): Table;
}

/**
 * Binds table names to tables. The local event files are one provider; a cluster connection can
 * be another, behind the same interface.
 */
export interface TableProvider {
  /** The table bound to `name` (case-sensitive, as in Kusto), or undefined if none is bound. */
  table(name: string): Table | undefined;
  /** Names of every bound table, so the analyser can learn their schemas. */
  tableNames(): string[];
  /**
   * The local file bound to an `externaldata` source, read with the schema the query declares;
   * undefined when none is bound. Nothing is ever fetched from the network.
   */
  externalData?(request: ExternalDataRequest): Table | undefined;
  /** The items of the watchlist `_GetWatchlist(alias)` reads, in Sentinel's shape; undefined if none. */
  watchlist?(alias: string): Table | undefined;
}

export interface ExternalDataRequest {
  /** The storage URIs the query names, as written (decoded literals). */
  urls: string[];
  /** The declared columns, in order. */
  columns: readonly ColumnSchema[];
  /** The `format` the query's `with` clause gives, lower-cased, if any. */
  format?: string;
  /** `ignoreFirstRecord=true`: the file's first record is a header, not data. */
  ignoreFirstRecord: boolean;
}

/**
 * Kusto's hidden column of each row's ingestion time, which `ingestion_time()` reads. A table
 * may answer `column(INGESTION_TIME)`; it is never part of `schema`, so no query sees it as a
 * column.
 */
export const INGESTION_TIME = '$IngestionTime';

/** Sentinel's function that reads a watchlist's items by alias. */
export const WATCHLIST_FUNCTION = '_GetWatchlist';

/** The columns Sentinel gives every watchlist item before the watchlist's own columns. */
export const WATCHLIST_COLUMNS: readonly ColumnSchema[] = [
  { name: '_DTItemId', type: 'string' },
  { name: 'LastUpdatedTimeUTC', type: 'datetime' },
  { name: 'SearchKey', type: 'string' },
  { name: 'WatchlistItem', type: 'dynamic' },
];
