// Table volumes for the cost score: with them, a finding that scans a table (no time filter, an
// unwindowed join side, …) weighs in proportion to how much that table ingests, so a full scan of
// a 500 GB/day table outranks one of a 1 GB/day table. Without them every table counts the same.
//
// The file is `{"unit": "GB/day" | "rows/day", "tables": {"DeviceProcessEvents": 120, …}}`, or
// kql-guard's flat `{"Table": factor}`. A volume becomes a factor against the median of the listed
// volumes, so a typical table keeps the rule's weight; a table the file does not list counts as
// typical (factor 1).

import { isRecord } from '../../text/json';

export const VOLUME_UNITS = ['GB/day', 'rows/day'] as const;

export interface TableSizes {
  /** Multiplier of a scan finding's weight, by table name (exact, as Kusto names tables). */
  factors: ReadonlyMap<string, number>;
}

/** Reads a parsed table-size file; a problem names what is wrong with it. */
export function readTableSizes(json: unknown): { sizes: TableSizes } | { problem: string } {
  if (!isRecord(json)) return { problem: 'expected an object: {"unit": "GB/day", "tables": {"Table": volume, …}}' };
  if (!('tables' in json)) {
    const factors = positiveNumbers(json, 'factor');
    return 'problem' in factors ? factors : { sizes: { factors: factors.values } };
  }
  if (!(VOLUME_UNITS as readonly unknown[]).includes(json.unit)) return { problem: `"unit" must be one of ${VOLUME_UNITS.map((u) => `"${u}"`).join(', ')}` };
  if (!isRecord(json.tables)) return { problem: '"tables" must be an object of table names and volumes' };
  const volumes = positiveNumbers(json.tables, `volume in ${json.unit as string}`);
  if ('problem' in volumes) return volumes;
  const reference = median([...volumes.values.values()]);
  return { sizes: { factors: new Map([...volumes.values].map(([table, volume]) => [table, volume / reference])) } };
}

/** `weight` scaled by the size of the table the finding scans, to two decimals (never below 0.01). */
export function scaledWeight(weight: number, table: string | undefined, sizes: TableSizes | undefined): number {
  const factor = (table !== undefined && sizes?.factors.get(table)) || 1;
  return Math.max(0.01, Math.round(weight * factor * 100) / 100);
}

function positiveNumbers(record: Record<string, unknown>, what: string): { values: Map<string, number> } | { problem: string } {
  const values = new Map<string, number>();
  for (const [table, value] of Object.entries(record)) {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) return { problem: `${table}: the ${what} must be a number above 0, not ${JSON.stringify(value)}` };
    values.set(table, value);
  }
  return { values };
}

function median(values: number[]): number {
  if (values.length === 0) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

