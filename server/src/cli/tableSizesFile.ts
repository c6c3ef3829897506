// Reading `kql-detect lint --table-sizes FILE` (see `rules/cost/tableSizes.ts` for its shape).

import { readTableSizes, type TableSizes } from '../rules/cost/tableSizes';
import { UsageError } from './exit';
import { mustReadJson } from './files';

export function loadTableSizes(path: string): TableSizes {
  const read = readTableSizes(mustReadJson(path, 'the table-size file'));
  if ('problem' in read) throw new UsageError(`${path}: ${read.problem}`);
  return read.sizes;
}
