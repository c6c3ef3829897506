// Reading and writing `kql-detect lint`'s baseline file (JSON, one entry per accepted finding).

import { writeFileSync } from 'node:fs';
import { readBaseline, type Baseline } from '../rules/baseline';
import { UsageError } from './exit';
import { mustReadJson } from './files';

export function loadBaseline(path: string): Baseline {
  const read = readBaseline(mustReadJson(path, 'the baseline'));
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
