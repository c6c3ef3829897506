// The false positives the detection's tests know about: the events of `fp`-tagged cases that the
// detection still alerts on. The light bulb offers exclusions for these.

import type { Table } from '../engine/index';
import { displayValue } from '../testing/cells';
import type { TestBench } from './bench';
import type { TuningEvent } from './exclusion';

export interface KnownFalsePositive {
  /** The `fp` case that documents it. */
  caseName: string;
  event: TuningEvent;
}

export function knownFalsePositives(text: string, tests: TestBench): KnownFalsePositive[] {
  const found: KnownFalsePositive[] = [];
  const seen = new Set<string>();
  for (const run of tests.run(text)) {
    if (!run.tags.includes('fp')) continue;
    for (const { source, table } of run.alerts) {
      const event: TuningEvent = { table: source.table, fields: fieldsOf(table, source.row) };
      const key = JSON.stringify(event);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ caseName: run.name, event });
    }
  }
  return found;
}

/** The event's non-empty values as text. */
export function fieldsOf(table: Table, row: number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const column of table.schema) {
    const value = table.column(column.name)?.[row];
    if (value === null || value === undefined || value === '') continue;
    fields[column.name] = displayValue(value, column.type);
  }
  return fields;
}
