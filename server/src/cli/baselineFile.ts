// Reading and writing `kql-detect lint`'s baseline file (JSON, one entry per accepted finding).

import { writeFileSync } from 'node:fs';
import { readBaseline, type Baseline } from '../rules/baseline';
import { UsageError } from './exit';
import { mustReadText } from './files';

export function loadBaseline(path: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(mustReadText(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: the baseline is not valid JSON: ${(error as Error).message}`);
  }
  const read = readBaseline(json);
  if ('problem' in read) throw new UsageError(`${path}: ${read.problem}`);
  return read.baseline;
}

export function saveBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, JSON.stringify(baseline, null, 2) + '\n');
  } catch (error) {
    throw new UsageError(`${path}: cannot write the baseline: ${(error as Error).message}`);
  }
}
