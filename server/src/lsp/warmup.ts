// Loads Kusto.Language and runs it once over a small query with the default schema, so that the
// first real request pays neither the library's load nor its just-in-time warm-up.

import { performance } from 'node:perf_hooks';
import { blockAt } from '../kusto/blocks';
import { environmentFor } from '../kusto/environment';
import { completionsAt } from '../kusto/service/completion';
import { lintDocument } from '../rules/lint';

const WARMUP_QUERY = 'let names = dynamic(["a.exe"]);\nDeviceProcessEvents\n| where Timestamp > ago(1d) and FileName has_any (names)\n| project Timestamp, FileName\n';

/** Returns how long the warm-up took, in milliseconds. */
export function warmUp(): number {
  const started = performance.now();
  const { analysis } = lintDocument(WARMUP_QUERY, environmentFor('defender'));
  const block = blockAt(analysis.blocks, WARMUP_QUERY.length);
  if (block) completionsAt(block, WARMUP_QUERY.indexOf('FileName'));
  return Math.round(performance.now() - started);
}
