// A table's columns as the engine types them, from the environment's schema: how event files and
// inline rows are typed wherever they are read (tests, preview, `run`, tuning).

import type { Environment } from '../kusto/globals';
import type { ColumnSchema } from './table';
import { scalarType } from './values';

/**
 * The time columns: Defender XDR tables have `Timestamp`, Log Analytics tables `TimeGenerated`; a
 * Defender table streamed to Sentinel has both.
 */
export const TIME_COLUMNS: readonly string[] = ['Timestamp', 'TimeGenerated'];

/** The columns of `table` in `environment`, or undefined for a table it does not know. A type the engine has no scalar for reads as dynamic. */
export function tableColumns(environment: Environment, table: string): ColumnSchema[] | undefined {
  return environment.tables.find((t) => t.name === table)?.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' }));
}
